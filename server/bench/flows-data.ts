import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { DEFAULT_FRAMEWORK } from '@ee/shared/areas'
import { hashPassword } from '../src/auth/password.ts'
import { type Db, queryRows } from '../src/db/client.ts'
import { previousTerm, termOf, toIsoDate } from '../src/lib/terms.ts'

export type FlowsDataOptions = {
  /** Engagements across every trust (default 1,000,000). */
  engagements?: number
  /** Schools in the trust whose flows are read (default 100). */
  targetSchools?: number
  /** Every other trust has this many schools (default 25)… */
  otherTrustSize?: number
  /** …and there are this many of them (default 796: 20,000 schools in all, about as many as England has). */
  otherTrusts?: number
  /** Terms of history, ending with the term of `now` (default 21: seven years). */
  terms?: number
  now?: Date
  /** Password of the target trust's central team member and heads (default the demo's). */
  password?: string
}

export type FlowsData = {
  trustId: string
  centralEmail: string
  /** The head of the target trust's first school. */
  headEmail: string
  headSchoolId: string
  schools: number
  trusts: number
  engagements: number
  requests: number
  /** The term starts that history covers, oldest first. */
  terms: string[]
}

const TEACHERS_PER_SCHOOL = 4

/**
 * Loads a national-scale synthetic exchange into a migrated database with a handful of
 * INSERT … SELECT generate_series statements: one target trust of `targetSchools` schools, many
 * smaller trusts, and `engagements` engagements spread evenly over every school and term, each pair on
 * one request with two accepted offers. Every row is consistent with the schema (foreign keys,
 * checks, unique e-mails and URNs). Ids are md5-derived so each statement can point at the rows of the
 * previous ones without a lookup. Mix: 5% cancelled, 2% refused releases, 4% pending; completed work
 * has its days logged; 1 open request with no offer per 400 engagements, in the current term.
 */
