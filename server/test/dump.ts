import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import { sql } from 'drizzle-orm'
import { type Database, queryRows } from '../src/db/client.ts'
import { asOwner } from '../src/db/scope.ts'
import { urlFor } from './pg.ts'

const run = promisify(execFile)
const PG_DUMP = ['/usr/lib/postgresql/15/bin/pg_dump'].find((p) => existsSync(p)) ?? 'pg_dump'

/**
 * Everything the database holds, as text to search: what is left after an erasure or an offboarding is
 * found wherever it is, not only in the columns a test knows about.
 *
 * - PostgreSQL (DATABASE_URL): `pg_dump` of the test's own database, schema and data, every table
 *   (audit_events, the outbox, sequences) as the superuser sees it.
 * - PGlite (no DATABASE_URL): no pg_dump can reach an in-memory database, so every base table listed in
 *   information_schema is read whole as JSON, as the tables' owner (row-level security does not filter
 *   it): the same generic sweep, with no column named.
 */
export async function dumpDatabase(database: Database): Promise<{ text: string; how: string }> {
  return asOwner(async () => {
    if (database.kind === 'postgres') {
      const [{ name }] = (await queryRows<{ name: string }>(database.db, sql`select current_database() as name`)) as [{ name: string }]
      const { stdout } = await run(PG_DUMP, ['--no-owner', '--no-privileges', `--dbname=${urlFor(process.env.DATABASE_URL!, name)}`], { maxBuffer: 512 * 1024 * 1024 })
      return { text: stdout, how: `pg_dump of ${name}` }
    }
    const tables = await queryRows<{ table_name: string }>(database.db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)
    const parts: string[] = []
    for (const { table_name } of tables) {
      const rows = await queryRows<{ r: string }>(database.db, sql.raw(`select row_to_json(t)::text as r from "${table_name}" t`))
      parts.push(`-- ${table_name}`, ...rows.map((r) => r.r))
    }
    return { text: parts.join('\n'), how: `every row of ${tables.length} tables as JSON (PGlite)` }
  })
}

/** Each needle found in the dump, with a line around it to say where. */
export function residue(text: string, needles: readonly string[]): string[] {
  const lower = text.toLowerCase()
  return needles.flatMap((n) => {
    const at = lower.indexOf(n.toLowerCase())
    if (at < 0) return []
    const start = text.lastIndexOf('\n', at) + 1
    const end = text.indexOf('\n', at)
    return [`${n}: …${text.slice(Math.max(start, at - 160), end < 0 ? at + 160 : Math.min(end, at + 160))}…`]
  })
}
