import { Table, Text } from '@mantine/core'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { SupplyDemand } from '@ee/shared/flows'
import { formatDays } from '../../../lib/format.ts'
import { AREA_COLUMNS, AreaCells, FiguresTable } from './figures-table.tsx'

const round = (n: number) => Math.round(n * 10) / 10
const COLUMNS = [...AREA_COLUMNS, ...['Experts', 'Capacity', 'Committed', 'Free days', 'Open requests', 'Days asked'].map((label) => ({ label, numeric: true }))]

/** Free capacity against days asked, one pair of bars per area, with the same figures as a table. */
export function SupplyDemandView({ data }: { data: SupplyDemand }) {
  const rows = data.items.map((r) => ({ name: r.strand ? r.name : `${r.name} (strand)`, free: round(r.freeDays), asked: round(r.askedDays) }))
  const short = data.items.filter((r) => r.askedDays > r.freeDays)
  const height = Math.max(200, rows.length * 44 + 60)
  return (
    <>
      <figure style={{ margin: 0 }}>
        <Text component="figcaption" size="sm" c="dimmed" mb="xs">
          Free days of capacity (green) against days asked by open requests (orange), per area.{' '}
          {short.length > 0 ? `More is asked than is free in ${short.map((r) => r.name).join(', ')}.` : 'Every area has the days free that are asked.'} The table
          below gives the same figures.
        </Text>
        <div className="flow-chart" style={{ width: '100%', height }} aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 960, height }}>
            <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={190} tick={{ fontSize: 12 }} />
              <Tooltip formatter={(value) => formatDays(Number(value))} />
              <Legend />
              <Bar dataKey="free" name="Free days" fill="#2b8a3e" isAnimationActive={false} />
              <Bar dataKey="asked" name="Days asked" fill="#d9480f" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <FiguresTable caption={`Supply against demand per area, ${data.period.label}.`} minWidth={720} columns={COLUMNS}>
        {data.items.map((r) => (
          <Table.Tr key={r.areaId}>
            <AreaCells row={r} />
            <Table.Td ta="right">{r.experts}</Table.Td>
            <Table.Td ta="right">{round(r.capacityDays)}</Table.Td>
            <Table.Td ta="right">{round(r.committedDays)}</Table.Td>
            <Table.Td ta="right">{round(r.freeDays)}</Table.Td>
            <Table.Td ta="right">{r.openRequests}</Table.Td>
            <Table.Td ta="right" fw={r.askedDays > r.freeDays ? 700 : undefined}>{round(r.askedDays)}</Table.Td>
          </Table.Tr>
        ))}
      </FiguresTable>
    </>
  )
}
