import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { ExpertiseDirectoryQuery } from '@ee/shared/expertise'
import type { Db } from '../src/db/client.ts'
import { migrate } from '../src/db/migrate.ts'
import * as schema from '../src/db/schema/index.ts'
import { searchExpertise } from '../src/expertise/expertise.service.ts'
import type { Actor } from '../src/lib/actor.ts'
import { loadDirectoryData } from './directory-data.ts'

/**
 * Directory timings (tsx server/bench/directory-explain.ts): a scratch database with 200,000 entries in
 * 20 trusts of 10,000; times GET /api/expertise's service call for a teacher of one trust (p50/p95 in
 * process, all its queries) and prints EXPLAIN (ANALYZE, BUFFERS) of the main statement. Figures, not
 * assertions. DIRECTORY_SCRATCH_KEEP=1 keeps (and reuses) the database while tuning.
 */
const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const name = process.env.DIRECTORY_SCRATCH_DB ?? 'ee_directory_scratch'
const keep = process.env.DIRECTORY_SCRATCH_KEEP === '1'
const RUNS = Number(process.env.DIRECTORY_RUNS ?? 100)
const withDb = (db: string) => Object.assign(new URL(base), { pathname: `/${db}` }).toString()

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: withDb('postgres') })
  await c.connect()
  try {
    return await c.query(statement)
  } finally {
    await c.end()
  }
}

const captured: { query: string; params: unknown[] }[] = []
let capture = false

async function main() {
  const exists = (await admin(`select 1 from pg_database where datname = '${name}'`)).rowCount === 1
  if (exists && !keep) await admin(`drop database "${name}" with (force)`)
  if (!exists || !keep) await admin(`create database "${name}"`)
  const pool = new pg.Pool({ connectionString: withDb(name), max: 4 })
  pool.on('error', () => {})
  const plain = drizzle({ client: pool, schema, casing: 'snake_case' }) as unknown as Db
  const loaded = (await pool.query(`select to_regclass('trusts') is not null and exists (select 1 from trusts where name = 'Directory trust 1') as ok`).catch(() => ({ rows: [{ ok: false }] }))).rows[0]?.ok
  if (!loaded) {
    await migrate({ db: plain, kind: 'postgres', close: async () => {} })
    const t0 = Date.now()
    const data = await loadDirectoryData(plain)
    await pool.query('vacuum analyze')
    console.log(`Loaded ${data.entries.toLocaleString('en-GB')} entries in ${data.trusts} trusts in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  }
  const { rows } = await pool.query<{ id: string; trust_id: string; school_id: string; total: string; trust_entries: string; area: string }>(
    `select p.id, p.trust_id, p.school_id, (select count(*) from expertise) as total, (select count(*) from expertise where trust_id = p.trust_id) as trust_entries,
      (select slug from areas where trust_id = p.trust_id and slug = 'curriculum') as area
     from people p join trusts t on t.id = p.trust_id where t.name = 'Directory trust 1' and p.role = 'teacher' and p.active and p.paused_at is null order by p.email limit 1`,
  )
  const me = rows[0]!
  console.log(`${Number(me.total).toLocaleString('en-GB')} entries in the database, ${Number(me.trust_entries).toLocaleString('en-GB')} in the trust searched`)
  const actor: Actor = { id: me.id, trustId: me.trust_id, schoolId: me.school_id, role: 'teacher', name: 'Bench teacher' }
  const db = drizzle({ client: pool, schema, casing: 'snake_case', logger: { logQuery: (query, params) => capture && captured.push({ query, params }) } }) as unknown as Db
  const now = new Date()

  const base20 = { limit: 20 } as ExpertiseDirectoryQuery
  const page2 = async (q: ExpertiseDirectoryQuery) => ({ ...q, cursor: (await searchExpertise(db, actor, q, now)).nextCursor ?? undefined })
  let deep: ExpertiseDirectoryQuery = { limit: 50 }
  for (let i = 0; i < 40; i++) deep = await page2(deep)
  const cases: [string, ExpertiseDirectoryQuery][] = [
    ['newest first', base20],
    ['newest first, page 41 (2,000 in)', { ...deep, limit: 20 }],
    ['q=phonics', { ...base20, q: 'phonics' }],
    ['q=reading (very common)', { ...base20, q: 'reading' }],
    ['q=reading, page 2', await page2({ ...base20, q: 'reading' })],
    ['q="phonic screening"', { ...base20, q: 'phonic screening' }],
    ['q=apprenticeships (rare)', { ...base20, q: 'apprenticeships' }],
    ['area=curriculum (strand)', { ...base20, area: 'curriculum' }],
    ['phase=secondary, hasFreeDays', { ...base20, phase: 'secondary', hasFreeDays: true }],
    ['q=coaching, area=curriculum, mode=coaching', { ...base20, q: 'coaching', area: 'curriculum', mode: 'coaching' }],
  ]
  for (const [label, query] of cases) {
    for (let i = 0; i < 5; i++) await searchExpertise(db, actor, query, now)
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now()
      await searchExpertise(db, actor, query, now)
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    captured.length = 0
    capture = true
    const result = await searchExpertise(db, actor, query, now)
    capture = false
    const main = captured.find((c) => c.query.includes('from "expertise"') && c.query.includes('limit'))!
    const plan = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${main.query}`, main.params)
    const planText = plan.rows.map((r) => r['QUERY PLAN'])
    console.log(`\n## ${label}: ${result.items.length} cards, p50 ${times[Math.floor(RUNS / 2)]!.toFixed(2)} ms, p95 ${times[Math.floor(RUNS * 0.95)]!.toFixed(2)} ms (whole call, ${captured.length} queries)`)
    console.log(planText.join('\n'))
  }
  await pool.end()
  if (!keep) await admin(`drop database "${name}" with (force)`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
