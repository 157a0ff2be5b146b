import { Anchor, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { Role } from '@ee/shared/common'
import type { Engagement, EngagementListQueryInput } from '@ee/shared/engagements'
import type { Feature } from '../../config/feature.ts'
import { HomeCard } from '../../components/home-card.tsx'
import { RequireAuth } from '../../lib/auth.tsx'
import { engagementQueries } from './api.ts'
import { EngagementPage } from './engagement-page.tsx'
import { EngagementsListPage } from './list-page.tsx'

function WaitingPanel({ title, query, pick, empty, what }: { title: string; query: EngagementListQueryInput; pick: (g: Engagement) => boolean; empty: string; what: (g: Engagement) => string }) {
  const list = useQuery(engagementQueries.list(query))
  return (
    <HomeCard title={title} query={list}>
      {(data) => {
        const items = data.items.filter(pick)
        return items.length === 0 ? (
          <Text size="sm" c="dimmed">{empty}</Text>
        ) : (
          <Stack gap={4}>
            {items.map((g) => (
              <Anchor key={g.id} component={Link} to={`/engagements/${g.id}`}>{g.request.title}: {what(g)}</Anchor>
            ))}
          </Stack>
        )
      }}
    </HomeCard>
  )
}

const staff: Role[] = ['headteacher', 'teacher']

export const feature: Feature = {
  routes: [
    { path: 'engagements', element: <RequireAuth roles={[...staff, 'central']}><EngagementsListPage /></RequireAuth> },
    { path: 'engagements/:id', element: <EngagementPage /> },
  ],
  nav: [{ label: 'Engagements', to: '/engagements', roles: [...staff, 'central'], order: 30 }],
  homePanels: [
    {
      id: 'engagements-to-complete',
      roles: ['headteacher'],
      order: 30,
      render: () => (
        <WaitingPanel
          title="Engagements to complete"
          query={{ as: 'receiving', status: 'active' }}
          pick={(g) => g.viewer.canComplete}
          empty="Nothing to complete."
          what={(g) => `${g.expert.name}, ${g.daysLogged} of ${g.days} days logged`}
        />
      ),
    },
    {
      id: 'engagements-expert',
      roles: staff,
      order: 40,
      render: () => (
        <WaitingPanel
          title="Your engagements to log or reflect on"
          query={{ as: 'expert' }}
          pick={(g) => g.viewer.canLog || g.viewer.canReflect}
          empty="No work of yours waiting."
          what={(g) => (g.viewer.canReflect && g.status === 'completed' ? 'add your reflection' : `${g.daysLogged} of ${g.days} days logged`)}
        />
      ),
    },
  ],
}
