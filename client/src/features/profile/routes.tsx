import { Anchor, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { Feature } from '../../config/feature.ts'
import { QueryState } from '../../components/states.tsx'
import { RequireAuth } from '../../lib/auth.tsx'
import { formatDays } from '../../lib/format.ts'
import { profileQueries } from './api.ts'
import { AccountPage } from './account-page.tsx'
import { ProfilePage } from './profile-page.tsx'

function AvailabilityPanel() {
  const query = useQuery(profileQueries.me())
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Title order={2} size="h4">Your expertise</Title>
        <QueryState query={query}>
          {(p) => (
            <Text>
              {p.person.paused
                ? 'Your availability is paused: you are out of the directory and suggestions.'
                : p.expertise.length === 0
                  ? 'You have not shared any expertise yet.'
                  : `${p.expertise.length} ${p.expertise.length === 1 ? 'entry' : 'entries'}; ${formatDays(p.totals.free)} free in ${p.term.label}.`}
            </Text>
          )}
        </QueryState>
        <Anchor component={Link} to="/profile">Go to My expertise</Anchor>
      </Stack>
    </Paper>
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
