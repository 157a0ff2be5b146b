import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../src/db/client.ts'
import { seedDefaultFramework } from '../src/areas/default-framework.ts'
import { termOf, toIsoDate } from '../src/lib/terms.ts'

export type DirectoryDataOptions = {
  /** Trusts (default 20)… */
  trusts?: number
  /** …each with this many entries (default 10,000: 200,000 in all). */
  entriesPerTrust?: number
  peoplePerTrust?: number
  schoolsPerTrust?: number
  now?: Date
}

export type DirectoryData = { trustId: string; personId: string; entries: number; trusts: number }

/**
 * Text with a natural spread of word frequencies: ranks are drawn log-uniformly (about Zipf's law)
 * from a vocabulary of 3,000 words whose head is the everyday language of schools, then topical words
 * (about 5% of entries mention "phonics"), then a long tail of rarer words.
 */
const HEAD = (
  'school pupils teaching staff learning reading children teachers curriculum leaders support results improved writing year ' +
  'classroom maths feedback leadership assessment behaviour science progress outcomes training subject planning lessons ' +
  'practice attainment coaching department trust data parents standards quality attendance wellbeing workload inclusion'
).split(' ')
const TOPICAL = (
  'moderation oracy vocabulary fluency comprehension mastery retrieval modelling questioning send disadvantaged families ' +
  'governance finance safeguarding online nursery secondary sixth history geography music art sport languages computing ' +
  'design technology pastoral transition mentoring induction appraisal observation deliberate cycles gaps tutoring phonics ' +
  'interventions catch-up screening spelling grammar handwriting number fractions algebra geometry physics chemistry biology ' +
  'experiments fieldwork trips community exclusions detentions rewards routines corridors lunchtimes playground trustees ' +
  'budgets timetable options careers universities examinations coursework'
).split(' ')
const RARE = 'apprenticeships'
const VOCABULARY_SIZE = 3000
const VOCABULARY = [
  ...HEAD,
  ...Array.from({ length: 100 }, (_, i) => `common${i}`),
  ...TOPICAL,
  ...Array.from({ length: 1200 }, (_, i) => `lexeme${i}`),
  RARE,
]
while (VOCABULARY.length < VOCABULARY_SIZE) VOCABULARY.push(`tail${VOCABULARY.length}`)

/**
 * Loads `trusts × entriesPerTrust` expertise entries (default 200,000) into a migrated database with
 * INSERT … SELECT generate_series: people, schools in clusters, the default framework per trust, two
 * areas per entry, a few engagements this term. About 5% of people are paused, 2% inactive; 4% of
 * entries are paused and 3% archived. Ids are md5-derived so statements can point at each other.
 */
