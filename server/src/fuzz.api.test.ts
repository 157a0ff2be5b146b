import { asOwner } from './db/scope.ts'
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ProblemSchema } from '@ee/shared/problem'
import { useTestApp } from '../test/app.ts'
import { TEST_PASSWORD } from '../test/bundle.ts'
import { type CommissioningSeed, offer, openRequest, seedCommissioning } from '../test/commissioning.ts'
import { type JsonSchema, type Operation, type Pools, arbitraryFor, fillPath, isWrite, mutate, operations, withoutNullable } from '../test/openapi.ts'

/**
 * FZ-1 (RELIABILITY §4): every write route of the OpenAPI document (so a route added tomorrow is
 * fuzzed too) gets FUZZ_RUNS (default 200) bodies generated from its own request schema, half of them
 * schema-shaped and half mutated (wrong types, missing fields, oversize, NUL and lone surrogates, nulls,
 * extra keys, `__proto__`), sent as a principal who may do the action, to real objects of the seeded
 * trust and sometimes to random ids. Never a 5xx; every 4xx is a problem+json and changed no row;
 * every 2xx matches the route's response schema. The seed is fixed (FUZZ_SEED) and printed on failure.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 200)
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_207)
const PRINCIPALS = ['headA', 'teacherA1', 'headB', 'teacherB1', 'central', 'admin'] as const
type Principal = (typeof PRINCIPALS)[number]

/**
 * Rows that a refused request may legitimately write: the audit trail (refusals are audited) and the
 * sign-in throttle (a failed sign-in is counted). Everything else must be untouched by a 4xx.
 */
const MAY_CHANGE_ON_REFUSAL = new Set(['audit_events', 'login_attempts', 'login_failures', '__drizzle_migrations'])
/** Seen by every request, not a change the request asked for (auth plugin, docs/design.md §10). */
const TOUCHED_BY_SIGN_IN = ['last_active_at']

const t = useTestApp()
let s: CommissioningSeed
let ops: Operation[]
let pools: Pools
let idsByTable: Map<string, string[]>
const tokens = new Map<Principal, string>()
let signIns = 0

/** A principal's token, signed in again if the fuzz ended their session (logout, a password change). */
async function tokenOf(who: Principal, renew = false): Promise<string> {
  if (renew || !tokens.has(who)) {
    // From an address of its own: the fuzz's 200 bad sign-ins have used up the per-address limit of 127.0.0.1.
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `10.77.${tokens.size}.${++signIns % 250}`, payload: { email: s.email(who), password: TEST_PASSWORD } })
    tokens.set(who, res.statusCode === 200 ? res.json<{ token: string }>().token : (tokens.get(who) ?? ''))
  }
  return tokens.get(who)!
}

beforeAll(async () => {
  s = await seedCommissioning(t.app, { extraExperts: 2 })
  const { headA, teacherB1 } = await s.apis('headA', 'teacherB1')
  // Objects in every state the write routes act on: a draft, an open request with an offer, an accepted offer (an engagement and its release).
  await headA({ method: 'POST', url: '/api/requests', payload: { title: 'Draft about maths', problem: 'Pupils forget methods between units of work.', tried: '', outcome: '', areas: ['reading'], subjects: [], phases: [], modes: ['coaching'], expertsWanted: 1, daysPerExpert: 2, window: { start: '2027-01-11', end: '2027-03-19' }, confidentiality: 'trust' } })
  const open = await openRequest(headA)
  await offer(teacherB1, open, s.ids.eB1!)
  const commissioned = await openRequest(headA, { title: 'Reading culture review' })
  const accepted = await offer(s.ids.expertB0 ? await s.api('expertB0') : teacherB1, commissioned, s.ids.eX0 ?? s.ids.eB1!)
  await headA({ method: 'POST', url: `/api/offers/${accepted}/accept`, payload: { note: 'Thank you' } })

  ops = operations(t.app).filter(isWrite)
  const db = t.database.db
  // Every table with an id, and the ids of this trust's rows (tables without trust_id give all their ids).
  const tables = (await db.execute(sql`
    select c.table_name as name, bool_or(c.column_name = 'trust_id') as tenant, bool_or(c.column_name = 'id' and c.data_type = 'uuid') as has_id
    from information_schema.columns c join information_schema.tables tb on tb.table_name = c.table_name and tb.table_schema = c.table_schema
    where c.table_schema = 'public' and tb.table_type = 'BASE TABLE' group by c.table_name order by c.table_name`) as { rows: { name: string; tenant: boolean; has_id: boolean }[] }).rows
  idsByTable = new Map()
  for (const table of tables.filter((x) => x.has_id)) {
    const where = table.tenant ? sql.raw(`where trust_id = '${s.ids.t!}'`) : sql.raw('')
    const { rows } = (await db.execute(sql`select id::text as id from ${sql.identifier(table.name)} ${where} limit 50`)) as { rows: { id: string }[] }
    idsByTable.set(table.name, rows.map((r) => r.id))
  }
  const principalIds = new Set(PRINCIPALS.map((p) => s.ids[p]))
  // People who are not principals, so deactivating or renaming them does not end the fuzz's sessions.
  const bystanders = (idsByTable.get('people') ?? []).filter((id) => !principalIds.has(id))
  idsByTable.set('people', bystanders)
  pools = {
    ids: [...new Set([...idsByTable.values()].flat())].filter((id) => !principalIds.has(id)),
    slugs: ['reading', 'oracy', 'early-reading', 'curriculum'],
    emails: ['teacherA2', 'expertB0'].map((ref) => s.email(ref)),
  }
  // Every committed row change of a watched table leaves a line in fuzz_writes (a test-only trigger in
  // this file's own database); a rolled-back transaction leaves none. A 4xx must leave none.
  // Test-only DDL, as the tables' owner: the app itself works as ee_app, which creates nothing (docs/design.md §10).
  await asOwner(async () => {
  await db.execute(sql.raw('create table fuzz_writes (id bigserial primary key, tbl text not null, op text not null)'))
  await db.execute(sql.raw(`
    create function fuzz_note_write() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and (to_jsonb(new) - '{${TOUCHED_BY_SIGN_IN.join(',')}}'::text[]) = (to_jsonb(old) - '{${TOUCHED_BY_SIGN_IN.join(',')}}'::text[]) then
        return null;
      end if;
      insert into fuzz_writes (tbl, op) values (tg_table_name, tg_op);
      return null;
    end $$;`))
  for (const name of tables.map((x) => x.name).filter((n) => !MAY_CHANGE_ON_REFUSAL.has(n))) {
    await db.execute(sql.raw(`create trigger fuzz_watch after insert or update or delete on "${name}" for each row execute function fuzz_note_write()`))
  }
  })
}, 300_000)

