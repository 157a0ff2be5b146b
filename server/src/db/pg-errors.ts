import { Problem } from '../lib/problem.ts'

/**
 * The one place where a PostgreSQL error caused by what someone sent becomes a 4xx (docs/design.md §9):
 * `inTransaction` (db/transaction.ts) and the error handler (plugins/problems.ts) both ask here, so a
 * unique violation raised inside or outside a transaction is the same 409 naming the same field.
 */

/** SQLSTATE of a driver error, whether drizzle wrapped it or not. */
export function pgCode(err: unknown): string | undefined {
  return driverField(err, 'code', (v) => /^[0-9A-Z]{5}$/.test(v))
}

/** The constraint or index a driver error names (node-postgres and PGlite both carry `constraint`). */
export function pgConstraint(err: unknown): string | undefined {
  return driverField(err, 'constraint', (v) => v.length > 0)
}

function driverField(err: unknown, field: 'code' | 'constraint' | 'detail', ok: (v: string) => boolean): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const value = (e as Record<string, unknown>)[field]
    if (typeof value === 'string' && ok(value)) return value
  }
  return undefined
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

/** The 4xx a database error caused by the request deserves, or undefined when it is our fault (500). */
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
