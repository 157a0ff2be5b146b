import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { importBundle, parseBundle } from './import.service.ts'
import type { Db } from '../db/client.ts'
import { trusts } from '../db/schema/index.ts'

export const DEMO_BUNDLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'seed/demo-trust.json')

export type DemoSignIn = { role: string; email: string; name: string }

/** Seeds the demo trust when the database holds no trust at all; a real trust's data is never touched. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(trusts)
  if (row && row.n > 0) return false
  const parsed = parseBundle(JSON.parse(await readFile(DEMO_BUNDLE, 'utf8')))
  if (!parsed.ok) throw new Error(`The demo bundle is not valid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`)
  await importBundle(db, parsed.bundle)
  return true
}

export async function demoSignIns(): Promise<DemoSignIn[]> {
  if (!existsSync(DEMO_BUNDLE)) return []
  const bundle = JSON.parse(await readFile(DEMO_BUNDLE, 'utf8')) as { people: { email: string; password?: string; role: string; name: string }[] }
  const wanted = ['head@demo.example.org', 'head2@demo.example.org', 'teacher@demo.example.org', 'central@demo.example.org', 'admin@demo.example.org']
  return wanted.flatMap((email) => {
    const p = bundle.people.find((x) => x.email === email)
    return p ? [{ role: p.role, email: p.email, name: p.name }] : []
  })
}