let watchMs = 0
let sendMs = 0
/** The last write noted, and the tables written since `after`. */
async function writesSince(after: number): Promise<{ last: number; tables: string[] }> {
  const started = Date.now()
  const { rows } = (await t.database.db.execute(sql`select id::int as id, tbl, op from fuzz_writes where id > ${after} order by id`)) as { rows: { id: number; tbl: string; op: string }[] }
  watchMs += Date.now() - started
  return { last: rows.at(-1)?.id ?? after, tables: [...new Set(rows.map((r) => `${r.op.toLowerCase()} ${r.tbl}`))] }
}

/** The ids a path parameter should mostly get: rows of the table the path names (`/api/offers/{id}` → offers). */
function idsFor(op: Operation): string[] {
  const segment = op.path.split('/')[2] ?? ''
  const table = { releases: 'engagements', me: 'people' }[segment] ?? segment
  return idsByTable.get(table)?.length ? idsByTable.get(table)! : pools.ids
}

function paramArb(op: Operation, schema: JsonSchema): fc.Arbitrary<string> {
  const valid = schema.format === 'uuid' ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...idsFor(op)) }, { weight: 1, arbitrary: fc.uuid() }) : arbitraryFor(schema, pools).map(String)
  const junk = fc.constantFrom('\u0000', 'not-an-id', '-1', '1e9', ' ', '%', '../x', '00000000-0000-0000-0000-000000000000', 'x'.repeat(300))
  return fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: junk })
}

type Call = { principal: Principal; params: Record<string, string>; query: Record<string, unknown>; headers: Record<string, unknown>; body: unknown; mutated: boolean }

function callArb(op: Operation, principals: Principal[]): fc.Arbitrary<Call> {
  const valid = arbitraryFor(op.body, pools)
  const body = op.body ? fc.oneof(valid.map((b) => ({ b, mutated: false })), valid.chain((b) => mutate(b).map((m) => ({ b: m, mutated: true })))) : fc.constant({ b: undefined, mutated: false })
  const record = (group: Record<string, JsonSchema>, gen: (name: string, schema: JsonSchema) => fc.Arbitrary<unknown>) =>
    fc.record(Object.fromEntries(Object.entries(group).map(([name, schema]) => [name, gen(name, schema)])), { requiredKeys: [] })
  return fc.record({
    principal: fc.constantFrom(...principals),
    params: fc.record(Object.fromEntries(Object.entries(op.params).map(([name, schema]) => [name, paramArb(op, schema)]))),
    query: record(op.query, (_, schema) => fc.oneof(arbitraryFor(schema, pools), fc.constantFrom('\u0000', '', 'x'.repeat(5000)))),
    headers: record(op.headers, (_, schema) => arbitraryFor(schema, pools)),
    body,
  }).map(({ body: b, ...rest }) => ({ ...rest, body: b.b, mutated: b.mutated }))
}

