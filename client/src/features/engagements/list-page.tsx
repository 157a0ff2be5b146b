import { Anchor, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link, useSearchParams } from 'react-router'
import type { Engagement, EngagementListQueryInput } from '@ee/shared/engagements'
import { Page } from '../../components/page.tsx'
import { EmptyState, ErrorState, ListSkeleton } from '../../components/states.tsx'
import { useActor } from '../../lib/auth.tsx'
import { formatDays } from '../../lib/format.ts'
import { engagementQueries } from './api.ts'
import { EngagementStatusBadge, ReleaseBadge } from './components/badges.tsx'
import { CsvDownload } from '../../components/csv-download.tsx'

export function EngagementRow({ engagement: g }: { engagement: Engagement }) {
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={`engagement-${g.id}`}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/engagements/${g.id}`} fw={600} id={`engagement-${g.id}`}>{g.request.title}</Anchor>
          <Group gap={4}>
            <EngagementStatusBadge status={g.status} />
            {g.status !== 'completed' && <ReleaseBadge release={g.release} />}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {g.expert.name} ({g.providerSchool?.name ?? '—'}) with {g.receiverSchool.name} · {g.termLabel} · {formatDays(g.daysLogged)} of {formatDays(g.days)} logged
        </Text>
      </Stack>
    </Paper>
  )
}

const AS = ['expert', 'receiving', 'providing'] as const

export function EngagementsListPage() {
  const me = useActor()
  const [params, setParams] = useSearchParams()
  const as = AS.find((a) => a === params.get('as'))
  const status = (['active', 'completed', 'cancelled'] as const).find((s) => s === params.get('status'))
  const q: EngagementListQueryInput = { ...(as ? { as } : {}), ...(status ? { status } : {}) }
  const query = useQuery(engagementQueries.list(q))
  const set = (key: string, value: string) =>
    setParams((p) => { const n = new URLSearchParams(p); if (value === 'all') n.delete(key); else n.set(key, value); return n }, { replace: true })

  return (
    <Page title="Engagements" description={me.role === 'central' ? 'All work under way and done across the trust (who and how long; the words stay with the schools).' : 'Work you give, and work your school receives or lends.'}>
      <Group gap="md" role="search" aria-label="Filter engagements">
        {me.role === 'headteacher' && (
          <SegmentedControl
            aria-label="Whose engagements"
            value={as ?? 'all'}
            onChange={(v) => set('as', v)}
            data={[{ value: 'all', label: 'All mine' }, { value: 'receiving', label: 'My school receives' }, { value: 'providing', label: 'My staff give' }, { value: 'expert', label: 'I give' }]}
          />
        )}
        <SegmentedControl
          aria-label="Status"
          value={status ?? 'all'}
          onChange={(v) => set('status', v)}
          data={[{ value: 'all', label: 'Any status' }, { value: 'active', label: 'Under way' }, { value: 'completed', label: 'Completed' }, { value: 'cancelled', label: 'Cancelled' }]}
        />
        <CsvDownload path="/engagements" query={q} label="these engagements" />
      </Group>
      <section aria-label="Engagements" aria-busy={query.isFetching}>
        {query.isPending ? (
          <ListSkeleton />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <EmptyState title="No engagements yet">When a head accepts an offer, the engagement shows here for everyone involved.</EmptyState>
        ) : (
          <Stack gap="sm">{query.data.items.map((g) => <EngagementRow key={g.id} engagement={g} />)}</Stack>
        )}
      </section>
    </Page>
  )
}
