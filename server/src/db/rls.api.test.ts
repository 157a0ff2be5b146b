import type { FastifyInstance } from 'fastify'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../app.ts'
import { as, testConfig } from '../../test/app.ts'
import { type Seeded, seed, trustBundle } from '../../test/bundle.ts'
import { commissioningBundle } from '../../test/commissioning.ts'
import { createTestDatabase } from '../../test/db.ts'
import { type Database, queryRows } from './client.ts'
import { pgCode, inTransaction } from './transaction.ts'
import { asSystem, withTrust } from './scope.ts'

/**
 * AZ-9 (RELIABILITY §1.4, docs/design.md §10): row-level security as defence in depth. Each check
 * runs queries with no tenant filter at all, as the app's role with another trust's id set, and
 * expects to see and change none of the first trust's rows. Runs on PostgreSQL (DATABASE_URL) and
 * on PGlite (without it).
 */

/** How each table's rows belong to a trust: its own trust_id, the trust itself, or a parent's. */
const PARENT: Record<string, { parent: string; column: string }> = {
  case_areas: { parent: 'cases', column: 'case_id' },
  expertise_areas: { parent: 'expertise', column: 'expertise_id' },
  request_areas: { parent: 'requests', column: 'request_id' },
  idempotency_keys: { parent: 'people', column: 'person_id' },
  notification_digests: { parent: 'people', column: 'person_id' },
  notification_preferences: { parent: 'people', column: 'person_id' },
  password_resets: { parent: 'people', column: 'person_id' },
}

/** Tables the app may only insert into and read (migration 0021): any UPDATE by ee_app is refused. */
const APPEND_ONLY = new Set(['audit_events'])

function ownedBy(table: string, trustId: string) {
  const q = (s: string) => `"${s}"`
  if (table === 'trusts') return `select to_jsonb(x)::text as r from trusts x where x.id = '${trustId}'`
  const p = PARENT[table]
  if (p) return `select to_jsonb(x)::text as r from ${q(table)} x join ${q(p.parent)} p on p.id = x.${q(p.column)} where p.trust_id = '${trustId}'`
  return `select to_jsonb(x)::text as r from ${q(table)} x where x.trust_id = '${trustId}'`
}

/** The first trust gets a row in every table, so that "0 foreign rows" is never vacuous. */
function richBundle() {
  const b = commissioningBundle({}, 'First')
  b.requests = [{
    ref: 'r1', school: 'A', raisedBy: 'headA', title: 'Year 7 reading recovery', problem: 'Too many Year 7 pupils read below their age.',
    tried: '', outcome: '', areas: ['reading'], subjects: ['english'], phases: ['secondary'], modes: ['fresh_eyes'],
    expertsWanted: 1, daysPerExpert: 3, window: { start: '2026-04-20', end: '2026-07-10' }, confidentiality: 'trust', status: 'completed', publishedAt: '2026-02-23T08:30:00Z',
  }]
  b.offers = [{ ref: 'o1', request: 'r1', expertise: 'eB1', message: 'Glad to help.', days: 3, status: 'accepted' }]
  b.engagements = [{
    ref: 'g1', offer: 'o1', status: 'completed', release: 'approved', startedAt: '2026-04-22', completedAt: '2026-07-08', daysDelivered: 3,
    impact: 4, headReflection: 'Reading ages rose.', expertReflection: 'A keen team.',
  }]
  return b
}

