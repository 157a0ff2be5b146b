import type { Feature } from '../../config/feature.ts'
import { DirectoryPage } from './directory-page.tsx'
import { ExpertisePage } from './expertise-page.tsx'

export const feature: Feature = {
  routes: [
    { path: 'expertise', element: <DirectoryPage /> },
    { path: 'expertise/:id', element: <ExpertisePage /> },
  ],
  nav: [{ label: 'Expertise directory', to: '/expertise', roles: ['headteacher', 'teacher', 'central', 'admin'], order: 20 }],
  homePanels: [],
}
