import type { RequestStatus } from '@ee/shared/requests'
import { conflict } from '../lib/problem.ts'

/**
 * The request lifecycle (docs/design.md §3). A head drafts, publishes (open), commissions by accepting
 * offers until every place is filled, and the work completes. A refused release or a cancelled
 * engagement frees a place, so a commissioned request can open again.
 */
export const REQUEST_TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  draft: ['open', 'withdrawn'],
  open: ['commissioned', 'withdrawn'],
  commissioned: ['completed', 'open'],
  completed: [],
  withdrawn: [],
}

export const canMoveRequest = (from: RequestStatus, to: RequestStatus) => REQUEST_TRANSITIONS[from].includes(to)

const WHY: Partial<Record<RequestStatus, string>> = {
  draft: 'It is still a draft: publish it first.',
  commissioned: 'It is already commissioned.',
  completed: 'It is completed.',
  withdrawn: 'It has been withdrawn.',
  open: 'It is already open.',
}

export function assertRequestTransition(from: RequestStatus, to: RequestStatus): void {
  if (!canMoveRequest(from, to)) conflict(`This request cannot become ${to} now. ${WHY[from] ?? ''}`.trim())
}

/** Editing is allowed while nobody has been commissioned yet. */
export function assertRequestEditable(status: RequestStatus): void {
  if (status !== 'draft' && status !== 'open') conflict(`This request can no longer be edited. ${WHY[status] ?? ''}`.trim())
}