async function fillTheRest(db: Database['db'], s: Seeded) {
  const t = s.ids.t!
  const person = s.ids.teacherA1!
  await asSystem(() => db.execute(sql`
    with n as (insert into notifications (trust_id, person_id, kind, title) values (${t}, ${person}, 'offer', 'T1 notification') returning 1),
    p as (insert into notification_preferences (person_id, kind, delivery) values (${person}, 'offer', 'digest') returning 1),
    d as (insert into notification_digests (person_id, day, items) values (${person}, '2027-01-12', 1) returning 1),
    o as (insert into email_outbox (trust_id, "to", subject, text) values (${t}, 'x@example.org', 'T1 mail', 'T1 text') returning 1),
    a as (insert into audit_events (trust_id, action, object_type) values (${t}, 'test.action', 'test') returning 1),
    k as (insert into idempotency_keys (person_id, key, route, body_hash) values (${person}, 'k1', 'POST /api/x', 'h') returning 1),
    i as (insert into invitations (trust_id, email, role, token_hash, expires_at) values (${t}, 'new@example.org', 'teacher', 'inv-hash', now() + interval '1 day') returning 1),
    r as (insert into password_resets (person_id, token_hash, expires_at) values (${person}, 'reset-hash', now() + interval '1 hour') returning 1),
    tt as (insert into trust_terms (trust_id, academic_year, name, start, "end", half_term_start, half_term_end) values (${t}, 2026, 'autumn', '2026-09-01', '2026-12-18', '2026-10-26', '2026-10-30') returning 1),
    tc as (insert into trust_closures (trust_id, academic_year, date, label) values (${t}, 2026, '2026-11-02', 'Training day') returning 1),
    x as (insert into engagement_extensions (trust_id, engagement_id, days, reason, status, proposed_by_id)
      values (${t}, ${s.ids.g1!}, 1, 'One more day to finish.', 'declined', ${s.ids.teacherB1!}) returning 1)
    select (select count(*) from n) + (select count(*) from p) + (select count(*) from d) + (select count(*) from o) + (select count(*) from a)
      + (select count(*) from k) + (select count(*) from i) + (select count(*) from r) + (select count(*) from tt) + (select count(*) from tc) + (select count(*) from x) as made`))
}

let app: FastifyInstance
let database: Database
let first: Seeded
let second: Seeded
let tables: string[]

beforeAll(async () => {
  database = await createTestDatabase()
  app = await buildApp({ config: testConfig, database })
  // Handlers that forget their WHERE: what any route would see if it left out `trust_id = …`.
  app.get('/api/test/unfiltered-people', { config: { access: 'signed-in' }, onRequest: app.authenticate }, async () =>
    queryRows<{ id: string; trust_id: string; scope: string; role: string }>(app.db, sql`select id, trust_id, current_setting('app.trust_id', true) as scope, current_user as role from people`))
  app.post('/api/test/unfiltered-people', { config: { access: 'signed-in' }, onRequest: app.authenticate }, async (req) =>
    inTransaction(app.db, async (tx) => ({
      body: req.body,
      rows: await queryRows<{ id: string; trust_id: string; scope: string }>(tx, sql`select id, trust_id, current_setting('app.trust_id', true) as scope from people`),
    })))
  app.get('/api/test/scope', { config: { access: 'public' } }, async () => (await queryRows<{ scope: string; role: string }>(app.db, sql`select current_setting('app.trust_id', true) as scope, current_user as role`))[0])
  await app.ready()
  first = await seed(app, richBundle())
  second = await seed(app, trustBundle({}, 'Second'))
  await fillTheRest(app.db, first)
  tables = (await queryRows<{ t: string }>(app.db, sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)).map((r) => r.t)
}, 120_000)

afterAll(async () => {
  await app?.close()
  await database?.close()
})

