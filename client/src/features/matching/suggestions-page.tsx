import { Anchor, Badge, Button, Card, Group, List, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { MODE_LABELS } from '@ee/shared/common'
import type { Match } from '@ee/shared/matching'
import { Page } from '../../components/page.tsx'
import { EmptyState, QueryState } from '../../components/states.tsx'
import { formatAgo, formatKm } from '../../lib/format.ts'
import { matchingQueries } from './api.ts'
import { WhyNotDialog } from './why-not-dialog.tsx'

function SuggestionCard({ match, rank, invite }: { match: Match; rank: number; invite: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={`Suggestion ${rank}: ${match.person.name}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <div>
            <Title order={3} size="h4">{rank}. {match.expertise.title}</Title>
            <Text size="sm">
              {match.person.name} · {match.school.name}
              {match.school.distanceKm !== null ? ` · ${formatKm(match.school.distanceKm)}` : ''} · {formatAgo(match.person.lastActiveAt).replace(/^/, 'active ')}
            </Text>
          </div>
          <Group gap={6}>
            {match.inPanel && <Badge color="indigo">Suggested panel</Badge>}
            <Badge variant="light" color="gray">{match.expertise.freeDays} days free</Badge>
          </Group>
        </Group>
        <List size="sm" spacing={2} aria-label="Why they are suggested">
          {/* The title's lead is the card's heading already; every other reason names its evidence. */}
          {match.reasonDetails
            .filter((r) => r.evidence.kind !== 'title')
            .map((r) => (
              <List.Item key={r.evidence.kind}>{r.text}</List.Item>
            ))}
        </List>
        <Text size="sm" c="dimmed" lineClamp={2}>Evidence: {match.expertise.evidence}</Text>
        <Text size="xs" c="dimmed">{match.expertise.modes.map((m) => MODE_LABELS[m]).join(' · ')}</Text>
        {invite}
      </Stack>
    </Card>
  )
}

/** Find anyone in the trust's directory and ask why they are not suggested. */
function WhyNotSearch({ onAsk }: { onAsk: (p: { id: string; name: string }) => void }) {
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  const query = useQuery({ ...matchingQueries.people(q), enabled: q.length >= 2 })
  const people = new Map((query.data?.items ?? []).map((c) => [c.person.id, c]))
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="why-not-heading">
      <Stack gap="xs">
        <Title id="why-not-heading" order={2} size="h4">Why not someone else?</Title>
        <form onSubmit={(e) => { e.preventDefault(); setQ(text.trim()) }}>
          <Group align="flex-end">
            <TextInput label="Name or expertise" placeholder="e.g. phonics, or a colleague's name" value={text} onChange={(e) => setText(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button type="submit" variant="light">Find</Button>
          </Group>
        </form>
        {q.length >= 2 && query.isSuccess && people.size === 0 && <Text size="sm" c="dimmed">Nobody in the directory matches “{q}”.</Text>}
        {[...people.values()].map((c) => (
          <Group key={c.person.id} justify="space-between">
            <Text size="sm">{c.person.name} · {c.school?.name ?? 'Trust'} · {c.expertise.title}</Text>
            <Button size="xs" variant="subtle" onClick={() => onAsk({ id: c.person.id, name: c.person.name })}>Why not?</Button>
          </Group>
        ))}
      </Stack>
    </Card>
  )
}

/**
 * The head's suggestions for one request: ranked experts with reasons, the panel, "why not". Each card
 * holds what `renderInvite` gives for it (the page that joins offers puts the invitation there).
 */
export function SuggestionsPage({ renderInvite }: { renderInvite: (match: Match, requestId: string) => ReactNode }) {
  const { id = '' } = useParams()
  const [params, setParams] = useSearchParams()
  const panel = params.get('panel') === 'true'
  const query = useQuery(matchingQueries.matches(id, panel))
  const [whyNot, setWhyNot] = useState<{ id: string; name: string } | null>(null)
  return (
    <Page
      title="Suggested experts"
      description="Ranked from the trust's expertise, with the reasons. The decision is yours: invite whoever you think will help."
      action={<Anchor component={Link} to={`/requests/${id}`}>Back to the request</Anchor>}
    >
      <SegmentedControl
        aria-label="Show"
        value={panel ? 'panel' : 'all'}
        onChange={(v) => setParams(v === 'panel' ? { panel: 'true' } : {}, { replace: true })}
        data={[{ label: 'Best matches', value: 'all' }, { label: 'Suggested panel (different schools)', value: 'panel' }]}
      />
      <QueryState query={query}>
        {(matches) =>
          matches.length === 0 ? (
            <EmptyState title="No one to suggest yet">
              Nobody at another school has matching expertise with days free in this window. Try widening the areas or the window, or look in the directory.
            </EmptyState>
          ) : (
            <Stack>
              {matches.map((m, i) => (
                <Stack key={m.expertise.id} gap={4}>
                  <SuggestionCard match={m} rank={i + 1} invite={renderInvite(m, id)} />
                </Stack>
              ))}
            </Stack>
          )
        }
      </QueryState>
      <WhyNotSearch onAsk={setWhyNot} />
      <WhyNotDialog requestId={id} person={whyNot} onClose={() => setWhyNot(null)} />
    </Page>
  )
}
