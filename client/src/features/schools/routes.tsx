import type { Feature } from '../../config/feature.ts'
import { RequireAuth } from '../../lib/auth.tsx'
import { SchoolsPage } from './schools-page.tsx'

export const feature: Feature = {
  routes: [
    {
      path: 'admin/schools',
      element: (
        <RequireAuth roles={['admin']}>
          <SchoolsPage />
        </RequireAuth>
      ),
    },
  ],
  nav: [{ label: 'Schools', to: '/admin/schools', roles: ['admin'], order: 60 }],
  homePanels: [],
}
