import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Db } from '../src/db/client.ts'
import { migrate } from '../src/db/migrate.ts'
import * as schema from '../src/db/schema/index.ts'
import { readBalance, readFlowGraph, readLeftBehind, readLinkDetail, readOpenRequests, readSupplyDemand, readTimeToCommission } from '../src/flows/flows.service.ts'
import type { Actor } from '../src/lib/actor.ts'
import { type FlowsData, loadFlowsData } from './flows-data.ts'

/**
 * Flows query timings on a national-scale synthetic load (tsx server/bench/flows-explain.ts [engagements]).
 * Creates a scratch database, loads it with flows-data.ts, times each flows service call in process
 * (every query it makes, p50/p95 over repeated runs) for the central team and a head, prints
 * EXPLAIN (ANALYZE, BUFFERS) of every statement, then drops the database. Figures, not assertions.
 * FLOWS_SCRATCH_KEEP=1 keeps the database (and reuses it on the next run) while tuning.
 */
const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const name = process.env.FLOWS_SCRATCH_DB ?? 'ee_flows_scratch'
const keep = process.env.FLOWS_SCRATCH_KEEP === '1'
const engagements = Number(process.argv[2] ?? 1_000_000)
const RUNS = Number(process.env.FLOWS_RUNS ?? 200)
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
  const probe = async () => {
    const c = new pg.Client({ connectionString: withDb(name) })
    await c.connect()
    try {
      return (await c.query(`select to_regclass('flows_scratch_meta') as t`)).rows[0]?.t !== null
    } finally {
      await c.end()
    }
  }
  const reusable = exists && (await probe())
  if (exists && !(keep && reusable)) await admin(`drop database "${name}" with (force)`)
  const pool = new pg.Pool({ connectionString: withDb(name), max: 4 })
  pool.on('error', () => {})
  let data: FlowsData
  if (keep && reusable) {
    const c = await pool.query<{ v: string }>(`select v from flows_scratch_meta`)
    data = JSON.parse(c.rows[0]!.v) as FlowsData
    console.log(`Reusing ${name}: ${data.engagements.toLocaleString('en-GB')} engagements`)
  } else {
    await admin(`create database "${name}"`)
    const loadDb = drizzle({ client: pool, schema, casing: 'snake_case' }) as unknown as Db
    await migrate({ db: loadDb, kind: 'postgres', close: async () => {} })
    const t0 = Date.now()
    data = await loadFlowsData(loadDb, { engagements })
    console.log(`Loaded ${data.engagements.toLocaleString('en-GB')} engagements, ${data.requests.toLocaleString('en-GB')} requests, ${data.schools} schools in ${data.trusts} trusts in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    await pool.query(`vacuum analyze`)
    if (keep) {
      await pool.query(`create table flows_scratch_meta (v text)`)
      await pool.query(`insert into flows_scratch_meta values ($1)`, [JSON.stringify(data)])
    }
  }

  const db = drizzle({
    client: pool,
    schema,
    casing: 'snake_case',
    logger: { logQuery: (query, params) => capture && captured.push({ query, params }) },
  }) as unknown as Db

  // The busiest link of the target trust this term; the head is the receiving school's.
  const ids = await pool.query<{ central: string; head: string; provider: string; receiver: string }>(
    `select (select id from people where email = $1) as central, p.id as head, l.provider, l.receiver
     from (select provider_school_id as provider, receiver_school_id as receiver from engagements where trust_id = $2 and term_start = $3
           group by 1, 2 order by count(*) desc limit 1) l
     join people p on p.school_id = l.receiver and p.role = 'headteacher'`,
    [data.centralEmail, data.trustId, data.terms.at(-1)],
  )
  const link = ids.rows[0]!
  const central: Actor = { id: link.central, trustId: data.trustId, schoolId: null, role: 'central', name: 'Central' }
  const head: Actor = { id: link.head, trustId: data.trustId, schoolId: link.receiver, role: 'headteacher', name: 'Head' }
  const perTerm = await pool.query<{ n: number }>(`select count(*)::int as n from engagements where trust_id = $1 and term_start = $2`, [data.trustId, data.terms.at(-1)])
  console.log(`Target trust: ${perTerm.rows[0]!.n.toLocaleString('en-GB')} engagements this term\n`)

  const now = new Date()
  const calls: [string, (actor: Actor) => Promise<unknown>][] = [
    // The floor on this box at this moment: one round trip that does no work.
    ['baseline: select 1', () => pool.query('select 1')],
    ['GET /api/flows', (a) => readFlowGraph(db, a, {}, now)],
    ['GET /api/flows?area=curriculum', (a) => readFlowGraph(db, a, { area: 'curriculum' }, now)],
    ['GET /api/flows?cluster=Hub 1', (a) => readFlowGraph(db, a, { cluster: 'Hub 1' }, now)],
    ['GET /api/flows?period=academic-year', (a) => readFlowGraph(db, a, { period: 'academic-year' }, now)],
    ['GET /api/flows/balance', (a) => readBalance(db, a, {}, now)],
    ['GET /api/flows/supply-demand', (a) => readSupplyDemand(db, a, {}, now)],
    ['GET /api/flows/left-behind', (a) => readLeftBehind(db, a, {}, now)],
    ['GET /api/flows/time-to-commission', (a) => readTimeToCommission(db, a, {}, now)],
    ['GET /api/flows/open-requests', (a) => readOpenRequests(db, a, {}, now)],
    ['GET /api/flows/links/:from/:to', (a) => readLinkDetail(db, a, link.provider, link.receiver, {}, now)],
  ]

  console.log('| call | who | p50 ms | p95 ms | max ms |')
  console.log('|---|---|---|---|---|')
  for (const [label, call] of calls) {
    for (const [who, actor] of [['central', central], ['head', head]] as const) {
      for (let i = 0; i < 10; i++) await call(actor)
      const times: number[] = []
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now()
        await call(actor)
        times.push(performance.now() - t0)
      }
      times.sort((a, b) => a - b)
      const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2)
      console.log(`| ${label} | ${who} | ${p(0.5)} | ${p(0.95)} | ${times.at(-1)!.toFixed(2)} |`)
    }
  }

  // Each statement EXPLAINed REPEAT times: the minimum is the cost without other work on the box, the
  // median what a busy box gives; buffers (shared hit + read) do not depend on the load at all.
  const REPEAT = Number(process.env.FLOWS_EXPLAIN_REPEAT ?? 25)
  const number = (line: string | undefined, re: RegExp) => Number(re.exec(line ?? '')?.[1] ?? 0)
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of each statement, central team, this term, ${REPEAT} runs each:\n`)
  console.log('| call | statement | buffers | min ms | median ms |')
  console.log('|---|---|---|---|---|')
  for (const [label, call] of calls.slice(1)) {
    captured.length = 0
    capture = true
    await call(central)
    capture = false
    let sumMin = 0
    for (const q of captured) {
      const runs: { ms: number; buffers: number; plan: string[] }[] = []
      for (let i = 0; i < REPEAT; i++) {
        const plan = (await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.query}`, q.params)).rows.map((r) => r['QUERY PLAN'])
        const top = plan.find((l) => /Buffers:/.test(l))
        runs.push({
          ms: number(plan.find((l) => /Execution Time/.test(l)), /Execution Time: ([\d.]+)/) + number(plan.find((l) => /Planning Time/.test(l)), /Planning Time: ([\d.]+)/),
          buffers: number(top, /hit=(\d+)/) + number(top, /read=(\d+)/),
          plan,
        })
      }
      const ms = runs.map((r) => r.ms).sort((x, y) => x - y)
      sumMin += ms[0]!
      const what = /^with|^select\s+("?[a-z_]+"?\.?"?[a-z_]*"?)/i.exec(q.query)?.[0] ?? q.query.slice(0, 30)
      const from = /from "([a-z_]+)"/.exec(q.query)?.[1] ?? ''
      console.log(`| ${label} | ${what.slice(0, 40)}… from ${from} | ${runs[0]!.buffers} | ${ms[0]!.toFixed(2)} | ${ms[Math.floor(ms.length / 2)]!.toFixed(2)} |`)
      if (process.env.FLOWS_PLANS === '1') console.log(runs[0]!.plan.map((l) => `    ${l}`).join('\n'))
    }
    console.log(`| ${label} | **all statements, min** | | **${sumMin.toFixed(2)}** | |`)
  }

  await pool.end()
  if (!keep) await admin(`drop database if exists "${name}" with (force)`)
}

await main()
