import type { Feature } from '../../config/feature.ts'
import { RequireAuth } from '../../lib/auth.tsx'
import { RequestsForYouPanel } from './for-me-panel.tsx'
import { SuggestionsPage } from './suggestions-page.tsx'

export const feature: Feature = {
  routes: [
    {
      path: 'requests/:id/suggestions',
      element: (
        <RequireAuth roles={['headteacher']}>
          <SuggestionsPage />
        </RequireAuth>
      ),
    },
  ],
  nav: [],
  homePanels: [{ id: 'requests-for-you', roles: ['teacher', 'headteacher'], order: 5, render: () => <RequestsForYouPanel /> }],
}
