import { Alert, Badge, Button, FileInput, Stack, Table, Text, Textarea } from '@mantine/core'
import { useState } from 'react'
import { ROLE_LABELS } from '@ee/shared/common'
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
          <Table.ScrollContainer minWidth={640} maxHeight={420}>
            <Table striped stickyHeader>
              <Table.Caption>What happened to each line of the file</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Line</Table.Th>
                  <Table.Th scope="col">E-mail</Table.Th>
                  <Table.Th scope="col">Role</Table.Th>
                  <Table.Th scope="col">School URN</Table.Th>
                  <Table.Th scope="col">Result</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.rows.map((r) => (
                  <Table.Tr key={r.line}>
                    <Table.Td>{r.line}</Table.Td>
                    <Table.Td>{r.email || '—'}</Table.Td>
                    <Table.Td>{r.role ? ROLE_LABELS[r.role] : '—'}</Table.Td>
                    <Table.Td>{r.schoolUrn ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge color={r.status === 'invited' ? 'teal.9' : 'red.9'} variant="outline">{r.status === 'invited' ? 'Invited' : 'Refused'}</Badge>
                      {r.reasons.length > 0 && <Text size="sm">{r.reasons.join('; ')}</Text>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Stack>
  )
}
