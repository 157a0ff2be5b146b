import type { EngagementStatus, ReleaseStatus } from '@ee/shared/engagements'
import {
  ENGAGEMENT_LIFECYCLE,
  EXTENSION_LIFECYCLE,
  type EngagementAction,
  type ExtensionAction,
  type ExtensionStatus,
  RELEASE_LIFECYCLE,
  type ReleaseAction,
} from '@ee/shared/lifecycles'
import { step } from '../lib/lifecycle.ts'
import { conflict } from '../lib/problem.ts'

/** docs/design.md §3: the tables live in shared/src/lifecycles.ts; these are the engagement side's steps. */
export const engagementStep = (from: EngagementStatus, action: EngagementAction): EngagementStatus => step(ENGAGEMENT_LIFECYCLE, from, action)
export const releaseStep = (from: ReleaseStatus, action: ReleaseAction): ReleaseStatus => step(RELEASE_LIFECYCLE, from, action)
export const extensionStep = (from: ExtensionStatus, action: ExtensionAction, to?: ExtensionStatus): ExtensionStatus => step(EXTENSION_LIFECYCLE, from, action, to)

/** Work can be logged, extended, completed or reflected on only once the expert's school has let them go. */
export function assertReleased(release: ReleaseStatus): void {
  if (release !== 'approved') conflict(release === 'pending'
    ? "The expert's own school has not approved their release yet."
    : "The expert's own school refused their release.")
}
