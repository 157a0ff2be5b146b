import type { Db, Tx } from './client.ts'
import { Problem } from '../lib/problem.ts'
import { pgCode, problemFromPgError } from './pg-errors.ts'

export { pgCode } from './pg-errors.ts'

/** Serialisation failure, deadlock, lock not granted in time: all safe to run again from the start. */
const RETRYABLE = new Set(['40001', '40P01', '55P03'])
const poolExhausted = (err: unknown) => err instanceof Error && /timeout exceeded when trying to connect/i.test(err.message)

/**
 * One use case, one transaction. Serialisation failures and deadlocks are retried (docs/design.md §9,
 * DI-6); a unique-index clash means someone did the same thing at the same moment (409); a lock
 * not granted in time means the row is busy (503, try again). Nothing of these reaches a person as a 500.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn)
    } catch (err) {
      const code = pgCode(err)
      if (code && RETRYABLE.has(code) && attempt < 3) {
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * attempt))
        continue
      }
      const problem = problemFromPgError(err)
      if (problem) throw problem
      if ((code && RETRYABLE.has(code)) || poolExhausted(err)) {
        throw new Problem(503, '/problems/busy', 'Busy just now', 'Many people are working on this at once. Please try again in a moment.')
      }
      throw err
    }
  }
}
