import { Anchor, Button, Group, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { Feature } from '../../config/feature.ts'
import { HomeCard } from '../../components/home-card.tsx'
import { RequireAuth } from '../../lib/auth.tsx'
import { requestQueries } from './api.ts'
import { EditRequestPage } from './edit-page.tsx'
import { RequestsListPage } from './list-page.tsx'
import { NewRequestPage } from './new-page.tsx'
import { paths } from './status.ts'

/** A head's home: their open requests with offers waiting for a decision, and their drafts. */
function OffersToDecidePanel() {
  const query = useQuery(requestQueries.list({ mine: true, status: ['draft', 'open'] }))
  return (
    <HomeCard title="Offers to decide" query={query}>
      {(data) => {
        const own = data.items.filter((r) => r.viewer.isOwner)
        const waiting = own.filter((r) => r.status === 'open' && r.liveOffers > 0)
        const drafts = own.filter((r) => r.status === 'draft')
        return (
          <Stack gap={6}>
            {waiting.length === 0 ? (
              <Text c="dimmed" size="sm">No offers waiting for you.</Text>
            ) : (
              waiting.map((r) => (
                <Anchor key={r.id} component={Link} to={paths.detail(r.id)}>
                  {r.title}: {r.liveOffers} {r.liveOffers === 1 ? 'offer' : 'offers'}
                </Anchor>
              ))
            )}
            {drafts.length > 0 && (
              <Text size="sm">
                {drafts.length} {drafts.length === 1 ? 'draft' : 'drafts'} not yet published.{' '}
                <Anchor component={Link} to="/requests?status=draft&mine=true">See drafts</Anchor>
              </Text>
            )}
            <Group>
              <Button component={Link} to={paths.create()} size="sm" variant="light">Raise a request</Button>
            </Group>
          </Stack>
        )
      }}
    </HomeCard>
  )
}

export const feature: Feature = {
  routes: [
    { path: 'requests', element: <RequestsListPage /> },
    { path: 'requests/new', element: <RequireAuth roles={['headteacher']}><NewRequestPage /></RequireAuth> },
    { path: 'requests/:id/edit', element: <RequireAuth roles={['headteacher']}><EditRequestPage /></RequireAuth> },
  ],
  nav: [{ label: 'Requests', to: '/requests', roles: ['headteacher', 'teacher', 'central', 'admin'], order: 10 }],
  homePanels: [{ id: 'requests-offers-to-decide', roles: ['headteacher'], order: 10, render: () => <OffersToDecidePanel /> }],
}
