import { Anchor, Group, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { Feature } from '../../config/feature.ts'
import { HomeCard } from '../../components/home-card.tsx'
import { RequireAuth } from '../../lib/auth.tsx'
import { formatDays } from '../../lib/format.ts'
import { flowQueries } from './api.ts'
import { FlowsPage } from './flows-page.tsx'
import { MySchoolFlowsPage } from './my-school-page.tsx'

function TrustFlowsPanel() {
  const graph = useQuery(flowQueries.graph({}))
  const left = useQuery(flowQueries.leftBehind({}))
  return (
    <HomeCard
      title="Flows this term"
      query={graph}
      footer={
        <>
          {left.data && (
            <Text size="sm" c={left.data.schools.length + left.data.requests.length > 0 ? 'red.9' : 'dimmed'}>
              Left behind: {left.data.schools.length} {left.data.schools.length === 1 ? 'school' : 'schools'}, {left.data.requests.length}{' '}
              {left.data.requests.length === 1 ? 'request' : 'requests'} waiting for an offer.
            </Text>
          )}
          <Group>
            <Anchor component={Link} to="/flows">See the flows</Anchor>
          </Group>
        </>
      }
    >
      {(g) => (
        <Text>
          {formatDays(g.totals.days)} agreed across {g.totals.engagements} {g.totals.engagements === 1 ? 'engagement' : 'engagements'} in {g.period.label}.
        </Text>
      )}
    </HomeCard>
  )
}

function SchoolFlowsPanel() {
  const balance = useQuery(flowQueries.balance({}))
  return (
    <HomeCard
      title="Your school’s give and take"
      query={balance}
      footer={
        <Group>
          <Anchor component={Link} to="/flows/my-school">See your school’s flows</Anchor>
        </Group>
      }
    >
      {(b) =>
        b.items[0] ? (
          <Text>
            {b.period.label}: gave {formatDays(b.items[0].daysGiven)}, received {formatDays(b.items[0].daysReceived)}
            {b.items[0].unmet > 0 ? `; ${b.items[0].unmet} ${b.items[0].unmet === 1 ? 'request' : 'requests'} still unmet` : ''}.
          </Text>
        ) : (
          <Text c="dimmed">No figures yet.</Text>
        )
      }
    </HomeCard>
  )
}

export const feature: Feature = {
  routes: [
    {
      path: 'flows',
      element: (
        <RequireAuth roles={['central', 'admin']}>
          <FlowsPage />
        </RequireAuth>
      ),
    },
    {
      path: 'flows/my-school',
      element: (
        <RequireAuth roles={['headteacher']}>
          <MySchoolFlowsPage />
        </RequireAuth>
      ),
    },
  ],
  nav: [
    { label: 'Flows', to: '/flows', roles: ['central', 'admin'], order: 40 },
    { label: 'Your school’s flows', to: '/flows/my-school', roles: ['headteacher'], order: 70 },
  ],
  homePanels: [
    { id: 'flows-trust', roles: ['central', 'admin'], order: 10, render: () => <TrustFlowsPanel /> },
    { id: 'flows-school', roles: ['headteacher'], order: 60, render: () => <SchoolFlowsPanel /> },
  ],
}
