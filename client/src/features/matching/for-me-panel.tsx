import { Anchor, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { QueryState } from '../../components/states.tsx'
import { formatDate } from '../../lib/format.ts'
import { matchingQueries } from './api.ts'

/** "Requests for you": open requests from other schools that fit the signed-in expert, with reasons. */
export function RequestsForYouPanel() {
  const query = useQuery(matchingQueries.forMe())
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="for-you-heading">
      <Stack gap="xs">
        <Title id="for-you-heading" order={2} size="h4">Requests for you</Title>
        <QueryState query={query}>
          {(list) =>
            list.length === 0 ? (
              <Text c="dimmed" size="sm">
                No open request fits your expertise right now. <Anchor component={Link} to="/profile">Add or update your expertise</Anchor> so heads can find you.
              </Text>
            ) : (
              <Stack gap="sm">
                {list.slice(0, 5).map((r) => (
                  <Stack key={r.request.id} gap={2}>
                    <Anchor component={Link} to={`/requests/${r.request.id}`} fw={600}>{r.request.title}</Anchor>
                    <Text size="xs" c="dimmed">
                      {r.request.schoolName} · {r.request.daysPerExpert} days · {formatDate(r.request.window.start)} to {formatDate(r.request.window.end)}
                    </Text>
                    <Text size="sm">{r.reasons.slice(0, 3).join(' · ')}</Text>
                  </Stack>
                ))}
              </Stack>
            )
          }
        </QueryState>
      </Stack>
    </Paper>
  )
}
