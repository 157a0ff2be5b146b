import { readFileSync } from 'node:fs'
import { and, eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditEvents, clusters, schools } from '../db/schema/index.ts'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, nextUrn, seed, trustBundle } from '../../test/bundle.ts'

const t = useTestApp()
let s: Seeded
let other: Seeded

/** 22 rows cut from ../shared/data/schools-england.csv; line 9 has no URN and line 18 a latitude in words. */
const FIXTURE = readFileSync(new URL('../../test/fixtures/calderdale-22.csv', import.meta.url), 'utf8')

beforeAll(async () => {
  s = await seed(t.app, trustBundle())
  other = await seed(t.app, trustBundle({}, 'Other'))
})

type Opts = Parameters<ReturnType<typeof as>>[0]
const call = async (ref: string, opts: Opts, who: Seeded = s) => as(t.app, await who.token(ref))(opts)
const ROLES = ['headA', 'teacherA1', 'central', 'admin'] as const
const schoolRow = async (id: string) => (await t.database.db.select().from(schools).where(eq(schools.id, id)))[0]!
const schoolsOf = async (trustId: string) => t.database.db.select().from(schools).where(eq(schools.trustId, trustId))

describe('GET /api/schools and /api/clusters', () => {
  it.each(ROLES)("When %s lists the schools, then they see their trust's schools with cluster and release days", async (ref) => {
    const res = await call(ref, { method: 'GET', url: '/api/schools' })
    expect(res.statusCode).toBe(200)
    const items = res.json().items
    expect(items.map((x: { id: string }) => x.id).sort()).toEqual([s.ids.A, s.ids.B].sort())
    expect(items.find((x: { id: string }) => x.id === s.ids.A)).toEqual({
      id: s.ids.A, urn: s.bundle.schools![0]!.urn, name: 'Test Primary A', phase: 'primary', type: '', postcode: '', lat: 53.8, lng: -1.55,
      clusterId: expect.any(String), clusterName: 'North', releaseDaysPerTerm: 10, status: 'open', closedOn: null,
    })
  })

  it.each(ROLES)('When %s of another trust lists schools and clusters, then none of this trust appear', async (ref) => {
    const list = (await call(ref, { method: 'GET', url: '/api/schools' }, other)).json().items.map((x: { id: string }) => x.id)
    expect(list).not.toContain(s.ids.A)
    expect(list).not.toContain(s.ids.B)
    const names = (await call(ref, { method: 'GET', url: '/api/clusters' }, other)).json().items
    const mine = await t.database.db.select({ id: clusters.id }).from(clusters).where(eq(clusters.trustId, s.ids.t!))
    expect(names.some((c: { id: string }) => mine.some((m) => m.id === c.id))).toBe(false)
  })

  it.each(ROLES)('When %s lists the clusters, then each has its school count', async (ref) => {
    const res = await call(ref, { method: 'GET', url: '/api/clusters' })
    expect(res.statusCode).toBe(200)
    expect(res.json().items.map((c: { name: string; schoolCount: number }) => [c.name, c.schoolCount])).toEqual(expect.arrayContaining([['North', 1]]))
  })
})

