import { Anchor, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { Feature } from '../../config/feature.ts'
import { HomeCard } from '../../components/home-card.tsx'
import { RequireAuth } from '../../lib/auth.tsx'
import { formatDays } from '../../lib/format.ts'
import { releaseQueries } from './api.ts'
import { ReleasesPage } from './releases-page.tsx'

function ReleasesPanel() {
  const query = useQuery(releaseQueries.list({ status: 'pending' }))
  return (
    <HomeCard title="Releases to approve" query={query}>
      {(data) =>
        data.items.length === 0 ? (
          <Text size="sm" c="dimmed">None waiting. {formatDays(data.summary.approvedDays)} of {formatDays(data.summary.capDays)} released in {data.summary.termLabel}.</Text>
        ) : (
          <Stack gap={4}>
            {data.items.map((r) => <Text key={r.id} size="sm">{r.expert.name}: {formatDays(r.days)} for {r.receiverSchool.name}</Text>)}
            <Anchor component={Link} to="/releases">Decide on {data.items.length === 1 ? 'it' : 'them'}</Anchor>
          </Stack>
        )
      }
    </HomeCard>
  )
}

export const feature: Feature = {
  routes: [{ path: 'releases', element: <RequireAuth roles={['headteacher']}><ReleasesPage /></RequireAuth> }],
  nav: [{ label: 'Releases', to: '/releases', roles: ['headteacher'], order: 35 }],
  homePanels: [{ id: 'releases-to-approve', roles: ['headteacher'], order: 20, render: () => <ReleasesPanel /> }],
}
