import { Alert, Badge, Button, FileInput, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import { useState } from 'react'
import { PHASE_LABELS } from '@ee/shared/common'
import type { SchoolImportReport } from '@ee/shared/schools'
import { ApiError } from '../../../lib/api.ts'
import { useImportSchools, usePreviewSchoolImport } from '../api.ts'

const STATUS = { ready: ['teal.9', 'Ready'], imported: ['teal.9', 'Imported'], refused: ['red.9', 'Refused'] } as const

function Report({ report }: { report: SchoolImportReport }) {
  const { counts } = report
  return (
    <Stack gap="xs">
      <Text role="status" fw={500}>
        {report.imported
          ? `${counts.imported} ${counts.imported === 1 ? 'school was' : 'schools were'} imported; ${counts.refused} ${counts.refused === 1 ? 'line was' : 'lines were'} refused.`
          : `${counts.ready} ${counts.ready === 1 ? 'school is' : 'schools are'} ready to import; ${counts.refused} ${counts.refused === 1 ? 'line would be' : 'lines would be'} refused. Nothing has been imported yet.`}
      </Text>
      <Table.ScrollContainer minWidth={640} maxHeight={420}>
        <Table striped stickyHeader>
          <Table.Caption>{report.imported ? 'What happened to each line of the file' : 'What would happen to each line of the file'}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Line</Table.Th>
              <Table.Th scope="col">URN</Table.Th>
              <Table.Th scope="col">School</Table.Th>
              <Table.Th scope="col">Phase</Table.Th>
              <Table.Th scope="col">Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.rows.map((r) => (
              <Table.Tr key={r.line}>
                <Table.Td>{r.line}</Table.Td>
                <Table.Td>{r.urn ?? '—'}</Table.Td>
                <Table.Td>{r.name || '—'}</Table.Td>
                <Table.Td>{r.phase ? PHASE_LABELS[r.phase] : '—'}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS[r.status][0]} variant="outline">{STATUS[r.status][1]}</Badge>
                  {r.reasons.length > 0 && <Text size="sm">{r.reasons.join('; ')}</Text>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  )
}

const problemOf = (error: unknown) => (error instanceof ApiError ? (error.problem.errors?.[0]?.message ?? error.problem.detail ?? error.problem.title) : 'Please try again.')

/** A CSV in the DfE "Get Information about Schools" layout: preview first, then import the good lines together. */
export function ImportPanel() {
  const [csv, setCsv] = useState('')
  const preview = usePreviewSchoolImport()
  const run = useImportSchools()
  const report = run.data ?? preview.data
  const error = run.error ?? preview.error
  const reset = () => {
    preview.reset()
    run.reset()
  }
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="import-heading">
      <Stack>
        <div>
          <Title order={2} size="h4" id="import-heading">Import schools from a CSV</Title>
          <Text size="sm" c="dimmed">
            Use the DfE “Get Information about Schools” layout: urn, name, phase, type, local_authority, postcode, lat, lng. Optional columns: cluster, release_days_per_term.
          </Text>
        </div>
        <FileInput
          label="CSV file"
          accept=".csv,text/csv"
         
          clearable
          onChange={(file) => {
            reset()
            if (file) void file.text().then(setCsv)
            else setCsv('')
          }}
        />
        <Textarea label="Or paste the CSV here" rows={6} value={csv} onChange={(e) => {
          reset()
          setCsv(e.currentTarget.value)
        }} styles={{ input: { fontFamily: 'monospace' } }} />
        {error && <Alert color="red" role="alert" title="The file could not be read">{problemOf(error)}</Alert>}
        <Group>
          <Button variant="light" disabled={!csv.trim()} loading={preview.isPending} onClick={() => {
            run.reset()
            preview.mutate(csv)
          }}>
            Preview import
          </Button>
          {preview.data && !run.data && (
            <Button disabled={preview.data.counts.ready === 0} loading={run.isPending} onClick={() => run.mutate(csv)}>
              Import {preview.data.counts.ready} {preview.data.counts.ready === 1 ? 'school' : 'schools'}
            </Button>
          )}
        </Group>
        {report && <Report report={report} />}
      </Stack>
    </Paper>
  )
}
