import { ScrollArea, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core'
import type { FlowGraph } from '@ee/shared/flows'
import { formatDays } from '../../../lib/format.ts'

const round = (n: number) => Math.round(n * 10) / 10

/** White to indigo by share of the largest flow; dark cells get white text for contrast. */
function heat(share: number) {
  const lightness = Math.round(97 - share * 62)
  return { background: `hsl(230 70% ${lightness}%)`, color: lightness < 60 ? '#fff' : '#212529' }
}

/**
 * Providers down the side, receivers across the top, days agreed in each cell. Every cell with a flow
 * is a button that opens the engagements behind it, so the whole graph is reachable by keyboard.
 */
export function FlowMatrix({ graph, onOpen }: { graph: FlowGraph; onOpen: (link: { from: string; to: string }) => void }) {
  const providers = graph.nodes.filter((n) => graph.links.some((l) => l.from === n.schoolId))
  const receivers = graph.nodes.filter((n) => graph.links.some((l) => l.to === n.schoolId))
  const cell = new Map(graph.links.map((l) => [`${l.from}~${l.to}`, l]))
  const max = Math.max(1, ...graph.links.map((l) => l.days))
  const given = (id: string) => graph.links.filter((l) => l.from === id).reduce((n, l) => n + l.days, 0)
  const received = (id: string) => graph.links.filter((l) => l.to === id).reduce((n, l) => n + l.days, 0)

  return (
    <ScrollArea type="auto" className="flow-matrix">
      <Table captionSide="top" withTableBorder withColumnBorders striped={false} fz="sm" miw={Math.max(400, 140 + receivers.length * 90)}>
        <Table.Caption>
          Days agreed from each providing school (rows) to each receiving school (columns), {graph.period.label}. Darker cells carry more days.
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              <VisuallyHidden>Providing school</VisuallyHidden>
              <Text size="xs" c="dimmed" aria-hidden>From ↓ · To →</Text>
            </Table.Th>
            {receivers.map((r) => (
              <Table.Th key={r.schoolId} scope="col">{r.name}</Table.Th>
            ))}
            <Table.Th scope="col">Total given</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {providers.map((p) => (
            <Table.Tr key={p.schoolId}>
              <Table.Th scope="row">{p.name}</Table.Th>
              {receivers.map((r) => {
                const link = cell.get(`${p.schoolId}~${r.schoolId}`)
                if (!link) return <Table.Td key={r.schoolId} aria-label="none" />
                const style = heat(link.days / max)
                return (
                  <Table.Td key={r.schoolId} p={0} style={{ background: style.background }}>
                    <UnstyledButton
                      onClick={() => onOpen({ from: p.schoolId, to: r.schoolId })}
                      aria-label={`${p.name} to ${r.name}: ${formatDays(link.days)} agreed, ${formatDays(link.deliveredDays)} delivered, ${link.engagements} ${link.engagements === 1 ? 'engagement' : 'engagements'}. Show the engagements`}
                      style={{ color: style.color, display: 'block', width: '100%', padding: '6px 10px', textAlign: 'right' }}
                    >
                      {link.days}
                    </UnstyledButton>
                  </Table.Td>
                )
              })}
              <Table.Td ta="right" fw={600}>{round(given(p.schoolId))}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">Total received</Table.Th>
            {receivers.map((r) => (
              <Table.Td key={r.schoolId} ta="right" fw={600}>{round(received(r.schoolId))}</Table.Td>
            ))}
            <Table.Td ta="right" fw={700}>{round(graph.totals.days)}</Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </ScrollArea>
  )
}
