import { Badge, Table } from '@mantine/core'
import { LEFT_BEHIND_AFTER_DAYS, type OpenRequests } from '@ee/shared/flows'
import { formatDate } from '../../../lib/format.ts'
import { FiguresTable } from './figures-table.tsx'

/** Open requests, oldest first; a request waiting 14 days or more with no offer is flagged. */
export function OpenRequestsTable({ data, showSchool }: { data: OpenRequests; showSchool: boolean }) {
  return (
    <FiguresTable
      caption="Open requests by age, oldest first."
      minWidth={640}
      columns={[{ label: 'Request' }, showSchool && { label: 'School' }, { label: 'Published' }, { label: 'Days waiting', numeric: true }, { label: 'Places filled', numeric: true }, { label: 'Live offers', numeric: true }]}
    >
      {data.items.map((r) => (
        <Table.Tr key={r.requestId}>
          <Table.Th scope="row" fw={500}>
            {r.title}
            {r.liveOffers === 0 && r.ageDays >= LEFT_BEHIND_AFTER_DAYS && (
              <Badge ml={6} size="xs" color="red.9" variant="outline">No offer after {r.ageDays} days</Badge>
            )}
          </Table.Th>
          {showSchool && <Table.Td>{r.schoolName}</Table.Td>}
          <Table.Td>{formatDate(r.publishedAt)}</Table.Td>
          <Table.Td ta="right">{r.ageDays}</Table.Td>
          <Table.Td ta="right">{r.placesFilled} of {r.expertsWanted}</Table.Td>
          <Table.Td ta="right">{r.liveOffers}</Table.Td>
        </Table.Tr>
      ))}
    </FiguresTable>
  )
}
