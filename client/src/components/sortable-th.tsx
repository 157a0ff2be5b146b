import { Group, Table, UnstyledButton } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react'
import { type ReactNode, useMemo, useState } from 'react'

export type Sort<K extends string> = { key: K; desc: boolean }

/** Sorts rows by one column; a second press on the same column reverses it. */
export function useSortedRows<T, K extends string>(rows: T[], initial: Sort<K>, value: (row: T, key: K) => string | number) {
  const [sort, setSort] = useState(initial)
  const sorted = useMemo(() => {
    const out = [...rows].sort((a, b) => {
      const [x, y] = [value(a, sort.key), value(b, sort.key)]
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en-GB')
      return sort.desc ? -c : c
    })
    return out
  }, [rows, sort, value])
  const toggle = (key: K) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: key !== initial.key || initial.desc }))
  return { sorted, sort, toggle }
}

/** A column header that sorts; screen readers hear the order through aria-sort. */
export function SortableTh<K extends string>({ column, sort, onSort, children, numeric }: { column: K; sort: Sort<K>; onSort: (k: K) => void; children: ReactNode; numeric?: boolean }) {
  const active = sort.key === column
  const Icon = active ? (sort.desc ? IconArrowDown : IconArrowUp) : IconArrowsSort
  return (
    <Table.Th scope="col" aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'} ta={numeric ? 'right' : undefined}>
      <UnstyledButton onClick={() => onSort(column)} style={{ fontWeight: 700, width: '100%' }}>
        <Group gap={4} justify={numeric ? 'flex-end' : 'flex-start'} wrap="nowrap">
          {children}
          <Icon size={14} aria-hidden className="no-print" />
        </Group>
      </UnstyledButton>
    </Table.Th>
  )
}

export type HeadColumn<K extends string> = { label: ReactNode; sortBy?: K; numeric?: boolean }

/** A table's header row: a column with `sortBy` sorts, the others are plain headings. */
export function SortableHead<K extends string>({ columns, sort, onSort }: { columns: HeadColumn<K>[]; sort: Sort<K>; onSort: (k: K) => void }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c, i) =>
          c.sortBy ? (
            <SortableTh key={i} column={c.sortBy} sort={sort} onSort={onSort} numeric={c.numeric}>{c.label}</SortableTh>
          ) : (
            <Table.Th key={i} scope="col" ta={c.numeric ? 'right' : undefined}>{c.label}</Table.Th>
          ),
        )}
      </Table.Tr>
    </Table.Thead>
  )
}

/** A striped table whose header sorts; it scrolls sideways on a screen narrower than `minWidth`. */
export function SortableTable<K extends string>(props: { minWidth: number; caption: string; columns: HeadColumn<K>[]; sort: Sort<K>; onSort: (k: K) => void; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={props.minWidth}>
      <Table striped highlightOnHover>
        <Table.Caption>{props.caption}</Table.Caption>
        <SortableHead columns={props.columns} sort={props.sort} onSort={props.onSort} />
        <Table.Tbody>{props.children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
