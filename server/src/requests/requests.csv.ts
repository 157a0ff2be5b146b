import type { Case } from '@ee/shared/cases'
import { MODE_LABELS, PHASE_LABELS } from '@ee/shared/common'
import { type CommissioningRequest, REQUEST_STATUS_LABELS } from '@ee/shared/requests'
import { csvTable } from '../lib/csv.ts'

/** The title as JSON gives it: "Confidential request" to a reader who may not read the text. */
export const requestsCsv = csvTable<CommissioningRequest>('requests', [
  ['Title', (r) => r.title],
  ['School', (r) => r.schoolName],
  ['Raised by', (r) => r.raisedBy.name],
  ['Status', (r) => REQUEST_STATUS_LABELS[r.status]],
  ['Areas', (r) => r.areas.map((a) => a.name)],
  ['Subjects', (r) => r.subjects],
  ['Phases', (r) => r.phases.map((p) => PHASE_LABELS[p])],
  ['Kinds of help', (r) => r.modes.map((m) => MODE_LABELS[m])],
  ['Experts wanted', (r) => r.expertsWanted],
  ['Days per expert', (r) => r.daysPerExpert],
  ['Places filled', (r) => r.placesFilled],
  ['Live offers', (r) => r.liveOffers],
  ['Window start', (r) => r.window.start],
  ['Window end', (r) => r.window.end],
  ['Term', (r) => r.termLabel],
  ['Confidential', (r) => (r.confidentiality === 'invited' ? 'Yes' : 'No')],
  ['Published', (r) => r.publishedAt?.slice(0, 10)],
  ['Commissioned', (r) => r.commissionedAt?.slice(0, 10)],
  ['Closed', (r) => r.closedAt?.slice(0, 10)],
  ['Waiting 14 days with no offer', (r) => (r.stale ? 'Yes' : 'No')],
])

/** The nearest cases to one request, as its page lists them. */
export const similarCasesCsv = csvTable<Case>('similar-cases', [
  ['Title', (c) => c.title],
  ['Areas', (c) => c.areas.map((a) => a.name)],
  ['Providing school', (c) => c.providerSchool?.name],
  ['Receiving school', (c) => c.receiverSchool.name],
  ['Impact (1 to 5)', (c) => c.impact],
  ['Problem', (c) => c.problem],
  ['Approach', (c) => c.approach],
  ['Outcome', (c) => c.outcome],
])