let ip = 0
async function send(op: Operation, call: Call): Promise<LightMyRequestResponse> {
  const query = Object.entries(call.query).filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object')
  const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v).replace(/[\ud800-\udfff]/g, '\ufffd'))}`).join('&')
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(call.headers)) if (typeof v === 'string' && /^[\x20-\x7e]*$/.test(v)) headers[k] = v
  const inject = async (token: string) => {
    ip += 1
    return t.app.inject({
      method: op.method,
      url: `${fillPath(op.path, call.params)}${qs ? `?${qs}` : ''}`,
      // Spread over many addresses, so per-address rate limits leave room to reach the handlers.
      remoteAddress: `10.99.${(ip >> 8) & 255}.${ip & 255}`,
      headers: { ...headers, authorization: `Bearer ${token}`, ...(call.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(call.body === undefined ? {} : { payload: JSON.stringify(call.body) ?? 'null' }),
    })
  }
  const res = await inject(await tokenOf(call.principal))
  return res.statusCode === 401 ? inject(await tokenOf(call.principal, true)) : res
}

/** Who may do the action: those whose schema-valid call is not refused as 401/403; everyone when nobody is. */
async function principalsFor(op: Operation): Promise<Principal[]> {
  const [sample] = fc.sample(callArb(op, [...PRINCIPALS]), { seed: SEED, numRuns: 1 })
  const allowed: Principal[] = []
  for (const principal of PRINCIPALS) {
    const res = await send(op, { ...sample!, principal, body: fc.sample(arbitraryFor(op.body, pools), { seed: SEED, numRuns: 1 })[0], mutated: false })
    if (res.statusCode >= 500) throw new Error(`${op.method} ${op.path} as ${principal}: ${res.statusCode} ${res.body}`)
    if (res.statusCode !== 401 && res.statusCode !== 403) allowed.push(principal)
  }
  return allowed.length ? allowed : [...PRINCIPALS]
}

/** The zod schema of a route's answer for a status, read from the same OpenAPI document. */
function responseSchema(op: Operation, status: number) {
  const schema = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`]
  return schema ? z.fromJSONSchema(withoutNullable(schema) as Parameters<typeof z.fromJSONSchema>[0]) : undefined
}

describe('FZ-1: fuzzing every write route', () => {
  it(`When each write route gets ${RUNS} generated bodies, then none is a 5xx, every 4xx is a problem that changed nothing, every 2xx matches its schema`, async () => {
    const totals = { routes: 0, bodies: 0, mutated: 0, '2xx': 0, '4xx': 0, '5xx': 0, partialWrites: 0, badProblems: 0, badAnswers: 0 }
    const failures: string[] = []
    const byRoute: string[] = []
    const started = Date.now()
    let probeMs = 0
    for (const op of ops) {
      totals.routes += 1
      const p0 = Date.now()
      const principals = await principalsFor(op)
      probeMs += Date.now() - p0
      const statuses = new Map<number, number>()
      let seen = (await writesSince(0)).last
      await fc.assert(
        fc.asyncProperty(callArb(op, principals), async (call) => {
          const t0 = Date.now()
          const res = await send(op, call)
          sendMs += Date.now() - t0
          totals.bodies += 1
          if (call.mutated) totals.mutated += 1
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
          const where = `${op.method} ${op.path} as ${call.principal} ${JSON.stringify(call.params)} ${JSON.stringify(call.query)} body ${JSON.stringify(call.body)?.slice(0, 400)}`
          if (res.statusCode >= 500) {
            totals['5xx'] += 1
            failures.push(`${where} → ${res.statusCode} ${res.body.slice(0, 300)}`)
            seen = (await writesSince(seen)).last
            return
          }
          if (res.statusCode >= 400) {
            totals['4xx'] += 1
            if (!/application\/problem\+json/.test(String(res.headers['content-type'])) || !ProblemSchema.safeParse(res.json()).success) {
              totals.badProblems += 1
              failures.push(`${where} → ${res.statusCode} is not a problem+json: ${res.body.slice(0, 200)}`)
            }
            const writes = await writesSince(seen)
            if (writes.tables.length) {
              totals.partialWrites += 1
              failures.push(`${where} → ${res.statusCode} yet wrote: ${writes.tables.join(', ')}`)
            }
            seen = writes.last
            return
          }
          totals['2xx'] += 1
          const schema = responseSchema(op, res.statusCode)
          if (schema && res.body.length && /json/.test(String(res.headers['content-type']))) {
            const parsed = schema.safeParse(res.json())
            if (!parsed.success) {
              totals.badAnswers += 1
              failures.push(`${where} → ${res.statusCode} does not match its response schema: ${parsed.error.message.slice(0, 300)}`)
            }
          }
          seen = (await writesSince(seen)).last
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true, verbose: 0 },
      ).catch((err: unknown) => failures.push(`${op.method} ${op.path}: ${String(err).slice(0, 500)}`))
      byRoute.push(`${op.method} ${op.path} [${principals.join(',')}]: ${[...statuses].sort(([a], [b]) => a - b).map(([k, v]) => `${k}×${v}`).join(' ')}`)
    }
    console.log(
      [
        `FZ-1 fuzz (FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ...byRoute,
        `totals: ${JSON.stringify(totals)} watch ${watchMs} ms, send ${sendMs} ms, probe ${probeMs} ms`,
      ].join('\n'),
    )
    if (failures.length) console.log(`FZ-1 failures (replay with FUZZ_SEED=${SEED}):\n${failures.slice(0, 40).join('\n')}`)
    expect(failures.slice(0, 20)).toEqual([])
    expect(totals.bodies).toBeGreaterThanOrEqual(ops.length * RUNS)
  }, 900_000)
})