export async function loadDirectoryData(db: Db, opts: DirectoryDataOptions = {}): Promise<DirectoryData> {
  const T = opts.trusts ?? 20
  const E = opts.entriesPerTrust ?? 10_000
  const P = opts.peoplePerTrust ?? 2_000
  const S = opts.schoolsPerTrust ?? 40
  const now = opts.now ?? new Date()
  const termStart = termOf(toIsoDate(now)).start
  const id = (kind: string, expr: string) => `md5('dir:${kind}:' || (${expr}))::uuid`
  const exec = (text: string) => db.execute(sql.raw(text))
  const vocab = `array[${VOCABULARY.map((w) => `'${w}'`).join(',')}]`
  const words = (seed: string, n: number) =>
    `(select string_agg((${vocab})[least(${VOCABULARY.length}, floor(exp(ln(${VOCABULARY.length + 1}) * ((hashtext(${seed} || ':' || k) & 1048575) / 1048576.0)))::int)], ' ') from generate_series(1, ${n}) k)`

  await exec(`insert into trusts (id, name) select ${id('t', 't')}, 'Directory trust ' || t from generate_series(1, ${T}) t`)
  for (let t = 1; t <= T; t++) {
    const [row] = await queryRows<{ id: string }>(db, sql.raw(`select ${id('t', `'${t}'`)} as id`))
    await seedDefaultFramework(db, row!.id)
  }
  await exec(`insert into clusters (id, trust_id, name) select ${id('c', "t || '-' || c")}, ${id('t', 't::text')}, 'Hub ' || c from generate_series(1, ${T}) t, generate_series(1, 4) c`)
  await exec(`
    insert into schools (id, trust_id, cluster_id, urn, name, phase, lat, lng)
    select ${id('s', "t || '-' || s")}, ${id('t', 't::text')}, ${id('c', "t || '-' || (1 + s % 4)")}, 60000000 + t * 1000 + s,
      'School ' || t || '-' || s, (array['primary','secondary','special','all_through'])[1 + s % 4],
      50.5 + ((hashtext('lat' || t || s) & 65535) / 65535.0) * 4.5, -3.5 + ((hashtext('lng' || t || s) & 65535) / 65535.0) * 4
    from generate_series(1, ${T}) t, generate_series(1, ${S}) s`)
  await exec(`
    insert into people (id, trust_id, school_id, email, name, role, active, paused_at, last_active_at)
    select ${id('p', "t || '-' || p")}, ${id('t', 't::text')}, ${id('s', `t || '-' || (1 + p % ${S})`)}, 'dir.' || t || '.' || p || '@example.org',
      'Teacher ' || t || '-' || p, case when p % ${S} = 0 then 'headteacher' else 'teacher' end, p % 50 <> 7,
      case when p % 20 = 3 then now() end, now() - (p % 30) * interval '1 day'
    from generate_series(1, ${T}) t, generate_series(1, ${P}) p`)
  await exec(`
    insert into expertise (id, trust_id, person_id, school_id, title, summary, evidence, subjects, phases, modes, capacity_days_per_term, active, archived_at, updated_at)
    select ${id('e', "t || '-' || e")}, ${id('t', 't::text')}, ${id('p', `t || '-' || (1 + e % ${P})`)}, ${id('s', `t || '-' || (1 + (1 + e % ${P}) % ${S})`)},
      ${words("'ti' || t || e", 5)}, ${words("'su' || t || e", 25)}, ${words("'ev' || t || e", 45)},
      array[(array['english','maths','science','history','art'])[1 + e % 5]],
      array[(array['primary','secondary','nursery','special'])[1 + e % 4]],
      array[(array['fresh_eyes','feedback','implementation','coaching','joint_practice'])[1 + e % 5]],
      e % 8, e % 25 <> 11, case when e % 33 = 5 then now() end, now() - e * interval '1 minute'
    from generate_series(1, ${T}) t, generate_series(1, ${E}) e`)
  await exec(`
    insert into expertise_areas (expertise_id, area_id)
    select distinct e.id, a.id from expertise e
    join lateral (
      select id from (select id, row_number() over (order by slug) as n from areas where trust_id = e.trust_id and parent_id is not null) x
      where x.n in (1 + abs(hashtext(e.id::text)) % 25, 1 + abs(hashtext(e.id::text || 'b')) % 25)
    ) a on true
    where e.trust_id in (select id from trusts where name like 'Directory trust %')`)
  // A few commitments this term, so "days free" and its filter read real rows.
  await exec(`
    insert into requests (id, trust_id, school_id, raised_by_id, title, problem, experts_wanted, days_per_expert, window_start, window_end, status, published_at)
    select ${id('r', "t || '-' || r")}, ${id('t', 't::text')}, ${id('s', `t || '-' || (1 + r % ${S})`)}, ${id('p', `t || '-' || (${S} * (1 + r % (${P} / ${S} - 1)))`)},
      'Request ' || r, 'Problem ' || r, 1, 2, '${termStart}'::date + 10, '${termStart}'::date + 60, 'commissioned', now()
    from generate_series(1, ${T}) t, generate_series(1, 500) r`)
  await exec(`
    insert into offers (id, trust_id, request_id, expertise_id, person_id, school_id, status, days)
    select ${id('o', "t || '-' || r")}, ${id('t', 't::text')}, ${id('r', "t || '-' || r")}, e.id, e.person_id, e.school_id, 'accepted', 2
    from generate_series(1, ${T}) t cross join generate_series(1, 500) r
    join expertise e on e.id = ${id('e', `t || '-' || (r * 17)`)}`)
  await exec(`
    insert into engagements (id, trust_id, offer_id, request_id, expertise_id, expert_id, provider_school_id, receiver_school_id, days, term_start, status, release)
    select ${id('g', 'o.id::text')}, o.trust_id, o.id, o.request_id, o.expertise_id, o.person_id, o.school_id, r.school_id, o.days, '${termStart}', 'active', 'approved'
    from offers o join requests r on r.id = o.request_id where o.id in (select ${id('o', "t || '-' || r")} from generate_series(1, ${T}) t, generate_series(1, 500) r)`)

  const [first] = await queryRows<{ trust: string; person: string }>(db, sql.raw(`select ${id('t', "'1'")} as trust, ${id('p', "'1-1'")} as person`))
  return { trustId: first!.trust, personId: first!.person, entries: T * E, trusts: T }
}
