import type { Feature } from '../../config/feature.ts'
import { CasePage } from './case-page.tsx'
import { CasesPage } from './cases-page.tsx'

export const feature: Feature = {
  routes: [
    { path: 'cases', element: <CasesPage /> },
    { path: 'cases/:id', element: <CasePage /> },
  ],
  nav: [{ label: 'Cases', to: '/cases', roles: ['headteacher', 'teacher', 'central', 'admin'], order: 50 }],
  homePanels: [],
}
