import type { Feature } from '../../config/feature.ts'
import { RequireAuth } from '../../lib/auth.tsx'
import { FrameworkPage } from './framework-page.tsx'

export const feature: Feature = {
  routes: [
    {
      path: 'framework',
      element: (
        <RequireAuth roles={['central']}>
          <FrameworkPage />
        </RequireAuth>
      ),
    },
  ],
  nav: [{ label: 'Framework', to: '/framework', roles: ['central'], order: 50 }],
  homePanels: [],
}
