import { Group, Table, Text } from '@mantine/core'
import type { TimeToCommission } from '@ee/shared/flows'
import { formatDays } from '../../../lib/format.ts'
import { AREA_COLUMNS, AreaCells, FiguresTable } from './figures-table.tsx'

const COLUMNS = [...AREA_COLUMNS, { label: 'Requests commissioned', numeric: true }, { label: 'Median days', numeric: true }]

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
        <FiguresTable caption={`Median days to commission per area, ${data.period.label}.`} minWidth={480} columns={COLUMNS}>
          {data.items.map((r) => (
            <Table.Tr key={r.areaId}>
              <AreaCells row={r} />
              <Table.Td ta="right">{r.requests}</Table.Td>
              <Table.Td ta="right">{r.medianDays}</Table.Td>
            </Table.Tr>
          ))}
        </FiguresTable>
      )}
    </>
  )
}
