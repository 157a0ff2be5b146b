import type { Feature } from '../../config/feature.ts'
import { RequireAuth } from '../../lib/auth.tsx'
import { PeoplePage } from './people-page.tsx'

export const feature: Feature = {
  routes: [
    {
      path: 'admin/people',
      element: (
        <RequireAuth roles={['admin']}>
          <PeoplePage />
        </RequireAuth>
      ),
    },
  ],
  nav: [{ label: 'People', to: '/admin/people', roles: ['admin'], order: 61 }],
  homePanels: [],
}