export async function loadFlowsData(db: Db, opts: FlowsDataOptions = {}): Promise<FlowsData> {
  const N = Math.max(2, Math.floor((opts.engagements ?? 1_000_000) / 2) * 2)
  const TS = opts.targetSchools ?? 100
  const CS = opts.otherTrustSize ?? 25
  const OT = opts.otherTrusts ?? 796
  const S = TS + CS * OT
  const T = 1 + OT
  const nTerms = opts.terms ?? 21
  const now = opts.now ?? new Date()
  if (TS < 3 || CS < 3) throw new Error('flows data needs at least 3 schools per trust')

  const termStarts: string[] = []
  for (let term = termOf(toIsoDate(now)), i = 0; i < nTerms; i++, term = previousTerm(term)) termStarts.unshift(term.start)
  const terms = `array[${termStarts.map((d) => `'${d}'`).join(',')}]::date[]`
  const leafSlugs = DEFAULT_FRAMEWORK.flatMap((s) => s.areas.map(([slug]) => slug))
  const leaves = `array[${leafSlugs.map((s) => `'${s}'`).join(',')}]::text[]`
  const L = leafSlugs.length

  const tag = `fb${randomBytes(5).toString('hex')}`
  const id = (kind: string, expr: string) => `md5('${tag}:${kind}:' || (${expr}))::uuid`
  const trustNo = (i: string) => `(case when ${i} <= ${TS} then 1 else 2 + (${i} - ${TS} - 1) / ${CS} end)`
  const first = (i: string) => `(case when ${i} <= ${TS} then 1 else ${TS} + 1 + ((${i} - ${TS} - 1) / ${CS}) * ${CS} end)`
  const size = (i: string) => `(case when ${i} <= ${TS} then ${TS} else ${CS} end)`
  const areaId = (trust: string, slug: string) => id('a', `${trust} || ':' || ${slug}`)
  const passwordHash = await hashPassword(opts.password ?? 'demo-password-1')
  const urnBase = 90_000_000 + (parseInt(tag.slice(2, 6), 16) % 500) * 10_000

  const openCount = Math.max(1, Math.floor(N / 400))
  const run = (statement: string) => db.execute(sql.raw(statement))
  await db.transaction(async (tx) => {
    const exec = (statement: string) => tx.execute(sql.raw(statement))
    // Foreign keys are checked by triggers; the rows are consistent by construction, so skip the checks when allowed
    // (engagements.delivered_days is written here, so the logs' own trigger is not needed either).
    await exec(`savepoint fk`)
    await exec(`set local session_replication_role = replica`).then(
      () => exec('release savepoint fk'),
      () => exec('rollback to savepoint fk'),
    )

    await exec(`insert into trusts (id, name) select ${id('t', 'n')}, 'Bench trust ' || n from generate_series(1, ${T}) n`)
    await exec(`insert into clusters (id, trust_id, name) select ${id('c', 'n')}, ${id('t', '1')}, 'Hub ' || n from generate_series(1, 5) n`)
    await exec(`
      insert into schools (id, trust_id, cluster_id, urn, name, phase, lat, lng, release_days_per_term)
      select ${id('s', 'i')}, ${id('t', trustNo('i'))}, case when i <= ${TS} then ${id('c', `1 + (i - 1) % 5`)} end, ${urnBase} + i,
             'Bench school ' || i, case when i % 3 = 0 then 'secondary' else 'primary' end, 52 + (i % 100) / 50.0, -1.5 + (i % 70) / 35.0, 10
      from generate_series(1, ${S}) i`)
    const strands = DEFAULT_FRAMEWORK.map((s, n) => `('${s.slug}', '${s.name}', null::text, ${n * 100})`)
    const children = DEFAULT_FRAMEWORK.flatMap((s, n) => s.areas.map(([slug, name], a) => `('${slug}', '${name.replace(/'/g, "''")}', '${s.slug}', ${n * 100 + a + 1})`))
    await exec(`
      insert into areas (id, trust_id, slug, name, parent_id, position)
      select ${areaId('t', 'f.slug')}, ${id('t', 't')}, f.slug, f.name, case when f.parent is null then null else ${areaId('t', 'f.parent')} end, f.position
      from generate_series(1, ${T}) t, (values ${[...strands, ...children].join(', ')}) as f(slug, name, parent, position)`)
    await exec(`
      insert into people (id, trust_id, school_id, email, name, role, password_hash)
      select ${id('h', 'i')}, ${id('t', trustNo('i'))}, ${id('s', 'i')}, '${tag}.head' || i || '@bench.example.org', 'Head ' || i, 'headteacher',
             case when i <= ${TS} then '${passwordHash}' end
      from generate_series(1, ${S}) i`)
    await exec(`
      insert into people (id, trust_id, school_id, email, name, role)
      select ${id('p', 'p')}, ${id('t', trustNo(`(1 + (p - 1) / ${TEACHERS_PER_SCHOOL})`))}, ${id('s', `1 + (p - 1) / ${TEACHERS_PER_SCHOOL}`)},
             '${tag}.teacher' || p || '@bench.example.org', 'Teacher ' || p, 'teacher'
      from generate_series(1, ${S * TEACHERS_PER_SCHOOL}) p`)
    await exec(`
      insert into people (id, trust_id, email, name, role, password_hash)
      values (${id('central', '1')}, ${id('t', '1')}, '${tag}.central@bench.example.org', 'Central team', 'central', '${passwordHash}')`)
    await exec(`
      insert into expertise (id, trust_id, person_id, school_id, title, summary, evidence, capacity_days_per_term, phases, modes)
      select ${id('e', 'p')}, ${id('t', trustNo(`(1 + (p - 1) / ${TEACHERS_PER_SCHOOL})`))}, ${id('p', 'p')}, ${id('s', `1 + (p - 1) / ${TEACHERS_PER_SCHOOL}`)},
             'Expertise ' || p, 'Bench summary', 'Bench evidence', 4 + p % 8, '{primary}', '{fresh_eyes}'
      from generate_series(1, ${S * TEACHERS_PER_SCHOOL}) p`)
    await exec(`
      insert into expertise_areas (expertise_id, area_id)
      select distinct ${id('e', 'p')}, ${areaId(trustNo(`(1 + (p - 1) / ${TEACHERS_PER_SCHOOL})`), `(${leaves})[1 + (p * k) % ${L}]`)}
      from generate_series(1, ${S * TEACHERS_PER_SCHOOL}) p, (values (1), (7)) as m(k)`)

    // Request k: receiving school r, term ti, two engagements (2k-1, 2k) from two other schools of the trust.
    const receiver = `(((k::bigint * 7919) % ${S}) + 1)`
    const termIndex = `((k::bigint * 13) % ${nTerms})`
    await exec(`
      insert into requests (id, trust_id, school_id, raised_by_id, title, problem, experts_wanted, days_per_expert, window_start, window_end,
                            status, published_at, commissioned_at, closed_at, modes)
      select ${id('r', 'k')}, ${id('t', trustNo('r'))}, ${id('s', 'r')}, ${id('h', 'r')}, 'Bench request ' || k, 'Bench problem', 2, 1 + k % 5,
             ts + 10, ts + 40, case when ti = ${nTerms - 1} then 'commissioned' else 'completed' end,
             (ts + (k % 20))::timestamptz, (ts + (k % 20) + (k % 30))::timestamptz,
             case when ti = ${nTerms - 1} then null else (ts + 60)::timestamptz end, '{fresh_eyes}'
      from (select k, ${receiver} as r, ${termIndex} as ti, (${terms})[1 + ${termIndex}] as ts from generate_series(1, ${N / 2}) k) q`)
    await exec(`
      insert into requests (id, trust_id, school_id, raised_by_id, title, problem, experts_wanted, days_per_expert, window_start, window_end,
                            status, published_at, modes)
      select ${id('r', `${N / 2} + m`)}, ${id('t', trustNo('r'))}, ${id('s', 'r')}, ${id('h', 'r')}, 'Bench open request ' || m, 'Bench problem',
             1 + m % 3, 1 + m % 4, ts + 20, ts + 60, 'open', (ts + (m % 40))::timestamptz, '{fresh_eyes}'
      from (select m, (((m::bigint * 104729) % ${S}) + 1) as r, (${terms})[${nTerms}] as ts from generate_series(1, ${openCount}) m) q`)
    await exec(`
      insert into request_areas (request_id, area_id)
      select ${id('r', 'k')}, ${areaId(trustNo(receiver), `(${leaves})[1 + k % ${L}]`)} from generate_series(1, ${N / 2}) k`)
    await exec(`
      insert into request_areas (request_id, area_id)
      select ${id('r', `${N / 2} + m`)}, ${areaId(trustNo(`(((m::bigint * 104729) % ${S}) + 1)`), `(${leaves})[1 + m % ${L}]`)} from generate_series(1, ${openCount}) m`)

    const perEngagement = `
      select j, k, ti, ts, r, prov, (prov - 1) * ${TEACHERS_PER_SCHOOL} + 1 + ((k + slot) % ${TEACHERS_PER_SCHOOL}) as expert, 1 + k % 5 as days
      from (select j, k, slot, ti, ts, r, ${first('r')} + ((r - ${first('r')}) + 1 + ((k + slot) % (${size('r')} - 1))) % ${size('r')} as prov
            from (select j, k, slot, ${termIndex} as ti, (${terms})[1 + ${termIndex}] as ts, ${receiver} as r
                  from (select j, (j + 1) / 2 as k, (j + 1) % 2 as slot from generate_series(1, ${N}) j) z) a) b`
    await exec(`
      insert into offers (id, trust_id, request_id, expertise_id, person_id, school_id, status, days, decided_at)
      select ${id('o', 'j')}, ${id('t', trustNo('r'))}, ${id('r', 'k')}, ${id('e', 'expert')}, ${id('p', 'expert')}, ${id('s', 'prov')}, 'accepted', days,
             (ts + (k % 20) + (k % 30))::timestamptz
      from (${perEngagement}) e`)
    await exec(`
      insert into engagements (id, trust_id, offer_id, request_id, expertise_id, expert_id, provider_school_id, receiver_school_id, days, delivered_days,
                               term_start, status, release, started_at, completed_at, cancelled_at, impact)
      select ${id('g', 'j')}, ${id('t', trustNo('r'))}, ${id('o', 'j')}, ${id('r', 'k')}, ${id('e', 'expert')}, ${id('p', 'expert')}, ${id('s', 'prov')}, ${id('s', 'r')},
             days, case when status = 'completed' then days else 0 end, ts, status, case when j % 50 = 7 then 'refused' when j % 25 = 3 then 'pending' else 'approved' end, ts + 10,
             case when status = 'completed' then (ts + 60)::timestamptz end, case when status = 'cancelled' then (ts + 20)::timestamptz end,
             case when status = 'completed' then 1 + j % 5 end
      from (select e.*, case when j % 20 = 0 then 'cancelled' when ti = ${nTerms - 1} then 'active' else 'completed' end as status from (${perEngagement}) e) x`)
    await exec(`
      insert into engagement_logs (trust_id, engagement_id, date, days, logged_by_id)
      select trust_id, id, term_start + 30, days, expert_id from engagements
      where status = 'completed' and trust_id in (select ${id('t', 'n')} from generate_series(1, ${T}) n)`)
  })
  await run('analyze')

  return {
    trustId: await first1(db, `select ${id('t', '1')}::text as v`),
    centralEmail: `${tag}.central@bench.example.org`,
    headEmail: `${tag}.head1@bench.example.org`,
    headSchoolId: await first1(db, `select ${id('s', '1')}::text as v`),
    schools: S,
    trusts: T,
    engagements: N,
    requests: N / 2 + openCount,
    terms: termStarts,
  }
}

async function first1(db: Db, statement: string): Promise<string> {
  const [row] = await queryRows<{ v: string }>(db, sql.raw(statement))
  return row!.v
}
