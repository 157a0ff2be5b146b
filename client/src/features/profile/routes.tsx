import { Anchor, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { Feature } from '../../config/feature.ts'
import { HomeCard } from '../../components/home-card.tsx'
import { RequireAuth } from '../../lib/auth.tsx'
import { formatDays } from '../../lib/format.ts'
import { profileQueries } from './api.ts'
import { AccountPage } from './account-page.tsx'
import { ProfilePage } from './profile-page.tsx'

function AvailabilityPanel() {
  const query = useQuery(profileQueries.me())
  return (
    <HomeCard title="Your expertise" query={query} footer={<Anchor component={Link} to="/profile">Go to My expertise</Anchor>}>
      {(p) => (
        <Text>
          {p.person.paused
            ? 'Your availability is paused: you are out of the directory and suggestions.'
            : p.expertise.length === 0
              ? 'You have not shared any expertise yet.'
              : `${p.expertise.length} ${p.expertise.length === 1 ? 'entry' : 'entries'}; ${formatDays(p.totals.free)} free in ${p.term.label}.`}
        </Text>
      )}
    </HomeCard>
  )
}

export const feature: Feature = {
  routes: [
    {
      path: 'profile',
      element: (
        <RequireAuth roles={['headteacher', 'teacher']}>
          <ProfilePage />
        </RequireAuth>
      ),
    },
    { path: 'account', element: <AccountPage /> },
  ],
  nav: [{ label: 'My expertise', to: '/profile', roles: ['headteacher', 'teacher'], order: 25 }],
  homePanels: [{ id: 'profile-availability', roles: ['headteacher', 'teacher'], order: 40, render: () => <AvailabilityPanel /> }],
}
