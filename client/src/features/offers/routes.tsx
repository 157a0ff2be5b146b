import { Anchor, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { Feature } from '../../config/feature.ts'
import { HomeCard } from '../../components/home-card.tsx'
import { RequireAuth } from '../../lib/auth.tsx'
import { formatDate } from '../../lib/format.ts'
import { offerQueries } from './api.ts'
import { MyOffersPage } from './my-offers-page.tsx'

/** An expert's home: invitations waiting for an answer. */
function InvitationsPanel() {
  const query = useQuery(offerQueries.mine())
  return (
    <HomeCard title="Invitations to answer" query={query}>
      {(items) => {
        const invited = items.filter((r) => r.viewer.myOffer?.status === 'invited')
        return invited.length === 0 ? (
          <Text size="sm" c="dimmed">No invitations waiting. <Anchor component={Link} to="/requests?status=open">See open requests</Anchor></Text>
        ) : (
          <Stack gap={4}>
            {invited.map((r) => (
              <Anchor key={r.id} component={Link} to={`/requests/${r.id}`}>
                {r.schoolName}: {r.title} (window from {formatDate(r.window.start)})
              </Anchor>
            ))}
          </Stack>
        )
      }}
    </HomeCard>
  )
}

export const feature: Feature = {
  routes: [{ path: 'offers', element: <RequireAuth roles={['headteacher', 'teacher']}><MyOffersPage /></RequireAuth> }],
  nav: [{ label: 'My offers', to: '/offers', roles: ['headteacher', 'teacher'], order: 15 }],
  homePanels: [{ id: 'offers-invitations', roles: ['teacher', 'headteacher'], order: 20, render: () => <InvitationsPanel /> }],
}
