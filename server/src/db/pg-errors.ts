import { Problem } from '../lib/problem.ts'

/**
 * What a database error means for the person waiting on it (docs/design.md §9). The one
 * classification used by `inTransaction` (db/transaction.ts) and by the error handler
 * (plugins/problems.ts), so a read outside a transaction answers the same as a write inside one:
 * input that cannot be stored or clashes is a 4xx naming the field; a database that is busy or away
 * is a 503 with Retry-After; anything else is our fault (500).
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

function driverField(err: unknown, field: 'code' | 'constraint' | 'detail', ok: (v: string) => boolean): string | undefined {
  for (const e of causes(err)) {
    const value = (e as Record<string, unknown>)[field]
    if (typeof value === 'string' && ok(value)) return value
  }
  return undefined
}

/** SQLSTATE of a driver error, whether drizzle wrapped it or not. */
export function pgCode(err: unknown): string | undefined {
  return driverField(err, 'code', (v) => /^[0-9A-Z]{5}$/.test(v))
}

/** The constraint or index a driver error names (node-postgres and PGlite both carry `constraint`). */
export function pgConstraint(err: unknown): string | undefined {
  return driverField(err, 'constraint', (v) => v.length > 0)
}

type Clash = { path: string; message: string }

/**
 * Unique indexes and keys by name (migrations/), with the field of the request that clashed and the
 * words for it. A constraint not listed here still answers 409, with the general words.
 */
const UNIQUE_CLASHES: Record<string, Clash> = {
  areas_trust_slug: { path: 'slug', message: 'Your framework already has an area with this slug; choose another' },
  clusters_trust_name: { path: 'name', message: 'There is already a cluster with this name; choose another name' },
  schools_urn: { path: 'urn', message: 'A school with this URN is already registered' },
  people_email: { path: 'email', message: 'Someone with this e-mail address already has an account' },
  offers_live_per_person: { path: 'expertiseId', message: 'This expert already has a live offer or invitation on this request' },
  engagements_offer: { path: 'id', message: 'This offer has already been accepted' },
  cases_engagement: { path: 'id', message: 'This engagement already has its case' },
  idempotency_keys_person_id_key_pk: { path: 'Idempotency-Key', message: 'This key is being used by a request still in progress' },
  trust_terms_trust_id_academic_year_name_pk: { path: 'terms', message: 'Each term can be given only once a year' },
  trust_closures_trust_id_date_pk: { path: 'closures', message: 'Each closure day can be given only once' },
  notification_preferences_pk: { path: 'kind', message: 'This kind of notification was changed at the same moment; try again' },
}

/** The field a unique violation clashed on, when the constraint is one we know. */
export function uniqueClash(err: unknown): Clash | undefined {
  const name = pgConstraint(err)
  return name ? UNIQUE_CLASHES[name] : undefined
}

/**
 * SQLSTATEs that mean "this input cannot be stored": invalid byte sequence or character not in the
 * encoding (22021: a NUL in text), a \u escape jsonb cannot hold (22P05: \u0000), and json that is
 * invalid only for its Unicode (22P02 "Unicode low surrogate must follow a high surrogate": half an
 * emoji in an audit detail). The schemas refuse these characters first (shared/src/common.ts
 * `text()`); this is the backstop for a field that was missed.
 */
const UNSTORABLE = new Set(['22021', '22P05'])
const unstorable = (err: unknown, code: string | undefined) =>
  (code !== undefined && UNSTORABLE.has(code)) || (code === '22P02' && /unicode|surrogate/i.test(driverField(err, 'detail', Boolean) ?? ''))

/** The 4xx a database error caused by the request deserves, or undefined when it is not the request's fault. */
export function problemFromPgError(err: unknown): Problem | undefined {
  const code = pgCode(err)
  if (code === '23505') {
    const clash = uniqueClash(err)
    return clash
      ? new Problem(409, '/problems/conflict', 'That cannot be done now', `${clash.message}.`, [clash])
      : new Problem(409, '/problems/conflict', 'That cannot be done now', 'Someone made the same change at the same moment. Please reload and check.')
  }
  if (unstorable(err, code)) {
    return new Problem(400, '/problems/validation', 'Some fields need attention', 'Something you sent contains a character that cannot be stored (a null byte or half of a character); remove it.')
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
