import { Badge, Table, Text } from '@mantine/core'
import type { ReactNode } from 'react'

type Line = { line: number; reasons: string[] }

/**
 * What happened (or would happen) to each line of an uploaded file: the line number, the columns read
 * from it, and a result badge with any changes and the reasons a line was refused.
 */
export function LineReport<R extends Line>(props: {
  caption: string
  minWidth: number
  maxHeight: number
  columns: string[]
  rows: R[]
  cells: (row: R) => ReactNode[]
  result: (row: R) => { color: string; label: string }
  details?: (row: R) => ReactNode
}) {
  return (
    <Table.ScrollContainer minWidth={props.minWidth} maxHeight={props.maxHeight}>
      <Table striped stickyHeader>
        <Table.Caption>{props.caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {['Line', ...props.columns, 'Result'].map((c) => <Table.Th key={c} scope="col">{c}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((r) => {
            const result = props.result(r)
            return (
              <Table.Tr key={r.line}>
                <Table.Td>{r.line}</Table.Td>
                {props.cells(r).map((cell, i) => <Table.Td key={i}>{cell}</Table.Td>)}
                <Table.Td>
                  <Badge color={result.color} variant="outline">{result.label}</Badge>
                  {props.details?.(r)}
                  {r.reasons.length > 0 && <Text size="sm">{r.reasons.join('; ')}</Text>}
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
