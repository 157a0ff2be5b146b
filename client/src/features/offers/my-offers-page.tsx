import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { OFFER_STATUS_LABELS, type OfferStatus } from '@ee/shared/offers'
import type { CommissioningRequest } from '@ee/shared/requests'
import { Page } from '../../components/page.tsx'
import { EmptyState, QueryState } from '../../components/states.tsx'
import { formatDate } from '../../lib/format.ts'
import { offerQueries } from './api.ts'

const GROUPS: { title: string; statuses: string[]; empty: string }[] = [
  { title: 'Invitations to answer', statuses: ['invited'], empty: 'No invitations waiting for you.' },
  { title: 'Offers waiting for a decision', statuses: ['proposed'], empty: 'No offers waiting.' },
  { title: 'Accepted', statuses: ['accepted'], empty: 'None yet.' },
  { title: 'Closed', statuses: ['declined', 'withdrawn'], empty: 'None.' },
]

function Row({ request: r }: { request: CommissioningRequest }) {
  const status = r.viewer.myOffer!.status as OfferStatus
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={2}>
          <Anchor component={Link} to={`/requests/${r.id}`} fw={600}>{r.title}</Anchor>
          <Text size="sm" c="dimmed">{r.schoolName} · {formatDate(r.window.start)} to {formatDate(r.window.end)}</Text>
        </Stack>
        <Badge variant="light">{OFFER_STATUS_LABELS[status] ?? status}</Badge>
      </Group>
    </Paper>
  )
}

export function MyOffersPage() {
  const query = useQuery(offerQueries.mine())
  return (
    <Page title="My offers" description="Invitations you have received and help you have offered to other schools.">
      <QueryState query={query}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No invitations or offers yet">Browse the requests of other schools and offer help where your expertise fits.</EmptyState>
          ) : (
            <Stack gap="lg">
              {GROUPS.map((g) => {
                const rows = items.filter((r) => g.statuses.includes(r.viewer.myOffer!.status))
                return (
                  <section key={g.title} aria-label={g.title}>
                    <Title order={2} size="h4" mb="xs">{g.title}</Title>
                    {rows.length === 0 ? <Text size="sm" c="dimmed">{g.empty}</Text> : <Stack gap="xs">{rows.map((r) => <Row key={r.id} request={r} />)}</Stack>}
                  </section>
                )
              })}
            </Stack>
          )
        }
      </QueryState>
    </Page>
  )
}
