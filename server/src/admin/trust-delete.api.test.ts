import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../app.ts'
import { type Database, queryRows } from '../db/client.ts'
import { migrate } from '../db/migrate.ts'
import { asOwner } from '../db/scope.ts'
import { as, testConfig } from '../../test/app.ts'
import { type Seeded, seed } from '../../test/bundle.ts'
import { commissioningBundle, offer, openRequest } from '../../test/commissioning.ts'
import { createTestDatabaseEnv } from '../../test/db.ts'
import { dumpDatabase, residue } from '../../test/dump.ts'
import { main } from './trust-delete-cli.ts'
import { TRUST_TABLES } from './trust-delete.ts'

/**
 * Offboarding (issue 14 item 3): the operator deletes a trust that closes its account, and a dump of the
 * whole database (pg_dump on PostgreSQL, every row of every table on PGlite: test/dump.ts) finds
 * nothing of it, while the trust that stays is whole.
 */
let target: Awaited<ReturnType<typeof createTestDatabaseEnv>>
let env: Record<string, string>
let closing: Seeded
let staying: Seeded
const WORDS = 'Corncrake Lane phonics pilot for the closing trust'

const run = async (argv: string[]) => {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env)
  return { code, out, err: err.join('\n') }
}

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = target.open()
  try {
    return await fn(database)
  } finally {
    await database.close()
  }
}

beforeAll(async () => {
  target = await createTestDatabaseEnv()
  env = { ...target.env, PUBLIC_URL: testConfig.publicUrl, JWT_SECRET: testConfig.jwtSecret, LOG_LEVEL: 'silent' }
  await withDatabase(async (database) => {
    await migrate(database)
    const app = await buildApp({ config: testConfig, database })
    try {
      closing = await seed(app, commissioningBundle({}, 'Closing'))
      staying = await seed(app, commissioningBundle({}, 'Staying'))
      // A trust that has lived: sign-ins, a request, an offer with its notification and e-mail, a reset link, settings.
      const headA = as(app, await closing.token('headA'))
      const teacherB1 = as(app, await closing.token('teacherB1'))
      const requestId = await openRequest(headA, { title: WORDS })
      await offer(teacherB1, requestId, closing.ids.eB1!, 2)
      expect((await teacherB1({ method: 'PUT', url: '/api/me/notification-preferences', payload: { offer_accepted: 'digest' } })).statusCode).toBe(200)
      expect((await app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: closing.email('teacherA1') } })).statusCode).toBe(202)
      await as(app, await staying.token('headA'))({ method: 'GET', url: `/api/requests/${requestId}` })
    } finally {
      await app.close()
    }
  })
  // Two trusts' passwords hashed and a disk-backed PGlite migrated: minutes on a busy machine without DATABASE_URL.
}, 300_000)
afterAll(async () => {
  await target?.drop()
})

describe('npm run trust:delete (the operator)', () => {
  it('When every table of the database is listed, then the command deletes from each (a new table must be added to trust-delete.ts)', async () => {
    const tables = await withDatabase((database) => asOwner(() => queryRows<{ t: string }>(database.db, sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)))
    expect(tables.map((r) => r.t).sort()).toEqual([...TRUST_TABLES].sort())
  })

  it('When the arguments are missing or the name typed is not the trust’s, then nothing is deleted and it says why', async () => {
    const bare = await run(['--confirm', 'Closing'])
    expect(bare).toMatchObject({ code: 2, out: [] })
    expect(bare.err).toContain('--trust: Give the trust id that trust:create printed')
    const wrong = await run(['--trust', closing.ids.t!, '--confirm', 'Staying Trust'])
    expect(wrong).toMatchObject({ code: 1, out: [] })
    expect(wrong.err).toBe(`The trust was not deleted: Type the trust's name exactly, "${closing.bundle.trust.name}", to confirm. Nothing was deleted.`)
    const unknown = await run(['--trust', '00000000-0000-4000-8000-000000000000', '--confirm', 'Anything'])
    expect(unknown.code).toBe(1)
  })

  it('When the operator deletes a trust, then a dump of the database finds nothing of it, and the other trust is whole', async () => {
    const needles = [closing.bundle.trust.name, WORDS, ...Object.values(closing.ids), ...closing.bundle.people!.map((p) => p.email.toLowerCase())]
    const before = await withDatabase((database) => dumpDatabase(database))
    expect(residue(before.text, needles)).toHaveLength(needles.length)

    const started = performance.now()
    const res = await run(['--trust', closing.ids.t!, '--confirm', closing.bundle.trust.name])
    console.info(`trust:delete: ${Math.round(performance.now() - started)} ms`)
    expect(res.err).toBe('')
    expect(res.code).toBe(0)
    const printed = JSON.parse(res.out[0]!) as { trustId: string; name: string; deleted: Record<string, number> }
    expect(printed).toMatchObject({ trustId: closing.ids.t, name: closing.bundle.trust.name })
    expect(printed.deleted).toMatchObject({ trusts: 1, people: 7, schools: 2, requests: 1, offers: 1, expertise: 3, password_resets: 1, notification_preferences: 1 })
    expect(printed.deleted.audit_events).toBeGreaterThan(3)
    expect(printed.deleted.email_outbox).toBeGreaterThan(1)

    const after = await withDatabase((database) => dumpDatabase(database))
    const left = residue(after.text, needles)
    console.info(`offboarding residue (${after.how}, ${after.text.length} characters, ${needles.length} needles): ${left.length} found`)
    expect(left).toEqual([])
    const stayingNeedles = [staying.bundle.trust.name, ...Object.values(staying.ids), ...staying.bundle.people!.map((p) => p.email.toLowerCase())]
    expect(residue(after.text, stayingNeedles)).toHaveLength(stayingNeedles.length)
  })
})
