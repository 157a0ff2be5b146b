import type { RouteObject } from 'react-router'
import { RequireAuth } from '../lib/auth.tsx'
import { RequestPage } from './request-page.tsx'
import { SuggestionsPage } from './suggestions-page.tsx'

/**
 * Pages that join several features. Features stay apart (none imports another); a page that needs
 * two of them lives here and takes each feature's pieces.
 */
export const pageRoutes: RouteObject[] = [
  { path: 'requests/:id', element: <RequestPage /> },
  {
    path: 'requests/:id/suggestions',
    element: (
      <RequireAuth roles={['headteacher']}>
        <SuggestionsPage />
      </RequireAuth>
    ),
  },
]