describe('AZ-9 row-level security', () => {
  it('When the catalog is read, then every table with a trust_id, and every table reached through one, has row-level security enabled and forced with a policy', async () => {
    const withTrustId = await queryRows<{ t: string }>(app.db, sql`select distinct table_name as t from information_schema.columns where table_schema = 'public' and column_name = 'trust_id'`)
    expect(withTrustId.length).toBeGreaterThanOrEqual(17)
    const tenant = [...new Set([...withTrustId.map((r) => r.t), 'trusts', ...Object.keys(PARENT)])].sort()
    // Every table of the schema is a tenant table: a new table is caught here until it has its policy.
    expect(tenant).toEqual(tables)
    const flags = await queryRows<{ t: string; enabled: boolean; forced: boolean; policies: number }>(app.db, sql`
      select c.relname as t, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'`)
    const unprotected = tenant.filter((t) => {
      const f = flags.find((x) => x.t === t)
      return !f || !f.enabled || !f.forced || f.policies < 1
    })
    expect(unprotected).toEqual([])
    console.log(`AZ-9 ${database.kind}: ${tenant.length - unprotected.length}/${tenant.length} tenant tables with ENABLE + FORCE row-level security and a policy`)
  })

  it('When the app queries, then it is ee_app, which owns no table and cannot bypass row-level security', async () => {
    const [who] = await queryRows<{ role: string; super: boolean; bypass: boolean; owned: number }>(app.db, sql`
      select current_user as role, r.rolsuper as super, r.rolbypassrls as bypass,
             (select count(*)::int from pg_tables where schemaname = 'public' and tableowner = current_user) as owned
      from pg_roles r where r.rolname = current_user`)
    expect(who).toEqual({ role: 'ee_app', super: false, bypass: false, owned: 0 })
  })

  it('When another trust reads every tenant table with no WHERE at all, then it gets none of the first trust\'s rows, and the first trust gets all of its own', async () => {
    const report: string[] = []
    let foreign = 0
    for (const table of tables) {
      const mine = new Set((await asSystem(() => queryRows<{ r: string }>(app.db, sql.raw(ownedBy(table, first.ids.t!))))).map((x) => x.r))
      expect(mine.size, `${table} has rows of the first trust`).toBeGreaterThan(0)
      const seenBySecond = await withTrust(second.ids.t!, () => queryRows<{ r: string }>(app.db, sql.raw(`select to_jsonb(x)::text as r from "${table}" x`)))
      const leaked = seenBySecond.filter((x) => mine.has(x.r)).length
      foreign += leaked
      const seenByFirst = await withTrust(first.ids.t!, () => queryRows<{ r: string }>(app.db, sql.raw(`select to_jsonb(x)::text as r from "${table}" x`)))
      expect(new Set(seenByFirst.map((x) => x.r)), table).toEqual(mine)
      report.push(`${table} ${mine.size}/${leaked}`)
    }
    console.log(`AZ-9 ${database.kind}: foreign rows read with no WHERE = ${foreign} over ${tables.length} tables (table first-trust-rows/leaked): ${report.join(', ')}`)
    expect(foreign).toBe(0)
  })

  it('When another trust inserts a copy of any of the first trust\'s rows, or updates every row with no WHERE, then the insert is refused and no first-trust row changes', async () => {
    let refused = 0
    let touched = 0
    for (const table of tables) {
      const [row] = await asSystem(() => queryRows<{ r: string }>(app.db, sql.raw(ownedBy(table, first.ids.t!))))
      const columns = (await queryRows<{ c: string }>(app.db, sql`select column_name as c from information_schema.columns where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`))
        .map((x) => `"${x.c}"`).join(', ')
      const insert = withTrust(second.ids.t!, () => app.db.execute(sql`insert into ${sql.identifier(table)} (${sql.raw(columns)}) select ${sql.raw(columns)} from jsonb_populate_record(null::${sql.identifier(table)}, ${row!.r}::jsonb)`))
      // 42501: new row violates row-level security policy (checked before any unique index).
      await expect(insert, table).rejects.toSatisfy((err) => pgCode(err) === '42501')
      refused += 1
      const [col] = await queryRows<{ c: string }>(app.db, sql`select column_name as c from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position limit 1`)
      const mine = new Set((await asSystem(() => queryRows<{ r: string }>(app.db, sql.raw(ownedBy(table, first.ids.t!))))).map((x) => x.r))
      // Rolled back whatever it did: only which rows it reached matters.
      let reached: { r: string }[] = []
      await withTrust(second.ids.t!, () => app.db.transaction(async (tx) => {
        reached = await queryRows<{ r: string }>(tx, sql.raw(`update "${table}" x set "${col!.c}" = x."${col!.c}" returning to_jsonb(x)::text as r`))
        tx.rollback()
      })).catch((err: unknown) => {
        if (err instanceof Error && err.constructor.name === 'TransactionRollbackError') return
        // audit_events is append-only for the app (migration 0021): its UPDATE is refused outright.
        if (APPEND_ONLY.has(table) && pgCode(err) === '42501') return
        throw err
      })
      touched += reached.filter((x) => mine.has(x.r)).length
      // Moving one's own row into the other trust is refused by WITH CHECK as well.
      if (table !== 'trusts' && !PARENT[table]) {
        const [own] = await withTrust(second.ids.t!, () => queryRows<{ n: number }>(app.db, sql.raw(`select count(*)::int as n from "${table}"`)))
        const move = () => withTrust(second.ids.t!, () => app.db.execute(sql.raw(`update "${table}" set trust_id = '${first.ids.t}' where trust_id = '${second.ids.t}'`)))
        if (own!.n > 0) await expect(move(), table).rejects.toSatisfy((err) => pgCode(err) === '42501')
      }
    }
    console.log(`AZ-9 ${database.kind}: foreign inserts refused ${refused}/${tables.length}; first-trust rows reachable by the other trust's UPDATE ${touched}`)
    expect(touched).toBe(0)
  })

  it('When a session has no trust and is not system, then it sees no tenant row at all', async () => {
    const rows = await app.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.trust_id', '', true)`)
      return queryRows<{ n: number }>(tx, sql`select (select count(*) from people)::int + (select count(*) from trusts)::int + (select count(*) from requests)::int as n`)
    })
    expect(rows[0]!.n).toBe(0)
  })
})