describe('PATCH /api/schools/:id', () => {
  it('When the admin puts a school in a new cluster and changes its release days and name, then the cluster is created and both are audited', async () => {
    const res = await call('admin', { method: 'PATCH', url: `/api/schools/${s.ids.B}`, payload: { cluster: 'Calder Valley', releaseDaysPerTerm: 12, name: 'Test Academy B (renamed)' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: s.ids.B, name: 'Test Academy B (renamed)', clusterName: 'Calder Valley', releaseDaysPerTerm: 12 })
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.trustId, s.ids.t!))).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['cluster.created', 'school.updated']))
  })

  it('When the admin names an existing cluster in other letter case, then the school joins it rather than a new one; null takes it out', async () => {
    const joined = await call('admin', { method: 'PATCH', url: `/api/schools/${s.ids.A}`, payload: { cluster: 'calder valley' } })
    expect(joined.json().clusterName).toBe('Calder Valley')
    const [a, b] = await Promise.all([schoolRow(s.ids.A!), schoolRow(s.ids.B!)])
    expect(a.clusterId).toBe(b.clusterId)
    const out = await call('admin', { method: 'PATCH', url: `/api/schools/${s.ids.A}`, payload: { cluster: null } })
    expect(out.json()).toMatchObject({ clusterId: null, clusterName: null })
  })

  it.each(['headA', 'teacherA1', 'central'])('When %s edits their own school, then 403 and it is unchanged', async (ref) => {
    const before = await schoolRow(s.ids.A!)
    const res = await call(ref, { method: 'PATCH', url: `/api/schools/${s.ids.A}`, payload: { releaseDaysPerTerm: 99 } })
    expect(res.statusCode).toBe(403)
    expect(res.json().detail).toBe('Only the trust administrator manages schools.')
    expect(await schoolRow(s.ids.A!)).toEqual(before)
  })

  it('When headA edits the other school, then 403 and it is unchanged', async () => {
    const before = await schoolRow(s.ids.B!)
    expect((await call('headA', { method: 'PATCH', url: `/api/schools/${s.ids.B}`, payload: { releaseDaysPerTerm: 99 } })).statusCode).toBe(403)
    expect(await schoolRow(s.ids.B!)).toEqual(before)
  })

  // Another trust's admin gets 404, as for a missing id; other roles can never edit a school, so they get 403
  // before any lookup, again exactly as for a missing id (docs/design.md §10).
  it.each(ROLES.map((r) => [r, r === 'admin' ? 404 : 403] as const))("When %s of another trust edits this trust's school, then %i and it is unchanged", async (ref, status) => {
    const before = await schoolRow(s.ids.A!)
    const res = await call(ref, { method: 'PATCH', url: `/api/schools/${s.ids.A}`, payload: { cluster: 'Stolen' } }, other)
    expect(res.statusCode).toBe(status)
    expect((await call(ref, { method: 'PATCH', url: '/api/schools/00000000-0000-4000-8000-000000000000', payload: { cluster: 'Stolen' } }, other)).statusCode).toBe(status)
    expect(await schoolRow(s.ids.A!)).toEqual(before)
  })

  it('When the release days are out of range, then 400 names releaseDaysPerTerm', async () => {
    const res = await call('admin', { method: 'PATCH', url: `/api/schools/${s.ids.A}`, payload: { releaseDaysPerTerm: -2 } })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ path: 'releaseDaysPerTerm', message: 'Days cannot be negative' }])
  })
})

