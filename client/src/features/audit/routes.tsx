import type { Feature } from '../../config/feature.ts'
import { RequireAuth } from '../../lib/auth.tsx'
import { AuditPage } from './audit-page.tsx'
import { RetentionPage } from './retention-page.tsx'

export const feature: Feature = {
  routes: [
    { path: 'admin/audit', element: <RequireAuth roles={['admin']}><AuditPage /></RequireAuth> },
    { path: 'admin/retention', element: <RequireAuth roles={['admin']}><RetentionPage /></RequireAuth> },
  ],
  nav: [
    { label: 'Audit trail', to: '/admin/audit', roles: ['admin'], order: 64 },
    { label: 'Retention', to: '/admin/retention', roles: ['admin'], order: 65 },
  ],
  homePanels: [],
}
