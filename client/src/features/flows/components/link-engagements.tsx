import { Badge, Modal, Table, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { FlowsFilter } from '@ee/shared/flows'
import { EmptyState, ListSkeleton, QueryState } from '../../../components/states.tsx'
import { termName } from '../../../lib/format.ts'
import { flowQueries } from '../api.ts'
import { FiguresTable } from './figures-table.tsx'

const STATUS = { active: 'Under way', completed: 'Completed' } as const

/** The engagements behind one flow: what was asked (never the confidential words), days and how far along. */
export function LinkEngagements({ link, filter, onClose }: { link: { from: string; to: string } | null; filter: FlowsFilter; onClose: () => void }) {
  const query = useQuery({ ...flowQueries.link(link?.from ?? '', link?.to ?? '', filter), enabled: link !== null })
  const title = query.data ? `${query.data.from.name} → ${query.data.to.name}` : 'Engagements behind this flow'
  return (
    <Modal opened={link !== null} onClose={onClose} title={title} size="xl" closeButtonProps={{ 'aria-label': 'Close' }}>
      {link && (
        <QueryState query={query} loading={<ListSkeleton rows={2} />}>
          {(detail) =>
            detail.items.length === 0 ? (
              <EmptyState title="No engagements in this period">Try a longer period, or another area.</EmptyState>
            ) : (
              <FiguresTable
                caption={`Engagements from ${detail.from.name} to ${detail.to.name}, ${detail.period.label}.`}
                minWidth={620}
                columns={[{ label: 'Request' }, { label: 'Areas' }, { label: 'Term' }, { label: 'Days agreed', numeric: true }, { label: 'Delivered', numeric: true }, { label: 'Status' }]}
              >
                {detail.items.map((e) => (
                  <Table.Tr key={e.engagementId}>
                    <Table.Th scope="row" fw={500}>
                      {e.title}
                      {e.confidential && <Badge ml={6} size="xs" variant="light" color="gray">Confidential</Badge>}
                    </Table.Th>
                    <Table.Td>{e.areas.map((a) => a.name).join(', ') || '—'}</Table.Td>
                    <Table.Td>{termName(e.termStart)}</Table.Td>
                    <Table.Td ta="right">{e.days}</Table.Td>
                    <Table.Td ta="right">{e.deliveredDays}</Table.Td>
                    <Table.Td>
                      {STATUS[e.status]}
                      {e.release === 'pending' && <Text span size="xs" c="dimmed"> · release awaiting approval</Text>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </FiguresTable>
            )
          }
        </QueryState>
      )}
    </Modal>
  )
}
