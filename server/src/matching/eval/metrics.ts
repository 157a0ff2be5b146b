// The scoring of ../shared/data/MATCHING-EVAL.md, exactly as written there.

export type RequestLabels = { graded: Record<string, number>; must_not_appear: string[] }

export interface RequestScore {
  ndcgAt10: number
  precisionAt5: number
  hardFailures: string[]
}

export function scoreRanking(ranked: string[], label: RequestLabels): RequestScore {
  const banned = new Set(label.must_not_appear)
  const grade = (ref: string) => (banned.has(ref) ? 0 : (label.graded[ref] ?? 0))
  const top10 = [...new Set(ranked)].slice(0, 10)
  const dcg = top10.reduce((sum, ref, i) => sum + (2 ** grade(ref) - 1) / Math.log2(i + 2), 0)
  const ideal = Object.entries(label.graded)
    .filter(([ref]) => !banned.has(ref))
    .map(([, g]) => g)
    .sort((a, b) => b - a)
    .slice(0, 10)
  const idcg = ideal.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0)
  const best = ideal.filter((g) => g >= 2).length
  return {
    ndcgAt10: dcg / idcg,
    precisionAt5: top10.slice(0, 5).filter((ref) => grade(ref) >= 2).length / Math.min(5, best),
    hardFailures: top10.filter((ref) => banned.has(ref)),
  }
}

/** Raw precision@5: the same count divided by 5 (its best mean on the dev set is 0.647). */
export function rawPrecisionAt5(ranked: string[], label: RequestLabels): number {
  const banned = new Set(label.must_not_appear)
  const top5 = [...new Set(ranked)].slice(0, 5)
  return top5.filter((ref) => !banned.has(ref) && (label.graded[ref] ?? 0) >= 2).length / 5
}

export interface HardFailure {
  request: string
  entry: string
  rule: string
}

export interface EvalSummary {
  requests: number
  meanNdcgAt10: number
  meanPrecisionAt5: number
  meanRawPrecisionAt5: number
  worst: { request: string; ndcgAt10: number }
  hardFailures: HardFailure[]
  perRequest: Record<string, RequestScore & { rawPrecisionAt5: number }>
}

/**
 * Scores a set of rankings. `ruleOf` names the rule an entry breaks for a request; the labels only
 * say that it breaks one.
 */
export function summarise(
  rankings: ReadonlyMap<string, string[]>,
  labels: Readonly<Record<string, RequestLabels>>,
  ruleOf: (request: string, entry: string) => string = () => 'must_not_appear',
): EvalSummary {
  const perRequest: EvalSummary['perRequest'] = {}
  const hardFailures: HardFailure[] = []
  let worst = { request: '', ndcgAt10: Number.POSITIVE_INFINITY }
  const refs = Object.keys(labels).sort()
  for (const ref of refs) {
    const label = labels[ref]
    if (label === undefined) continue
    const ranked = rankings.get(ref) ?? []
    const score = scoreRanking(ranked, label)
    perRequest[ref] = { ...score, rawPrecisionAt5: rawPrecisionAt5(ranked, label) }
    if (score.ndcgAt10 < worst.ndcgAt10) worst = { request: ref, ndcgAt10: score.ndcgAt10 }
    for (const entry of score.hardFailures) hardFailures.push({ request: ref, entry, rule: ruleOf(ref, entry) })
  }
  const scores = Object.values(perRequest)
  const mean = (f: (s: (typeof scores)[number]) => number) =>
    scores.length === 0 ? 0 : scores.reduce((sum, s) => sum + f(s), 0) / scores.length
  return {
    requests: scores.length,
    meanNdcgAt10: mean((s) => s.ndcgAt10),
    meanPrecisionAt5: mean((s) => s.precisionAt5),
    meanRawPrecisionAt5: mean((s) => s.rawPrecisionAt5),
    worst,
    hardFailures,
    perRequest,
  }
}
