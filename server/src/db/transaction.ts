import type { Db, Tx } from './client.ts'
import { databaseProblem, isRetryable, problemFromPgError } from './pg-errors.ts'

export { pgCode } from './pg-errors.ts'

/**
 * How long a use case may keep retrying serialisation failures and deadlocks. With the pool's
 * acquire timeout and lock_timeout (db/client.ts) it keeps every request under 5 s (docs/design.md §9).
 */
const RETRY_BUDGET_MS = 1000
const MAX_ATTEMPTS = 3

/**
 * One use case, one transaction. Serialisation failures and deadlocks are retried while the budget
 * lasts (docs/design.md §9, DI-6); a unique-index clash means someone did the same thing at the same
 * moment (409); a lock not granted in time, a pool with no free connection or a database that went
 * away is 503 with Retry-After. A lock held elsewhere is not retried: it is held by a transaction
 * that is still running, and waiting again would only keep this request's connection longer.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const started = Date.now()
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn)
    } catch (err) {
      if (isRetryable(err) && attempt < MAX_ATTEMPTS && Date.now() - started < RETRY_BUDGET_MS) {
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * attempt))
        continue
      }
      throw problemFromPgError(err) ?? databaseProblem(err) ?? err
    }
  }
}
