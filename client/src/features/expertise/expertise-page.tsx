import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { MODE_LABELS, PHASE_LABELS } from '@ee/shared/common'
import { Page } from '../../components/page.tsx'
import { QueryState } from '../../components/states.tsx'
import { useActor } from '../../lib/auth.tsx'
import { formatDate, formatDays, formatKm } from '../../lib/format.ts'
import { expertiseQueries } from './api.ts'
import { lastActive } from './components/expertise-card.tsx'

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text>{children}</Text>
    </div>
  )
}

export function ExpertisePage() {
  const { id = '' } = useParams()
  const me = useActor()
  const query = useQuery(expertiseQueries.detail(id))
  return (
    <QueryState query={query}>
      {({ expertise: e, person, school, distanceKm, term }) => (
        <Page
          title={e.title}
          description={
            <>
              {person.name}
              {school ? ` · ${school.name}${school.clusterName ? ` (${school.clusterName})` : ''}` : ''}
              {distanceKm !== null ? ` · ${formatKm(distanceKm)}` : ''} · {lastActive(person.lastActiveAt)}
            </>
          }
          action={e.personId === me.id ? <Button component={Link} to="/profile" variant="light">Edit in My expertise</Button> : undefined}
        >
          {e.archived && <Alert color="gray" title="Archived">This entry was archived and no longer shows in the directory.</Alert>}
          {!e.archived && (person.paused || !e.active) && (
            <Alert color="yellow" title="Not taking on work just now">
              {person.paused ? `${person.name} has paused their availability.` : 'This entry is paused.'} It does not show in the directory or in suggestions.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Fact label={`Days free, ${term.label}`}>{formatDays(e.daysFree)} of {formatDays(e.capacityDaysPerTerm)}</Fact>
            <Fact label="Phases">{e.phases.map((p) => PHASE_LABELS[p]).join(', ') || 'Any'}</Fact>
            <Fact label="Kinds of help">{e.modes.map((m) => MODE_LABELS[m]).join(', ')}</Fact>
          </SimpleGrid>
          <Group gap={6} aria-label="Areas">
            {e.areas.map((a) => (
              <Badge key={a.slug} variant="outline" color={a.retired ? 'gray.8' : 'indigo.9'} tt="none">
                {a.name}{a.retired ? ' (retired)' : ''}
              </Badge>
            ))}
          </Group>
          <Paper withBorder p="md" radius="md">
            <Stack gap="md">
              <div>
                <Title order={2} size="h4">What they can help with</Title>
                <Text style={{ whiteSpace: 'pre-line' }}>{e.summary}</Text>
              </div>
              <div>
                <Title order={2} size="h4">Evidence of impact</Title>
                <Text style={{ whiteSpace: 'pre-line' }}>{e.evidence}</Text>
              </div>
              {e.subjects.length > 0 && <Fact label="Subjects">{e.subjects.join(', ')}</Fact>}
              <Text size="xs" c="dimmed">Last updated {formatDate(e.updatedAt)}</Text>
            </Stack>
          </Paper>
          <Anchor component={Link} to="/expertise">Back to the directory</Anchor>
        </Page>
      )}
    </QueryState>
  )
}
