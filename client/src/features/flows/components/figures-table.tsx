import { ScrollArea, Table } from '@mantine/core'
import type { ReactNode } from 'react'

export type Column = { label: string; numeric?: boolean }

/** A captioned, striped table of figures that scrolls sideways on a narrow screen; figures align right. */
export function FiguresTable({ caption, minWidth, columns, children }: { caption: ReactNode; minWidth: number; columns: (Column | false)[]; children: ReactNode }) {
  return (
    <ScrollArea type="auto">
      <Table captionSide="top" striped withTableBorder fz="sm" miw={minWidth}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => c && <Table.Th key={c.label} scope="col" ta={c.numeric ? 'right' : undefined}>{c.label}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </ScrollArea>
  )
}

/** The first two columns of a table per area: the area (the row's heading) and its strand. */
export const AREA_COLUMNS: Column[] = [{ label: 'Area' }, { label: 'Strand' }]

export function AreaCells({ row }: { row: { name: string; strand: string | null } }) {
  return (
    <>
      <Table.Th scope="row" fw={500}>{row.name}</Table.Th>
      <Table.Td>{row.strand ?? '—'}</Table.Td>
    </>
  )
}
