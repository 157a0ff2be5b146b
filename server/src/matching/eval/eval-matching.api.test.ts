import { describe, expect, it } from 'vitest'
import { evaluateThroughApi } from './eval-matching.ts'
import { devSetPaths } from './offline-eval.ts'

describe('matching on the labelled development set, through the API', () => {
  it('never suggests an entry that breaks a hard rule, and ranks well', async () => {
    const summary = await evaluateThroughApi(devSetPaths(process.env.EE_SHARED_DIR), process.env.DATABASE_URL)
    expect(summary.requests).toBe(30)
    expect(summary.hardFailures).toEqual([])
    expect(summary.meanNdcgAt10).toBeGreaterThanOrEqual(0.96)
    expect(summary.meanPrecisionAt5).toBeGreaterThanOrEqual(0.93)
    expect(summary.worst.ndcgAt10).toBeGreaterThanOrEqual(0.85)
  }, 180_000)
})
