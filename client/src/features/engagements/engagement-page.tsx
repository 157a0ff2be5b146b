import { Alert, Anchor, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { Page } from '../../components/page.tsx'
import { QueryState } from '../../components/states.tsx'
import { formatDate, formatDateTime, formatDays } from '../../lib/format.ts'
import { engagementQueries } from './api.ts'
import { EngagementStatusBadge, ReleaseBadge } from './components/badges.tsx'
import { CancelButton } from './components/cancel-button.tsx'
import { CompleteForm } from './components/complete-form.tsx'
import { AskForMoreDaysForm, ExtensionsPanel } from './components/extensions-panel.tsx'
import { LeaverPanel } from './components/leaver-panel.tsx'
import { LogSessionForm } from './components/log-session-form.tsx'
import { ReflectionForm } from './components/reflection-form.tsx'

export function EngagementPage() {
  const { id = '' } = useParams()
  const query = useQuery(engagementQueries.detail(id))
  return (
    <QueryState query={query}>
      {(g) => (
        <Page
          title={g.request.title}
          description={<Group gap="xs" component="span"><EngagementStatusBadge status={g.status} /><ReleaseBadge release={g.release} /></Group>}
          action={g.viewer.canCancel ? <CancelButton engagement={g} /> : undefined}
        >
          {g.release === 'pending' && g.status === 'active' && (
            <Alert color="orange" title="Waiting for the release">
              {g.providerSchool?.name ?? 'The expert’s school'} has to approve {g.expert.name}’s release before the work begins.
            </Alert>
          )}
          <LeaverPanel engagement={g} />
          <Grid gap="xl">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Stack gap="lg">
                <section aria-labelledby="sessions-heading">
                  <Title order={2} size="h4" id="sessions-heading" mb="xs">Sessions</Title>
                  {g.logs.length === 0 ? (
                    <Text size="sm" c="dimmed">No sessions logged yet.</Text>
                  ) : (
                    <Table striped>
                      <Table.Thead><Table.Tr><Table.Th>Date</Table.Th><Table.Th>Days</Table.Th><Table.Th>Note</Table.Th></Table.Tr></Table.Thead>
                      <Table.Tbody>
                        {g.logs.map((l) => (
                          <Table.Tr key={l.id}><Table.Td>{formatDate(l.date)}</Table.Td><Table.Td>{formatDays(l.days)}</Table.Td><Table.Td>{l.note}</Table.Td></Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  )}
                </section>
                <ExtensionsPanel engagement={g} />
                {g.viewer.canLog && <LogSessionForm engagement={g} />}
                {g.viewer.canExtend && <AskForMoreDaysForm engagement={g} />}
                {g.viewer.canComplete && <CompleteForm engagement={g} />}
                {g.viewer.canReflect && <ReflectionForm engagement={g} />}
                {(g.headReflection || g.expertReflection) && (
                  <section aria-labelledby="reflections-heading">
                    <Title order={2} size="h4" id="reflections-heading" mb="xs">Reflections</Title>
                    <Stack gap="sm">
                      {g.headReflection && <Paper withBorder p="sm"><Text size="sm" fw={600}>{g.receiverSchool.name} (impact {g.impact}/5)</Text><Text size="sm" style={{ whiteSpace: 'pre-line' }}>{g.headReflection}</Text></Paper>}
                      {g.expertReflection && <Paper withBorder p="sm"><Text size="sm" fw={600}>{g.expert.name}</Text><Text size="sm" style={{ whiteSpace: 'pre-line' }}>{g.expertReflection}</Text></Paper>}
                    </Stack>
                  </section>
                )}
                {g.caseId && <Anchor component={Link} to={`/cases/${g.caseId}`}>Read the case</Anchor>}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Paper withBorder p="md" radius="md">
                <Stack gap={6}>
                  <Text size="sm"><strong>Request:</strong> <Anchor component={Link} to={`/requests/${g.request.id}`}>{g.request.title}</Anchor></Text>
                  <Text size="sm"><strong>Expert:</strong> {g.expert.name}, {g.providerSchool?.name ?? '—'}</Text>
                  <Text size="sm"><strong>Expertise:</strong> {g.expertise.title}</Text>
                  <Text size="sm"><strong>Receiving school:</strong> {g.receiverSchool.name}</Text>
                  <Text size="sm"><strong>Days:</strong> {formatDays(g.daysLogged)} logged of {formatDays(g.days)} agreed, {g.termLabel}</Text>
                  <Text size="sm"><strong>Commissioned:</strong> {formatDateTime(g.createdAt)}</Text>
                  {g.completedAt && <Text size="sm"><strong>Completed:</strong> {formatDate(g.completedAt)}</Text>}
                  {g.cancelledAt && <Text size="sm"><strong>Cancelled:</strong> {formatDate(g.cancelledAt)}{g.cancelReason ? ` — ${g.cancelReason}` : ''}</Text>}
                </Stack>
              </Paper>
            </Grid.Col>
          </Grid>
        </Page>
      )}
    </QueryState>
  )
}
