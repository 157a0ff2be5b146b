import type { Feature } from '../../config/feature.ts'
import { RequireAuth } from '../../lib/auth.tsx'
import { CalendarPage } from './calendar-page.tsx'

export const feature: Feature = {
  routes: [
    {
      path: 'admin/calendar',
      element: (
        <RequireAuth roles={['admin']}>
          <CalendarPage />
        </RequireAuth>
      ),
    },
  ],
  nav: [{ label: 'Calendar', to: '/admin/calendar', roles: ['admin'], order: 62 }],
  homePanels: [],
}
