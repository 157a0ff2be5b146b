import { Problem } from '../lib/problem.ts'

/**
 * What a database error means for the person waiting on it. The one classification used by
 * `inTransaction` and by the error handler (plugins/problems.ts), so a read outside a transaction
 * answers the same as a write inside one (docs/design.md §9).
 */

/** The chain of causes of an error: drizzle wraps the driver's error, Node wraps dual-stack connects in an AggregateError. */
function* causes(err: unknown): Generator<unknown> {
  const queue: unknown[] = [err]
  for (let seen = 0; queue.length && seen < 8; seen++) {
    const e = queue.shift()
    if (!e || typeof e !== 'object') continue
    yield e
    queue.push((e as { cause?: unknown }).cause)
    const inner = (e as { errors?: unknown }).errors
    if (Array.isArray(inner)) queue.push(...inner)
  }
}

/** SQLSTATE of a driver error, whether drizzle wrapped it or not. */
export function pgCode(err: unknown): string | undefined {
  for (const e of causes(err)) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
  }
  return undefined
}

/** Serialisation failure and deadlock: safe to run the whole transaction again from the start. */
export const isRetryable = (err: unknown) => ['40001', '40P01'].includes(pgCode(err) ?? '')

/**
 * The server cannot be reached or went away: refused, reset, terminated by an administrator or a
 * restart (57P01/57P02), still starting up (57P03), any connection exception (class 08).
 */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03'])
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout expired|not queryable|Query read timeout|Cannot use a pool after calling end|the database system is (starting up|shutting down|in recovery mode)/i

/**
 * The server is up but could not serve this in time: a lock held elsewhere (55P03), a statement past
 * statement_timeout (57014), no free connection in the pool (pg-pool's acquire timeout), too many
 * connections (53300), or a conflict still there after the retries.
 */
const BUSY_CODES = new Set(['55P03', '57014', '53300', '40001', '40P01'])
const POOL_EXHAUSTED = /timeout exceeded when trying to connect/i

export type DatabaseTrouble = 'unavailable' | 'busy'

export function databaseTrouble(err: unknown): DatabaseTrouble | undefined {
  for (const e of causes(err)) {
    const code = (e as { code?: unknown }).code
    const message = e instanceof Error ? e.message : ''
    if (typeof code === 'string' && BUSY_CODES.has(code)) return 'busy'
    if (POOL_EXHAUSTED.test(message)) return 'busy'
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || SOCKET_CODES.has(code))) return 'unavailable'
    if (UNAVAILABLE_MESSAGES.test(message)) return 'unavailable'
  }
  return undefined
}

/** Seconds a client should wait before trying again (the Retry-After of every 503). */
export const RETRY_AFTER_SECONDS = 2

/** The 503 a person sees for a database that is busy or away; undefined for any other error. */
export function databaseProblem(err: unknown): Problem | undefined {
  const trouble = databaseTrouble(err)
  if (trouble === 'busy') {
    return new Problem(503, '/problems/busy', 'Busy just now', 'Many people are working on this at once. Please try again in a moment.')
  }
  if (trouble === 'unavailable') {
    return new Problem(503, '/problems/unavailable', 'Not available just now', 'The service cannot reach its database at the moment. Please try again in a moment.')
  }
  return undefined
}
