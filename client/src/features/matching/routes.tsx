import type { Feature } from '../../config/feature.ts'
import { RequestsForYouPanel } from './for-me-panel.tsx'

export const feature: Feature = {
  routes: [],
  nav: [],
  homePanels: [{ id: 'requests-for-you', roles: ['teacher', 'headteacher'], order: 5, render: () => <RequestsForYouPanel /> }],
}
