import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import type { Database } from './client.ts'
import { asOwner } from './scope.ts'

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations')

/** Migrations run as the tables' owner, before the app assumes its role (docs/design.md §10). */
export async function migrate(database: Database): Promise<void> {
  const options = { migrationsFolder: MIGRATIONS_DIR }
  await asOwner(async () => {
    if (database.kind === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase, options)
    else await migratePg(database.db as unknown as NodePgDatabase, options)
  })
}
