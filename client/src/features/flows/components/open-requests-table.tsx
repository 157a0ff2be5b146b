import { Badge, ScrollArea, Table } from '@mantine/core'
import { LEFT_BEHIND_AFTER_DAYS, type OpenRequests } from '@ee/shared/flows'
import { formatDate } from '../../../lib/format.ts'

/** Open requests, oldest first; a request waiting 14 days or more with no offer is flagged. */
export function OpenRequestsTable({ data, showSchool }: { data: OpenRequests; showSchool: boolean }) {
  return (
    <ScrollArea type="auto">
      <Table captionSide="top" striped withTableBorder fz="sm" miw={640}>
        <Table.Caption>Open requests by age, oldest first.</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Request</Table.Th>
            {showSchool && <Table.Th scope="col">School</Table.Th>}
            <Table.Th scope="col">Published</Table.Th>
            <Table.Th scope="col" ta="right">Days waiting</Table.Th>
            <Table.Th scope="col" ta="right">Places filled</Table.Th>
            <Table.Th scope="col" ta="right">Live offers</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
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
        </Table.Tbody>
      </Table>
    </ScrollArea>
  )
}
