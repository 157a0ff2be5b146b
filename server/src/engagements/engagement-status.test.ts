import { describe, expect, it } from 'vitest'
import { ENGAGEMENT_STATUSES, type EngagementStatus, RELEASE_STATUSES, type ReleaseStatus } from '@ee/shared/engagements'
import { assertEngagementTransition, assertReleaseTransition, assertReleased, canMoveEngagement, canMoveRelease } from './engagement-status.ts'

const ENGAGEMENT_LEGAL: [EngagementStatus, EngagementStatus][] = [
  ['active', 'completed'],
  ['active', 'cancelled'],
]
const RELEASE_LEGAL: [ReleaseStatus, ReleaseStatus][] = [
  ['pending', 'approved'],
  ['pending', 'refused'],
]
const pairs = <T extends string>(values: readonly T[]) => values.flatMap((a) => values.map((b) => [a, b] as [T, T]))
const legal = <T>(table: [T, T][], f: T, t: T) => table.some(([a, b]) => a === f && b === t)

describe('engagement lifecycle', () => {
  it.each(ENGAGEMENT_LEGAL)('When an engagement moves %s → %s, then it is allowed', (from, to) => {
    expect(canMoveEngagement(from, to)).toBe(true)
    expect(() => assertEngagementTransition(from, to)).not.toThrow()
  })
  it.each(pairs(ENGAGEMENT_STATUSES).filter(([f, t]) => !legal(ENGAGEMENT_LEGAL, f, t)))('When an engagement would move %s → %s, then 409', (from, to) => {
    expect(canMoveEngagement(from, to)).toBe(false)
    expect(() => assertEngagementTransition(from, to)).toThrow(expect.objectContaining({ status: 409 }))
  })
})

describe('release lifecycle', () => {
  it.each(RELEASE_LEGAL)('When a release moves %s → %s, then it is allowed', (from, to) => {
    expect(canMoveRelease(from, to)).toBe(true)
    expect(() => assertReleaseTransition(from, to)).not.toThrow()
  })
  it.each(pairs(RELEASE_STATUSES).filter(([f, t]) => !legal(RELEASE_LEGAL, f, t)))('When a release would move %s → %s, then 409 (decisions are final)', (from, to) => {
    expect(canMoveRelease(from, to)).toBe(false)
    expect(() => assertReleaseTransition(from, to)).toThrow(expect.objectContaining({ status: 409 }))
  })
})

describe('work needs a release', () => {
  it.each(ENGAGEMENT_STATUSES.flatMap((s) => RELEASE_STATUSES.map((r) => [s, r] as const)))(
    'When the engagement is %s and its release %s, then work may be logged only if active and approved',
    (status, release) => {
      const ok = status === 'active' && release === 'approved'
      if (ok) expect(() => assertReleased(status, release)).not.toThrow()
      else expect(() => assertReleased(status, release)).toThrow(expect.objectContaining({ status: 409 }))
    },
  )
})