describe('school import', () => {
  const MALFORMED = [
    { line: 9, urn: null, name: 'Longroyde Primary School', status: 'refused', changes: [], reasons: ['The URN is missing'] },
    { line: 18, urn: 107502, name: 'Withinfields Primary School', status: 'refused', changes: [], reasons: ['The latitude "fifty-three" is not a number'] },
  ]

  it('When the admin previews the file, then 20 rows are new, 2 are refused with reasons, and nothing is written', async () => {
    const res = await call('admin', { method: 'POST', url: '/api/schools/import/preview', payload: { csv: FIXTURE } })
    expect(res.statusCode).toBe(200)
    const report = res.json()
    expect(report).toMatchObject({ imported: false, layout: 'simple', counts: { new: 20, changed: 0, unchanged: 0, refused: 2, otherTrusts: 0 }, urnsNotInFile: [] })
    expect(report.rows.filter((r: { status: string }) => r.status === 'refused')).toMatchObject(MALFORMED)
    expect(await schoolsOf(s.ids.t!)).toHaveLength(2)
  })

  it.each(['headA', 'teacherA1', 'central'])('When %s previews or imports, then 403 and nothing is written', async (ref) => {
    for (const url of ['/api/schools/import/preview', '/api/schools/import']) {
      const res = await call(ref, { method: 'POST', url, payload: { csv: FIXTURE } })
      expect(res.statusCode).toBe(403)
    }
    expect(await schoolsOf(s.ids.t!)).toHaveLength(2)
  })

  it('When the admin imports 20 good schools and 2 malformed rows, then the 20 are imported with their phases mapped and the 2 reported', async () => {
    const res = await call('admin', { method: 'POST', url: '/api/schools/import', payload: { csv: FIXTURE } })
    expect(res.statusCode).toBe(200)
    const report = res.json()
    expect(report).toMatchObject({ imported: true, counts: { new: 20, changed: 0, unchanged: 0, refused: 2, otherTrusts: 0 } })
    expect(report.rows.filter((r: { status: string }) => r.status === 'refused')).toMatchObject(MALFORMED)
    expect(report.rows[0]).toEqual({ line: 2, urn: 107478, name: 'Ferney Lee Primary School', phase: 'primary', status: 'new', changes: [], reasons: [], schoolId: expect.any(String) })

    const mine = await schoolsOf(s.ids.t!)
    expect(mine).toHaveLength(22)
    const byUrn = new Map(mine.map((x) => [x.urn, x]))
    expect(byUrn.get(107562)!.phase).toBe('all_through')
    expect(byUrn.get(130535)!.phase).toBe('post16')
    expect(byUrn.get(146204)!.phase).toBe('alternative_provision')
    expect(byUrn.get(116774)!.phase).toBe('secondary')
    expect(byUrn.get(107185)).toMatchObject({ phase: 'nursery', postcode: 'BD21 4LW', lat: 53.870681, lng: -1.886983, type: 'Local authority nursery school', releaseDaysPerTerm: 10 })
    expect(byUrn.has(107502)).toBe(false)
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'schools.imported'), eq(auditEvents.trustId, s.ids.t!)))
    expect(event!.detail).toMatchObject({ added: 20, changed: 0, refused: 2 })

    const listed = (await call('teacherA1', { method: 'GET', url: '/api/schools' })).json().items
    expect(listed).toHaveLength(22)
  })

  it('When the same file is imported again, then nothing is duplicated: the 20 are unchanged and the 2 still refused', async () => {
    const report = (await call('admin', { method: 'POST', url: '/api/schools/import', payload: { csv: FIXTURE } })).json()
    expect(report.counts).toEqual({ new: 0, changed: 0, unchanged: 20, refused: 2, otherTrusts: 0 })
    expect(report.rows[0]).toMatchObject({ status: 'unchanged', schoolId: expect.any(String) })
    expect(await schoolsOf(s.ids.t!)).toHaveLength(22)
  })

  it("When another trust imports the same file, then every URN is refused in words that do not say whose it is, and nothing is written", async () => {
    const report = (await call('admin', { method: 'POST', url: '/api/schools/import', payload: { csv: FIXTURE } }, other)).json()
    expect(report.counts).toEqual({ new: 0, changed: 0, unchanged: 0, refused: 22, otherTrusts: 0 })
    expect(report.rows[0]).toEqual({ line: 2, urn: 107478, name: 'Ferney Lee Primary School', phase: 'primary', status: 'refused', changes: [], reasons: ['URN 107478 cannot be added to this trust'], schoolId: null })
    expect(JSON.stringify(report)).not.toContain(s.bundle.trust.name)
    expect(await schoolsOf(s.ids.t!)).toHaveLength(22)
    expect(await schoolsOf(other.ids.t!)).toHaveLength(2)
  })

  it('When a file repeats a URN or names an unknown phase, then those rows are refused with why', async () => {
    const [u1, u2] = [nextUrn(), nextUrn()]
    const csv = [
      'URN,Name,Phase,Type,Postcode,Lat,Lng,Cluster',
      `${u1},Good School,Primary,Academy converter,ne1 1aa,54.97,-1.61,Tyne`,
      `${u1},Good School Again,primary,,,54.97,-1.61,`,
      `${u2},Odd School,college,,,54.97,-1.61,`,
      'abc,,,,,,,',
    ].join('\r\n')
    const report = (await call('admin', { method: 'POST', url: '/api/schools/import', payload: { csv } })).json()
    expect(report.rows.map((r: { status: string; reasons: string[] }) => [r.status, r.reasons])).toEqual([
      ['new', []],
      ['refused', [`URN ${u1} appears twice in the file (also on line 2)`]],
      ['refused', ['The phase "college" is not one we know (primary, secondary, all-through, middle, nursery, 16 plus, special or alternative provision)']],
      ['refused', ['The URN "abc" is not a whole number of up to 8 digits', 'The school name is missing', 'The phase is missing']],
    ])
    const [made] = await t.database.db.select().from(schools).where(inArray(schools.urn, [u1]))
    expect(made).toMatchObject({ postcode: 'NE1 1AA', trustId: s.ids.t })
    const cluster = (await call('admin', { method: 'GET', url: '/api/clusters' })).json().items.find((c: { name: string }) => c.name === 'Tyne')
    expect(cluster).toMatchObject({ schoolCount: 1 })
  })

  it('When the file lacks required columns, then 400 names csv and says which', async () => {
    const res = await call('admin', { method: 'POST', url: '/api/schools/import/preview', payload: { csv: 'urn,name\n1,x' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{
      path: 'csv',
      message: 'The file needs the columns of a Get Information about Schools download (URN, EstablishmentName, PhaseOfEducation (name), Easting, Northing), or urn, name, phase, lat, lng; phase, lat, lng are missing.',
    }])
  })
})
