import type { Feature } from '../../config/feature.ts'
import { RequireAuth } from '../../lib/auth.tsx'
import { ClustersPage } from './clusters-page.tsx'
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
    {
      path: 'admin/clusters',
      element: (
        <RequireAuth roles={['admin']}>
          <ClustersPage />
        </RequireAuth>
      ),
    },
  ],
  nav: [
    { label: 'Schools', to: '/admin/schools', roles: ['admin'], order: 60 },
    { label: 'Clusters', to: '/admin/clusters', roles: ['admin'], order: 61 },
  ],
  homePanels: [],
}
