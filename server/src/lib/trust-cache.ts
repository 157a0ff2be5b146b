/**
 * Where a trust's data stands: two counters that database triggers move forward on every write a
 * cached answer could read (migrations 0005 and 0008). The session query reads them with the
 * signed-in person, so every authenticated request knows them at no extra cost.
 */
export type TrustVersion = Readonly<{ matching: number; activity: number }>

const sameVersion = (a: TrustVersion, b: TrustVersion) => a.matching === b.matching && a.activity === b.activity
const atLeast = (a: TrustVersion, b: TrustVersion) => a.matching >= b.matching && a.activity >= b.activity

type TrustAnswers<T> = { version: TrustVersion; answers: Map<string, Promise<T>> }

/**
 * Answers computed from one trust's data, reused while the trust's version stays the same: the
 * central team's flows and a head's suggestions are read far more often than the data behind them
 * changes. The version is read before the answer is computed, so an answer is never older than the
 * version it is filed under; a request that started before a write the cache has already seen is
 * answered afresh and leaves the newer answers alone. Bounded per trust and in trusts, oldest out.
 * See docs/decisions/008-trust-version-cache.md.
 */
export class TrustCache<T> {
  private readonly trusts = new Map<string, TrustAnswers<T>>()

  constructor(private readonly limits: { answersPerTrust: number; trusts: number } = { answersPerTrust: 256, trusts: 1000 }) {}

  get(trustId: string, version: TrustVersion, key: string, compute: () => Promise<T>): Promise<T> {
    let entry = this.trusts.get(trustId)
    if (entry && !sameVersion(entry.version, version)) {
      if (!atLeast(version, entry.version)) return compute()
      entry = undefined
    }
    if (!entry) {
      entry = { version, answers: new Map() }
      this.trusts.delete(trustId)
      this.trusts.set(trustId, entry)
      evictOldest(this.trusts, this.limits.trusts)
    }
    const known = entry.answers.get(key)
    if (known) return known
    const answer = compute()
    const answers = entry.answers
    answers.set(key, answer)
    evictOldest(answers, this.limits.answersPerTrust)
    // A failed computation is not an answer: the next request tries again.
    answer.catch(() => {
      if (answers.get(key) === answer) answers.delete(key)
    })
    return answer
  }
}

function evictOldest<K, V>(map: Map<K, V>, limit: number) {
  while (map.size > limit) map.delete(map.keys().next().value as K)
}
