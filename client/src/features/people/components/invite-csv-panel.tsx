import { Alert, Button, FileInput, Stack, Text, Textarea } from '@mantine/core'
import { useState } from 'react'
import { ROLE_LABELS } from '@ee/shared/common'
import { LineReport } from '../../../components/line-report.tsx'
import { useImportInvitations } from '../api.ts'
import { problemMessage } from '../../../lib/problem.ts'

/** email,role,school_urn, one person a line; each line gets its own result. Shown in a dialog. */
export function InviteCsvPanel() {
  const [csv, setCsv] = useState('')
  const run = useImportInvitations()
  const report = run.data
  return (
    <Stack>
      <Text size="sm">Columns: email, role (headteacher, teacher, central or admin), school_urn (empty for the central team and administrators). Each person gets their own e-mail with a one-time link.</Text>
      <FileInput label="CSV file" accept=".csv,text/csv" clearable onChange={(file) => {
        run.reset()
        if (file) void file.text().then(setCsv)
        else setCsv('')
      }} />
      <Textarea label="Or paste the CSV here" rows={5} value={csv} onChange={(e) => {
        run.reset()
        setCsv(e.currentTarget.value)
      }} styles={{ input: { fontFamily: 'monospace' } }} />
      {run.error && (
        <Alert color="red" role="alert" title="The file could not be read">
          {problemMessage(run.error, { fallback: 'Please try again.', fieldFirst: true })}
        </Alert>
      )}
      <div>
        <Button disabled={!csv.trim()} loading={run.isPending} onClick={() => run.mutate(csv)}>Send invitations</Button>
      </div>
      {report && (
        <Stack gap="xs">
          <Text role="status" fw={500}>
            {report.counts.invited} {report.counts.invited === 1 ? 'person was' : 'people were'} invited; {report.counts.refused} {report.counts.refused === 1 ? 'line was' : 'lines were'} refused.
          </Text>
          <LineReport
            caption="What happened to each line of the file"
            minWidth={640}
            maxHeight={420}
            columns={['E-mail', 'Role', 'School URN']}
            rows={report.rows}
            cells={(r) => [r.email || '—', r.role ? ROLE_LABELS[r.role] : '—', r.schoolUrn ?? '—']}
            result={(r) => (r.status === 'invited' ? { color: 'teal.9', label: 'Invited' } : { color: 'red.9', label: 'Refused' })}
          />
        </Stack>
      )}
    </Stack>
  )
}
