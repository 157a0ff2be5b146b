import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import type { ExtractTablesWithRelations, SQL, SQLWrapper } from 'drizzle-orm'
import * as schema from './schema/index.ts'
import { OWNER_SCOPE, SYSTEM_SCOPE } from './scope.ts'
import { ScopedPool, scopedPglite } from './scoped-pool.ts'

type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** Either the database or an open transaction: repositories take it first, services decide which. */
export type Executor = Db | Tx

export type Database = {
  db: Db
  kind: 'postgres' | 'pglite'
  close: () => Promise<void>
}

export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null }

type Log = (msg: string, err?: unknown) => void

/**
 * The bounds that keep every request under 5 s on a bad day (docs/design.md §9): a connection from
 * the pool within 1.5 s (a new connection included), a row lock within 1 s, a statement within 3 s
 * (`statementTimeoutMs`; bulk loaders such as the benchmarks pass 0 for none). Past any of them the
 * request is a 503 with Retry-After (db/pg-errors.ts). No client-side query_timeout: pg 8 starts it
 * while a query still waits in the connection's queue and, when it fires on a query already sent,
 * sends the next one regardless, which can break a transaction that was merely slow.
 *
 * `owner`: stay the session user of DATABASE_URL (creating and dropping databases). Otherwise every
 * call runs as ee_app in the scope of its caller, across trusts outside a request (docs/design.md §10).
 */
export const POOL_LIMITS = { max: 10, acquireTimeoutMs: 1500, lockTimeoutMs: 1000, statementTimeoutMs: 3000 } as const

export function createDb(target: DatabaseTarget, log: Log = () => {}, opts: { statementTimeoutMs?: number; owner?: boolean } = {}): Database {
  const fallback = opts.owner ? OWNER_SCOPE : SYSTEM_SCOPE
  if (target.kind === 'pglite') {
    const client = scopedPglite(new PGlite(target.dataDir ?? undefined), fallback)
    return { db: drizzlePglite({ client, schema, casing: 'snake_case' }), kind: 'pglite', close: () => client.close() }
  }
  const statementTimeoutMs = opts.statementTimeoutMs ?? POOL_LIMITS.statementTimeoutMs
  const pool = new ScopedPool(fallback, {
    connectionString: target.url,
    max: POOL_LIMITS.max,
    connectionTimeoutMillis: POOL_LIMITS.acquireTimeoutMs,
    idleTimeoutMillis: 10_000,
    statement_timeout: statementTimeoutMs,
    lock_timeout: POOL_LIMITS.lockTimeoutMs,
    idle_in_transaction_session_timeout: 10_000,
    keepAlive: true,
    application_name: 'expertise-exchange',
    // JIT compilation pays off for long analytical queries; here it adds tens of milliseconds to
    // ordinary reads whose estimated cost crosses jit_above_cost (the flows aggregates did).
    options: '-c jit=off',
  })
  // An idle client whose backend dies emits 'error' on the pool; unhandled, it would crash the process.
  pool.on('error', (err) => log('PostgreSQL pool error', err))
  const onClientError = (err: Error) => log('PostgreSQL client error', err)
  pool.on('connect', (c) => c.on('error', onClientError))
  pool.on('remove', (c) => c.off('error', onClientError))
  return { db: drizzlePg({ client: pool, schema, casing: 'snake_case' }), kind: 'postgres', close: () => pool.end() }
}

/** Rows of a raw SQL query; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const res: unknown = await db.execute(query)
  return (res as { rows: T[] }).rows
}

/**
 * Rows of a query built with drizzle's query builder, as the driver returns them. Over thousands of
 * rows drizzle's per-field mapping costs more than the query itself, so aggregates read this way.
 * Give every selected field an alias (`sql`…`.as('days')`): the alias is the row's key.
 */
export function rawRows<T>(db: Executor, query: SQLWrapper): Promise<T[]> {
  return queryRows<T>(db, query.getSQL())
}

/**
 * Independent reads, together on the pool; one after another inside a transaction, whose single
 * connection takes one query at a time (pg 8 queues them with a deprecation warning, pg 9 refuses).
 */
export async function readTogether<T extends readonly unknown[]>(ex: Executor, reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!(ex instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T
  const out: unknown[] = []
  for (const read of reads) out.push(await read())
  return out as unknown as T
}
