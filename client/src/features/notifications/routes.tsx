import type { Feature } from '../../config/feature.ts'
import { NotificationsBell } from './bell.tsx'
import { NotificationsPage } from './notifications-page.tsx'

export const feature: Feature = {
  routes: [{ path: 'notifications', element: <NotificationsPage /> }],
  nav: [],
  homePanels: [],
  header: NotificationsBell,
}
