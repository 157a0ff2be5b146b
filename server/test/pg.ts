import { sql } from 'drizzle-orm'
import type { Database } from '../src/db/client.ts'

export const databaseName = (url: string) => new URL(url).pathname.slice(1) || 'postgres'
export const templateName = (url: string) => `${databaseName(url)}_template`.slice(0, 60)

/** The server's maintenance database, to create and drop test databases from. */
export function adminUrl(url: string) {
  const u = new URL(url)
  u.pathname = '/postgres'
  return u.toString()
}

export function urlFor(url: string, name: string) {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

export async function dropDatabase(admin: Database, name: string) {
  await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`))
}