describe('An authenticated request', () => {
  it('When a handler forgets its WHERE, then a signed-in person still reads only their own trust\'s people, in a read and in a transaction after a body', async () => {
    const ownPeople = new Set(Object.entries(second.ids).filter(([ref]) => second.bundle.people!.some((p) => p.ref === ref)).map(([, id]) => id))
    const read = await as(app, await second.token('teacherA1'))({ method: 'GET', url: '/api/test/unfiltered-people' })
    expect(read.statusCode).toBe(200)
    const rows = read.json<{ id: string; trust_id: string; scope: string; role: string }[]>()
    expect(new Set(rows.map((r) => r.id))).toEqual(ownPeople)
    expect(new Set(rows.map((r) => `${r.scope} ${r.role}`))).toEqual(new Set([`${second.ids.t} ee_app`]))

    const write = await as(app, await second.token('headA'))({ method: 'POST', url: '/api/test/unfiltered-people', payload: { note: 'x'.repeat(100_000) } })
    expect(write.statusCode).toBe(200)
    const tx = write.json<{ rows: { id: string; trust_id: string; scope: string }[] }>().rows
    expect(new Set(tx.map((r) => r.id))).toEqual(ownPeople)
  })

  it('When people of two trusts call at the same moment, then each request sees only its own trust however the connections are shared', async () => {
    const tokens = [await first.token('headA'), await second.token('headA')]
    const calls = Array.from({ length: 40 }, (_, i) => as(app, tokens[i % 2]!)({ method: 'GET', url: '/api/test/unfiltered-people' }))
    const answers = await Promise.all(calls)
    const wrong = answers.filter((res, i) => {
      const want = i % 2 === 0 ? first.ids.t : second.ids.t
      return res.statusCode !== 200 || res.json<{ trust_id: string }[]>().some((r) => r.trust_id !== want)
    })
    expect(wrong).toHaveLength(0)
    // The anonymous request after them is back to the system scope, on whichever connection.
    const anonymous = await app.inject({ method: 'GET', url: '/api/test/scope' })
    expect(anonymous.json()).toEqual({ scope: 'system', role: 'ee_app' })
  })
})
