import { ScrollArea, Table } from '@mantine/core'
import { useCallback } from 'react'
import type { Balance, BalanceRow } from '@ee/shared/flows'
import { type HeadColumn, SortableHead, useSortedRows } from '../../../components/sortable-th.tsx'

type Column = 'name' | 'cluster' | 'daysGiven' | 'daysReceived' | 'net' | 'requestsRaised' | 'commissioned' | 'unmet'
const round = (n: number) => Math.round(n * 10) / 10

/** Each school's give and take; sortable by any column, net = received less given. */
const COLUMNS: HeadColumn<Column>[] = [
  { label: 'School', sortBy: 'name' },
  { label: 'Cluster', sortBy: 'cluster' },
  ...([['daysGiven', 'Days given'], ['daysReceived', 'Days received'], ['net', 'Net'], ['requestsRaised', 'Requests raised'], ['commissioned', 'Commissioned'], ['unmet', 'Unmet']] as const).map(([sortBy, label]) => ({ sortBy, label, numeric: true })),
]

export function BalanceTable({ balance }: { balance: Balance }) {
  const value = useCallback((r: BalanceRow, k: Column) => (k === 'net' ? r.daysReceived - r.daysGiven : k === 'cluster' ? (r.cluster ?? '') : r[k]), [])
  const { sorted, sort, toggle } = useSortedRows<BalanceRow, Column>(balance.items, { key: 'name', desc: false }, value)
  return (
    <ScrollArea type="auto">
      <Table captionSide="top" striped highlightOnHover withTableBorder fz="sm" miw={760}>
        <Table.Caption>Each school’s balance, {balance.period.label}: days given and received, and its requests. Select a heading to sort.</Table.Caption>
        <SortableHead columns={COLUMNS} sort={sort} onSort={toggle} />
        <Table.Tbody>
          {sorted.map((r) => {
            const net = round(r.daysReceived - r.daysGiven)
            return (
              <Table.Tr key={r.schoolId}>
                <Table.Th scope="row" fw={500}>{r.name}</Table.Th>
                <Table.Td>{r.cluster ?? '—'}</Table.Td>
                <Table.Td ta="right">{round(r.daysGiven)}</Table.Td>
                <Table.Td ta="right">{round(r.daysReceived)}</Table.Td>
                <Table.Td ta="right">{net > 0 ? `+${net}` : net}</Table.Td>
                <Table.Td ta="right">{r.requestsRaised}</Table.Td>
                <Table.Td ta="right">{r.commissioned}</Table.Td>
                <Table.Td ta="right" fw={r.unmet > 0 ? 700 : undefined}>{r.unmet}</Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  )
}
