import { AsyncLocalStorage } from 'node:async_hooks'
import { sql } from 'drizzle-orm'
import { PgTransaction } from 'drizzle-orm/pg-core'
import type { Executor } from './client.ts'

/**
 * Whose rows a database call may touch (docs/design.md §10). Row-level security on every tenant table
 * (migrations/0013) reads the setting `app.trust_id`; the pool (db/scoped-pool.ts) puts the caller's
 * scope on the connection before the call runs.
 *
 * - `trust`: a trust's id for a signed-in person's request; `'system'` for what crosses trusts
 *   (sign-in by e-mail, invitation and reset links, jobs that sweep every trust, operator commands).
 * - `role`: `app` is ee_app, which owns no table; `owner` is the session user of DATABASE_URL, for
 *   migrations and for creating and dropping databases.
 */
export type DbScope = { role: 'app' | 'owner'; trust: string }

export const SYSTEM = 'system'
/** What code outside any request runs as: the app role, across trusts. */
export const SYSTEM_SCOPE: Readonly<DbScope> = Object.freeze({ role: 'app', trust: SYSTEM })
/** A connection as it is opened: the session user, nothing set. */
export const OWNER_SCOPE: Readonly<DbScope> = Object.freeze({ role: 'owner', trust: '' })

const storage = new AsyncLocalStorage<DbScope>()

/** The scope of the code running now, or `fallback` outside any. Read it when a call starts. */
export function currentScope(fallback: Readonly<DbScope>): Readonly<DbScope> {
  return storage.getStore() ?? fallback
}

/**
 * Runs `fn` (the rest of a request: plugins/db-scope.ts) across trusts until `confineToTrust` narrows
 * it, which plugins/auth.ts does as soon as it has read the signed-in person.
 */
export function runRequestScope(fn: () => void): void {
  const scope: DbScope = { role: 'app', trust: SYSTEM }
  requestScopes.add(scope)
  storage.run(scope, fn)
}
const requestScopes = new WeakSet<DbScope>()

/**
 * Confines the rest of the current request to one trust's rows. Throws outside a request scope
 * rather than let a signed-in person's calls run across trusts.
 */
export function confineToTrust(trustId: string): void {
  const scope = storage.getStore()
  if (!scope || !requestScopes.has(scope)) throw new Error('confineToTrust called outside a request scope')
  scope.trust = trustId
}

/**
 * Runs `fn` in a scope. Drizzle's queries start when awaited, so `fn`'s result is awaited inside the
 * scope: `withTrust(t, () => db.select()…)` runs the select confined, not after the scope has ended.
 */
function within<T>(scope: DbScope, fn: () => T | Promise<T>): Promise<T> {
  return storage.run(scope, async () => await fn())
}

/** Runs `fn` with every database call confined to one trust's rows. */
export function withTrust<T>(trustId: string, fn: () => T | Promise<T>): Promise<T> {
  return within({ role: 'app', trust: trustId }, fn)
}

/** Runs `fn` across trusts: for the few paths that must, even inside a request (sign-in's person read). */
export function asSystem<T>(fn: () => T | Promise<T>): Promise<T> {
  return within({ role: 'app', trust: SYSTEM }, fn)
}

/** Runs `fn` as the owner of the tables, seeing every row: migrations only. */
export function asOwner<T>(fn: () => T | Promise<T>): Promise<T> {
  return within({ role: 'owner', trust: SYSTEM }, fn)
}

/**
 * Runs one lookup that must see every trust, from inside a signed-in person's request: the few
 * checks that a URN or an e-mail is registered anywhere on the service (answered without revealing
 * which trust). In a transaction the setting is changed for the lookup only (SET LOCAL, restored
 * before the transaction goes on); outside one, the lookup takes a connection in the system scope.
 */
export async function acrossTrusts<T>(ex: Executor, lookup: () => Promise<T>): Promise<T> {
  const scope = storage.getStore()
  if (!scope || scope.trust === SYSTEM) return await lookup()
  if (!(ex instanceof PgTransaction)) return asSystem(lookup)
  await ex.execute(sql`select set_config('app.trust_id', ${SYSTEM}, true)`)
  let failed = false
  try {
    return await lookup()
  } catch (err) {
    failed = true
    throw err
  } finally {
    // After a failed statement the transaction is aborted and rolls back, taking the setting with it.
    await ex.execute(sql`select set_config('app.trust_id', ${scope.trust}, true)`).catch((err: unknown) => {
      if (!failed) throw err
    })
  }
}
