import type { EngagementStatus, ReleaseStatus } from '@ee/shared/engagements'
import { conflict } from '../lib/problem.ts'

/** docs/design.md §3: an engagement is under way until it is completed or cancelled; both are final. */
export const ENGAGEMENT_TRANSITIONS: Readonly<Record<EngagementStatus, readonly EngagementStatus[]>> = {
  active: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
}

/**
 * The release: the expert's own school lets them go. Born `approved` while the school stays within
 * its releaseDaysPerTerm, otherwise `pending` until its head approves or refuses. Decisions are final.
 */
export const RELEASE_TRANSITIONS: Readonly<Record<ReleaseStatus, readonly ReleaseStatus[]>> = {
  pending: ['approved', 'refused'],
  approved: [],
  refused: [],
}

export const canMoveEngagement = (from: EngagementStatus, to: EngagementStatus) => ENGAGEMENT_TRANSITIONS[from].includes(to)
export const canMoveRelease = (from: ReleaseStatus, to: ReleaseStatus) => RELEASE_TRANSITIONS[from].includes(to)

export function assertEngagementTransition(from: EngagementStatus, to: EngagementStatus): void {
  if (!canMoveEngagement(from, to)) conflict(`This engagement cannot be ${to === 'completed' ? 'completed' : to} now: it is already ${from}.`)
}

export function assertReleaseTransition(from: ReleaseStatus, to: ReleaseStatus): void {
  if (!canMoveRelease(from, to)) conflict(`This release has already been ${from}; the decision cannot be changed.`)
}

/** Work can be logged, completed or reflected on only once the expert's school has let them go. */
export function assertReleased(status: EngagementStatus, release: ReleaseStatus): void {
  if (status !== 'active') conflict(`This engagement is ${status}; nothing more can be logged.`)
  if (release !== 'approved') conflict(release === 'pending'
    ? "The expert's own school has not approved their release yet."
    : "The expert's own school refused their release.")
}
