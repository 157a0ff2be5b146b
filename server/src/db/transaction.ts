import type { Db, Tx } from './client.ts'
import { Problem } from '../lib/problem.ts'

/** SQLSTATE of a driver error, whether drizzle wrapped it or not. */
export function pgCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
  }
  return undefined
}

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
      if (code === '23505') {
        throw new Problem(409, '/problems/conflict', 'That cannot be done now', 'Someone made the same change at the same moment. Please reload and check.')
      }
      if ((code && RETRYABLE.has(code)) || poolExhausted(err)) {
        throw new Problem(503, '/problems/busy', 'Busy just now', 'Many people are working on this at once. Please try again in a moment.')
      }
      throw err
    }
  }
}
