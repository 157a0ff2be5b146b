import { List, Stack, Text } from '@mantine/core'
import { PHASE_LABELS, type Phase } from '@ee/shared/common'
import type { SchoolChange, SchoolImportReport, SchoolImportRow } from '@ee/shared/schools'
import { LineReport } from '../../../components/line-report.tsx'

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

const RESULT: Record<SchoolImportRow['status'], { color: string; preview: string; done: string }> = {
  new: { color: 'teal.9', preview: 'Will be added', done: 'Added' },
  changed: { color: 'blue.9', preview: 'Will change', done: 'Changed' },
  unchanged: { color: 'gray.7', preview: 'No change', done: 'No change' },
  refused: { color: 'red.9', preview: 'Refused', done: 'Refused' },
}

const FIELD: Record<SchoolChange['field'], string> = { name: 'Name', phase: 'Phase', status: 'Status', type: 'Type', postcode: 'Postcode', location: 'Location' }
const shown = (c: SchoolChange, v: string) => (c.field === 'phase' ? (PHASE_LABELS[v as Phase] ?? v) : c.field === 'status' ? (v === 'closed' ? 'Closed' : 'Open') : v || '—')

export function summary(report: SchoolImportReport): string {
  const { counts } = report
  const parts = report.imported
    ? [`${plural(counts.new, 'school was', 'schools were')} added`, `${plural(counts.changed, 'was', 'were')} changed`, `${plural(counts.refused, 'line was', 'lines were')} refused`]
    : [`${plural(counts.new, 'school', 'schools')} will be added`, `${plural(counts.changed, 'will change', 'will change')}`, `${plural(counts.refused, 'line', 'lines')} would be refused`]
  return `${parts.join('; ')}.${report.imported ? '' : ' Nothing has been imported yet.'}`
}

export function ImportReport({ report }: { report: SchoolImportReport }) {
  const { counts } = report
  return (
    <Stack gap="xs">
      <Text role="status" fw={500}>{summary(report)}</Text>
      {counts.otherTrusts > 0 && <Text size="sm">{plural(counts.otherTrusts, 'line of another trust’s school was', 'lines of other trusts’ schools were')} left alone.</Text>}
      {counts.unchanged > 0 && <Text size="sm">{plural(counts.unchanged, 'school is', 'schools are')} already up to date.</Text>}
      {report.urnsNotInFile.length > 0 && <Text size="sm" c="orange.9">Not in the file: URN {report.urnsNotInFile.join(', ')}.</Text>}
      <LineReport
        caption={report.imported ? 'What happened to each of your schools in the file' : 'What would happen to each of your schools in the file'}
        minWidth={720}
        maxHeight={480}
        columns={['URN', 'School', 'Phase']}
        rows={report.rows}
        cells={(r) => [r.urn ?? '—', r.name || '—', r.phase ? PHASE_LABELS[r.phase] : '—']}
        result={(r) => ({ color: RESULT[r.status].color, label: report.imported ? RESULT[r.status].done : RESULT[r.status].preview })}
        details={(r) =>
          r.changes.length > 0 && (
            <List size="sm">
              {r.changes.map((c) => <List.Item key={c.field}>{FIELD[c.field]}: {shown(c, c.from)} → {shown(c, c.to)}</List.Item>)}
            </List>
          )
        }
      />
    </Stack>
  )
}
