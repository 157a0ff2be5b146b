import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { inject } from 'vitest'
import { type Database, createDb } from '../src/db/client.ts'
import { migrate } from '../src/db/migrate.ts'
import { adminUrl, dropDatabase, urlFor } from './pg.ts'

/**
 * A database of this test file's own: a clone of the migrated template on PostgreSQL, or a fresh
 * in-memory PGlite. Call in beforeAll, close in afterAll.
 */
export async function createTestDatabase(): Promise<Database> {
  const template = inject('templateDatabase')
  const url = process.env.DATABASE_URL
  if (!template || !url) {
    const database = createDb({ kind: 'pglite', dataDir: null })
    await migrate(database)
    return database
  }
  const name = `${template.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`
  const admin = createDb({ kind: 'postgres', url: adminUrl(url) }, () => {}, { owner: true, statementTimeoutMs: 0 })
  await admin.db.execute(sql.raw(`create database "${name}" template "${template}"`))
  const database = createDb({ kind: 'postgres', url: urlFor(url, name) })
  return {
    ...database,
    close: async () => {
      await database.close()
      await dropDatabase(admin, name)
      await admin.close()
    },
  }
}

/**
 * An empty migrated database for code that opens its own connection from the environment (the
 * operator's commands): the variables to run it with, and how to drop it afterwards.
 */
export async function createTestDatabaseEnv(): Promise<{ env: Record<string, string>; open: () => Database; drop: () => Promise<void> }> {
  const template = inject('templateDatabase')
  const url = process.env.DATABASE_URL
  if (!template || !url) {
    const { mkdtemp, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const path = await import('node:path')
    const dir = await mkdtemp(path.join(tmpdir(), 'ee-cli-'))
    return { env: { DATA_DIR: dir }, open: () => createDb({ kind: 'pglite', dataDir: path.join(dir, 'pglite') }), drop: () => rm(dir, { recursive: true, force: true }) }
  }
  const name = `${template.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`
  const admin = createDb({ kind: 'postgres', url: adminUrl(url) }, () => {}, { owner: true, statementTimeoutMs: 0 })
  await admin.db.execute(sql.raw(`create database "${name}" template "${template}"`))
  return {
    env: { DATABASE_URL: urlFor(url, name) },
    open: () => createDb({ kind: 'postgres', url: urlFor(url, name) }),
    drop: async () => {
      await dropDatabase(admin, name)
      await admin.close()
    },
  }
}
