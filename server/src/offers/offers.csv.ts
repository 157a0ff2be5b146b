import { OFFER_STATUS_LABELS, type Offer } from '@ee/shared/offers'
import { csvTable } from '../lib/csv.ts'

export const offersCsv = csvTable<Offer>('offers', [
  ['Request', (o) => o.requestTitle],
  ['Expert', (o) => o.expert.name],
  ['School', (o) => o.school?.name],
  ['Expertise', (o) => o.expertise.title],
  ['Status', (o) => OFFER_STATUS_LABELS[o.status]],
  ['Days', (o) => o.days],
  ['Proposed start', (o) => o.proposedStart],
  ['Proposed end', (o) => o.proposedEnd],
  ['Message', (o) => o.message],
  ['Invitation note', (o) => o.inviteNote],
  ['Distance (km)', (o) => (o.distanceKm === null ? '' : Math.round(o.distanceKm * 10) / 10)],
  ['Past impact (1 to 5)', (o) => o.pastImpact.average],
  ['Completed engagements', (o) => o.pastImpact.count],
  ['Free days this term', (o) => o.freeDays],
  ['Invited', (o) => o.invitedAt?.slice(0, 10)],
  ['Decided', (o) => o.decidedAt?.slice(0, 10)],
  ['Why it closed', (o) => o.closedReason],
  ['Made', (o) => o.createdAt.slice(0, 10)],
])
