import { ENGAGEMENT_STATUS_LABELS, type Engagement, RELEASE_STATUS_LABELS } from '@ee/shared/engagements'
import type { Release } from '@ee/shared/releases'
import { csvTable } from '../lib/csv.ts'

/** Reflections are null for readers who see metadata only (the central team), so their cells are empty. */
export const engagementsCsv = csvTable<Engagement>('engagements', [
  ['Request', (g) => g.request.title],
  ['Expert', (g) => g.expert.name],
  ['Expertise', (g) => g.expertise.title],
  ['Providing school', (g) => g.providerSchool?.name],
  ['Receiving school', (g) => g.receiverSchool.name],
  ['Term', (g) => g.termLabel],
  ['Days agreed', (g) => g.days],
  ['Days logged', (g) => g.daysLogged],
  ['Status', (g) => ENGAGEMENT_STATUS_LABELS[g.status]],
  ['Release', (g) => RELEASE_STATUS_LABELS[g.release]],
  ['Started', (g) => g.createdAt.slice(0, 10)],
  ['Completed', (g) => g.completedAt?.slice(0, 10)],
  ['Cancelled', (g) => g.cancelledAt?.slice(0, 10)],
  ['Why cancelled', (g) => g.cancelReason],
  ['Impact (1 to 5)', (g) => g.impact],
  ["Head's reflection", (g) => g.headReflection],
  ["Expert's reflection", (g) => g.expertReflection],
])

export const releasesCsv = csvTable<Release>('releases', [
  ['Colleague', (r) => r.expert.name],
  ['Request', (r) => r.request.title],
  ['Receiving school', (r) => r.receiverSchool.name],
  ['Term', (r) => r.termLabel],
  ['Days', (r) => r.days],
  ['Release', (r) => RELEASE_STATUS_LABELS[r.release]],
  ['Engagement', (r) => ENGAGEMENT_STATUS_LABELS[r.engagementStatus as Engagement['status']] ?? r.engagementStatus],
  ['Decided by', (r) => r.decidedBy],
  ['Decided', (r) => r.decidedAt?.slice(0, 10)],
  ['Asked', (r) => r.createdAt.slice(0, 10)],
  ["School's approved days that term", (r) => r.termUsedDays],
])
