import { Alert, Button, FileInput, Group, Paper, Radio, Stack, Text, TextInput, Textarea, Title } from '@mantine/core'
import { useState } from 'react'
import type { SchoolImportQueryInput } from '@ee/shared/schools'
import { useImportSchools, usePreviewSchoolImport } from '../api.ts'
import { ImportReport } from './import-report.tsx'
import { problemMessage } from '../../../lib/problem.ts'

type By = 'trustName' | 'trustUid' | 'urns' | 'all'
const BY: { value: By; label: string; field?: string; hint?: string }[] = [
  { value: 'trustName', label: 'By the trust’s name', field: 'Trust name', hint: 'As GIAS writes it in “Trusts (name)”, e.g. CALDER LEARNING TRUST' },
  { value: 'trustUid', label: 'By the trust’s UID', field: 'Trust UID', hint: 'The number in the trust’s GIAS address, …/Groups/Group/Details/5143' },
  { value: 'urns', label: 'By a list of URNs', field: 'URNs', hint: 'Separated by commas or spaces' },
  { value: 'all', label: 'Every school in the file (a file of only your schools, urn,name,phase,lat,lng)' },
]

/**
 * A school list as Get Information about Schools gives it (the whole country is fine: only the trust's
 * schools are read). Preview shows line by line what would be added, changed and refused; apply does it all at once.
 */
export function ImportPanel() {
  const [file, setFile] = useState<File | null>(null)
  const [pasted, setPasted] = useState('')
  const [by, setBy] = useState<By>('trustName')
  const [value, setValue] = useState('')
  const preview = usePreviewSchoolImport()
  const run = useImportSchools()
  const report = run.data ?? preview.data
  const error = run.error ?? preview.error
  const reset = () => {
    preview.reset()
    run.reset()
  }
  const source: Blob | null = file ?? (pasted.trim() ? new Blob([pasted], { type: 'text/csv' }) : null)
  const selector: SchoolImportQueryInput = by === 'all' ? {} : { [by]: value }
  const choice = BY.find((b) => b.value === by)!
  const ready = source !== null && (by === 'all' || value.trim() !== '')
  const input = () => ({ file: source!, selector })
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="import-heading">
      <Stack>
        <div>
          <Title order={2} size="h4" id="import-heading">Import schools from Get Information about Schools</Title>
          <Text size="sm" c="dimmed">
            Download the establishments CSV from GIAS and choose it here as it is: its columns (URN, EstablishmentName, PhaseOfEducation (name), Easting, Northing, Trusts (name)…) and its
            encoding are read for you. Re-importing updates schools by URN; schools GIAS marks closed are marked closed, never deleted.
          </Text>
        </div>
        <FileInput label="CSV file" accept=".csv,text/csv" clearable value={file} onChange={(f) => {
          reset()
          setFile(f)
        }} />
        {!file && (
          <Textarea label="Or paste the CSV here" rows={4} value={pasted} onChange={(e) => {
            reset()
            setPasted(e.currentTarget.value)
          }} styles={{ input: { fontFamily: 'monospace' } }} />
        )}
        <Radio.Group label="Which schools are your trust’s?" value={by} onChange={(v) => {
          reset()
          setBy(v)
        }}>
          <Stack gap={6} mt={6}>
            {BY.map((b) => <Radio key={b.value} value={b.value} label={b.label} />)}
          </Stack>
        </Radio.Group>
        {choice.field && (
          <TextInput label={choice.field} description={choice.hint} value={value} w={420} onChange={(e) => {
            reset()
            setValue(e.currentTarget.value)
          }} />
        )}
        {error && <Alert color="red" role="alert" title="The file could not be imported">{problemMessage(error, { fallback: 'Please try again.', fieldFirst: true })}</Alert>}
        <Group>
          <Button variant="light" disabled={!ready} loading={preview.isPending} onClick={() => {
            run.reset()
            preview.mutate(input())
          }}>
            Preview import
          </Button>
          {preview.data && !run.data && (
            <Button disabled={preview.data.counts.new + preview.data.counts.changed === 0} loading={run.isPending} onClick={() => run.mutate(input())}>
              Apply import
            </Button>
          )}
        </Group>
        {report && <ImportReport report={report} />}
      </Stack>
    </Paper>
  )
}
