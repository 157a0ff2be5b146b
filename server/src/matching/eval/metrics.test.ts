import { describe, expect, it } from 'vitest'
import { rawPrecisionAt5, scoreRanking, summarise, type RequestLabels } from './metrics.ts'

const label: RequestLabels = { graded: { a: 3, b: 2, c: 1, d: 0, x: 3 }, must_not_appear: ['x'] }

describe('scoreRanking (MATCHING-EVAL.md)', () => {
  it('scores the ideal ranking 1', () => {
    expect(scoreRanking(['a', 'b', 'c', 'd'], label)).toEqual({ ndcgAt10: 1, precisionAt5: 1, hardFailures: [] })
  })

  it('gives no gain to a banned entry and reports it as a hard failure', () => {
    const score = scoreRanking(['x', 'a', 'b', 'c'], label)
    expect(score.hardFailures).toEqual(['x'])
    expect(score.ndcgAt10).toBeLessThan(1)
  })

  it('counts only the first occurrence of a repeated entry', () => {
    expect(scoreRanking(['a', 'a', 'b', 'c'], label)).toEqual(scoreRanking(['a', 'b', 'c'], label))
  })

  it('computes nDCG@10 with gain 2^grade − 1 and log2 discounts', () => {
    const dcg = 3 / Math.log2(2) + 7 / Math.log2(3)
    const idcg = 7 / Math.log2(2) + 3 / Math.log2(3) + 1 / Math.log2(4)
    expect(scoreRanking(['b', 'a'], label).ndcgAt10).toBeCloseTo(dcg / idcg, 12)
  })

  it('normalises precision@5 by the eligible entries graded 2 or more', () => {
    expect(scoreRanking(['a', 'd', 'c', 'e', 'f'], label).precisionAt5).toBe(0.5)
    expect(rawPrecisionAt5(['a', 'd', 'c', 'e', 'f'], label)).toBe(0.2)
  })
})

describe('summarise', () => {
  it('averages, finds the worst request and names each hard failure with its rule', () => {
    const summary = summarise(
      new Map([
        ['r-1', ['a', 'b', 'c']],
        ['r-2', ['x', 'c']],
      ]),
      { 'r-1': label, 'r-2': label },
      () => 'same school',
    )
    expect(summary.worst.request).toBe('r-2')
    expect(summary.hardFailures).toEqual([{ request: 'r-2', entry: 'x', rule: 'same school' }])
    expect(summary.meanNdcgAt10).toBeCloseTo((1 + (summary.perRequest['r-2']?.ndcgAt10 ?? 0)) / 2, 12)
  })
})
