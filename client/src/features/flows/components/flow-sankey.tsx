import { Text } from '@mantine/core'
import { Layer, Rectangle, ResponsiveContainer, Sankey, Tooltip } from 'recharts'
import type { FlowGraph } from '@ee/shared/flows'
import { formatDays } from '../../../lib/format.ts'

type Side = 'gives' | 'receives'
type SankeyNodeDatum = { name: string; schoolId: string; side: Side }
type SankeyLinkDatum = { source: number; target: number; value: number; from: string; to: string }

/**
 * Flows can run both ways between two schools, and a Sankey cannot draw a cycle: so every school
 * that gives sits in the left column and every school that receives in the right one.
 */
export function toSankeyData(graph: FlowGraph) {
  const name = new Map(graph.nodes.map((n) => [n.schoolId, n.name]))
  const nodes: SankeyNodeDatum[] = []
  const index = new Map<string, number>()
  const at = (schoolId: string, side: Side) => {
    const key = `${side}:${schoolId}`
    if (!index.has(key)) {
      index.set(key, nodes.length)
      nodes.push({ name: name.get(schoolId) ?? 'A school', schoolId, side })
    }
    return index.get(key)!
  }
  const byDays = [...graph.links].sort((a, b) => b.days - a.days)
  byDays.forEach((l) => at(l.from, 'gives'))
  byDays.forEach((l) => at(l.to, 'receives'))
  const links: SankeyLinkDatum[] = graph.links
    .filter((l) => l.days > 0)
    .map((l) => ({ source: at(l.from, 'gives'), target: at(l.to, 'receives'), value: l.days, from: l.from, to: l.to }))
  return { nodes, links }
}

function SchoolNode(props: { x: number; y: number; width: number; height: number; payload: SankeyNodeDatum & { value: number }; containerWidth: number }) {
  const { x, y, width, height, payload } = props
  const left = payload.side === 'gives'
  return (
    <Layer>
      <Rectangle x={x} y={y} width={width} height={height} fill={left ? '#0b7285' : '#364fc7'} fillOpacity={1} />
      <text
        x={left ? x - 6 : x + width + 6}
        y={y + height / 2}
        textAnchor={left ? 'end' : 'start'}
        dominantBaseline="middle"
        fontSize={12}
        fill="#212529"
      >
        {payload.name.length > 30 ? `${payload.name.slice(0, 29)}…` : payload.name} · {formatDays(payload.value)}
      </text>
    </Layer>
  )
}

/** The flow graph as a Sankey: givers on the left, receivers on the right, widths in days agreed. */
export function FlowSankey({ graph, onOpen }: { graph: FlowGraph; onOpen: (link: { from: string; to: string }) => void }) {
  const data = toSankeyData(graph)
  if (data.links.length === 0) return null
  const rows = Math.max(data.nodes.filter((n) => n.side === 'gives').length, data.nodes.filter((n) => n.side === 'receives').length)
  const height = Math.min(1400, Math.max(260, rows * 30))
  return (
    <figure style={{ margin: 0 }} aria-labelledby="flow-sankey-caption">
      <Text id="flow-sankey-caption" component="figcaption" size="sm" c="dimmed" mb="xs">
        Schools giving expertise (left) to schools receiving it (right); the width of each band is the days agreed. Select a band to see
        the engagements behind it. The table below gives the same figures.
      </Text>
      <div className="flow-chart" style={{ width: '100%', height }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 960, height }}>
          <Sankey
            data={data}
            accessibilityLayer={false}
            nodePadding={12}
            nodeWidth={12}
            margin={{ top: 8, right: 270, bottom: 8, left: 270 }}
            link={{ stroke: '#4263eb', strokeOpacity: 0.35, cursor: 'pointer' }}
            node={(p) => <SchoolNode {...(p as unknown as Parameters<typeof SchoolNode>[0])} />}
            onClick={(item, type) => {
              if (type !== 'link') return
              const payload = (item as { payload?: { source?: SankeyNodeDatum; target?: SankeyNodeDatum } }).payload
              if (payload?.source && payload.target) onOpen({ from: payload.source.schoolId, to: payload.target.schoolId })
            }}
          >
            <Tooltip formatter={(value) => formatDays(Number(value))} />
          </Sankey>
        </ResponsiveContainer>
      </div>
    </figure>
  )
}
