import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { devSetPaths, formatSummary, REPO_ROOT, runOfflineEval } from './offline-eval.ts'

// The labelled development set lives beside the repository (../shared/data), not in it.
const sharedDir = process.env.EE_SHARED_DIR ?? path.resolve(REPO_ROOT, '../shared')

describe('matching on the labelled development set', () => {
  it('ranks every open request with no hard failure and above the quality floors', () => {
    const paths = devSetPaths(sharedDir)
    for (const file of [paths.bundlePath, paths.labelsPath]) {
      if (!existsSync(file)) {
        throw new Error(
          `The matching dev set is missing: ${file} does not exist. Put the shared folder beside the repository ` +
            '(../shared/data/matching-dev.*.json) or set EE_SHARED_DIR to the folder that holds data/.',
        )
      }
    }
    const summary = runOfflineEval(paths)
    const report = formatSummary(summary)
    expect(summary.requests, report).toBe(30)
    expect(summary.hardFailures, report).toEqual([])
    expect(summary.meanNdcgAt10, report).toBeGreaterThanOrEqual(0.96)
    expect(summary.meanPrecisionAt5, report).toBeGreaterThanOrEqual(0.93)
    expect(summary.worst.ndcgAt10, report).toBeGreaterThanOrEqual(0.85)
  })
})
