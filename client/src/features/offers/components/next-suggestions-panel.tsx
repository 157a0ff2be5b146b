import { Alert, Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import type { Match } from '@ee/shared/matching'
import type { NextSuggestions } from '@ee/shared/offers'
import type { CommissioningRequest } from '@ee/shared/requests'
import { ErrorState } from '../../../components/states.tsx'
import { formatDate, formatDays, formatKm } from '../../../lib/format.ts'
import { problemMessage } from '../../../lib/problem.ts'
import { offerQueries, useInvite } from '../api.ts'

const heading = (lapsed: NonNullable<NextSuggestions['lapsed']>) =>
  lapsed.expired ? `Your invitation to ${lapsed.expertName} expired — next suggestions` : `${lapsed.expertName} declined your invitation — next suggestions`

/** Two of matching's reasons, leaving out the one that only repeats the entry's title (shown above). */
const whyThem = (m: Match) => m.reasons.filter((r) => !m.expertise.title.startsWith(r)).slice(0, 2)

function NextSuggestion({ requestId, match: m, onError }: { requestId: string; match: Match; onError: (message: string | null) => void }) {
  const invite = useInvite(requestId)
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-label={`Next suggestion: ${m.person.name}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Text fw={600}>{m.person.name}</Text>
          <Text size="sm">{m.expertise.title}</Text>
          <Text size="sm" c="dimmed">
            {m.school.name}{m.school.distanceKm !== null ? ` · ${formatKm(m.school.distanceKm)}` : ''}
          </Text>
          {whyThem(m).map((r) => <Text key={r} size="sm" c="dimmed">{r}</Text>)}
          <Group gap={4}><Badge variant="light" color="gray">{formatDays(m.expertise.freeDays)} free</Badge></Group>
        </Stack>
        <Button
          style={{ flexShrink: 0 }}
          loading={invite.isPending}
          aria-label={`Invite ${m.person.name}`}
          onClick={() => {
            onError(null)
            invite.mutate(
              { expertiseId: m.expertise.id, note: '' },
              {
                onSuccess: (o) => notifications.show({ color: 'green', title: 'Invitation sent', message: `${o.expert.name} has been invited and has 5 school days to answer.` }),
                onError: (err) => onError(problemMessage(err, { fallback: 'The invitation was not sent. Please try again.' })),
              },
            )
          }}
        >
          Invite
        </Button>
      </Group>
    </Paper>
  )
}

/**
 * Once an invitation has expired or been declined and places are still open, the head sees who is next
 * (the suggestions still free: nobody already asked, nobody ruled out) and invites one with one click.
 */
export function NextSuggestionsPanel({ request }: { request: CommissioningRequest }) {
  const query = useQuery(offerQueries.nextSuggestions(request.id))
  const [error, setError] = useState<string | null>(null)
  if (query.isPending) return <Skeleton height={120} radius="md" aria-label="Loading the next suggestions" />
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  const { lapsed, placesOpen, suggestions } = query.data
  if (!lapsed || placesOpen <= 0) return null
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="next-suggestions-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="next-suggestions-heading">{heading(lapsed)}</Title>
        <Text size="sm" c="dimmed">
          {lapsed.expired ? `Its answer was due by ${formatDate(lapsed.at)}.` : `They declined on ${formatDate(lapsed.at)}.`}{' '}
          {placesOpen === 1 ? 'One place is still open.' : `${placesOpen} places are still open.`}
          {request.autoInvite ? '' : ' Tick “Invite the next suggestion automatically” when you edit the request, and we will do this for you next time.'}
        </Text>
        {suggestions.length === 0 ? (
          <Text size="sm">
            Nobody else suggested is free for this request just now. Try widening its areas or its window, or{' '}
            <Anchor component={Link} to={`/requests/${request.id}/suggestions`}>look at every suggestion and ask why someone is not there</Anchor>.
          </Text>
        ) : (
          suggestions.map((m) => <NextSuggestion key={m.expertise.id} requestId={request.id} match={m} onError={setError} />)
        )}
        {error && <Alert color="red" role="alert" title="Not sent">{error}</Alert>}
      </Stack>
    </Paper>
  )
}
