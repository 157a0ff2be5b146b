import { ROLE_LABELS } from '@ee/shared/common'
import type { PendingInvitation, PersonSummary } from '@ee/shared/people'
import { csvTable } from '../lib/csv.ts'

export const peopleCsv = csvTable<PersonSummary>('people', [
  ['Name', (p) => p.name],
  ['E-mail', (p) => p.email],
  ['Role', (p) => ROLE_LABELS[p.role]],
  ['School', (p) => p.schoolName],
  ['Active', (p) => (p.active ? 'Yes' : 'No')],
  ['Paused', (p) => (p.paused ? 'Yes' : 'No')],
  ['Last active', (p) => p.lastActiveAt?.slice(0, 10)],
])

export const invitationsCsv = csvTable<PendingInvitation>('invitations', [
  ['E-mail', (i) => i.email],
  ['Role', (i) => ROLE_LABELS[i.role]],
  ['School', (i) => i.schoolName],
  ['Invited by', (i) => i.invitedByName],
  ['Sent', (i) => i.sentAt.slice(0, 10)],
  ['Link works until', (i) => i.expiresAt.slice(0, 10)],
  ['Expired', (i) => (i.expired ? 'Yes' : 'No')],
])
