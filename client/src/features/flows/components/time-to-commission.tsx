import { Group, ScrollArea, Table, Text } from '@mantine/core'
import type { TimeToCommission } from '@ee/shared/flows'
import { formatDays } from '../../../lib/format.ts'

/** The median wait from publishing to commissioning, overall and per area. */
export function TimeToCommissionView({ data }: { data: TimeToCommission }) {
  return (
    <>
      <Group gap="xs">
        <Text fw={700} size="xl">{data.overall.medianDays === null ? '—' : formatDays(data.overall.medianDays)}</Text>
        <Text c="dimmed" size="sm">
          median from publishing to commissioning, over {data.overall.requests} {data.overall.requests === 1 ? 'request' : 'requests'} published in {data.period.label}
        </Text>
      </Group>
      {data.items.length > 0 && (
        <ScrollArea type="auto">
          <Table captionSide="top" striped withTableBorder fz="sm" miw={480}>
            <Table.Caption>Median days to commission per area, {data.period.label}.</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Area</Table.Th>
                <Table.Th scope="col">Strand</Table.Th>
                <Table.Th scope="col" ta="right">Requests commissioned</Table.Th>
                <Table.Th scope="col" ta="right">Median days</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((r) => (
                <Table.Tr key={r.areaId}>
                  <Table.Th scope="row" fw={500}>{r.name}</Table.Th>
                  <Table.Td>{r.strand ?? '—'}</Table.Td>
                  <Table.Td ta="right">{r.requests}</Table.Td>
                  <Table.Td ta="right">{r.medianDays}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </>
  )
}
