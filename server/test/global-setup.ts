import type { TestProject } from 'vitest/node'
import { createDb } from '../src/db/client.ts'
import { migrate } from '../src/db/migrate.ts'
import { adminUrl, databaseName, dropDatabase, templateName } from './pg.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string | null
  }
}

/**
 * With DATABASE_URL (CI, and anyone with a PostgreSQL), migrate a template database once per run;
 * each test file then clones it. Without it, each file migrates its own in-memory PGlite.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL
  if (!url) {
    project.provide('templateDatabase', null)
    return
  }
  const template = templateName(url)
  const admin = createDb({ kind: 'postgres', url: adminUrl(url) }, () => {}, { owner: true, statementTimeoutMs: 0 })
  await dropDatabase(admin, template)
  await admin.db.execute(`create database "${template}"`)
  const database = createDb({ kind: 'postgres', url: withDatabase(url, template) })
  await migrate(database)
  await database.close()
  project.provide('templateDatabase', template)
  return async () => {
    await dropDatabase(admin, template)
    await admin.close()
  }
}

function withDatabase(url: string, name: string) {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}
export { databaseName }
