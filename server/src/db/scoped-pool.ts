import type { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { type DbScope, OWNER_SCOPE, currentScope } from './scope.ts'

/**
 * Connections that carry their caller's scope (db/scope.ts, docs/design.md §10). Each connection
 * remembers the role and trust it last had; a call whose scope differs sets both in one statement
 * before it runs, so the common case (the same trust again) costs no extra round trip.
 */

/** The role the app assumes; migrations/0013 creates it and grants it to the migrating user. */
export const APP_ROLE = 'ee_app'

const key = (s: Readonly<DbScope>) => `${s.role}/${s.trust}`
const SET_SCOPE = 'select set_config($1::text, $2::text, false), set_config($3::text, $4::text, false)'
const setScopeParams = (s: Readonly<DbScope>) => ['role', s.role === 'app' ? APP_ROLE : 'none', 'app.trust_id', s.trust]

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void

/**
 * A pg pool whose every checkout (pool.query checks out too) is put in the caller's scope. The scope
 * is read when connect() is called: its callback may run in whichever caller released the connection.
 */
export class ScopedPool extends pg.Pool {
  readonly #applied = new WeakMap<pg.PoolClient, string>()
  readonly #fallback: Readonly<DbScope>

  constructor(fallback: Readonly<DbScope>, config: pg.PoolConfig) {
    super(config)
    this.#fallback = fallback
  }

  override connect(): Promise<pg.PoolClient>
  override connect(callback: ConnectCallback): void
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const scope = currentScope(this.#fallback)
    if (!callback) return super.connect().then((client) => this.#enter(client, scope))
    super.connect((err, client, done) => {
      if (err || !client) return callback(err, client, done)
      this.#enter(client, scope).then(
        () => callback(undefined, client, done),
        (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), undefined, done),
      )
    })
  }

  async #enter(client: pg.PoolClient, scope: Readonly<DbScope>): Promise<pg.PoolClient> {
    const want = key(scope)
    if ((this.#applied.get(client) ?? key(OWNER_SCOPE)) === want) return client
    try {
      await client.query({ name: 'ee_set_scope', text: SET_SCOPE, values: setScopeParams(scope) })
    } catch (err) {
      // A connection in an unknown state is not handed to anyone: release(err) destroys it.
      client.release(err instanceof Error ? err : true)
      throw err
    }
    this.#applied.set(client, want)
    return client
  }
}

/**
 * PGlite is one connection that every caller shares, one statement or transaction at a time. Setting
 * the scope and running the call must not be split by another caller, so both run under one lock;
 * PGlite already runs everything in turn, so the lock costs no parallelism.
 */
export function scopedPglite(client: PGlite, fallback: Readonly<DbScope>): PGlite {
  let applied = key(OWNER_SCOPE)
  let tail: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(scope: Readonly<DbScope>, run: () => Promise<T>): Promise<T> => {
    const result = tail.then(async () => {
      const want = key(scope)
      if (applied !== want) {
        await client.query(SET_SCOPE, setScopeParams(scope))
        applied = want
      }
      return run()
    })
    tail = result.catch(() => undefined)
    return result
  }
  const wrapped = {
    query: (...args: Parameters<PGlite['query']>) => exclusive(currentScope(fallback), () => client.query(...args)),
    exec: (...args: Parameters<PGlite['exec']>) => exclusive(currentScope(fallback), () => client.exec(...args)),
    transaction: (...args: Parameters<PGlite['transaction']>) => exclusive(currentScope(fallback), () => client.transaction(...args)),
  }
  return new Proxy(client, {
    get(target, prop) {
      if (Object.hasOwn(wrapped, prop)) return wrapped[prop as keyof typeof wrapped]
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}
