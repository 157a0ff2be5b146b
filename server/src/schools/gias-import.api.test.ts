import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditEvents, schools, trusts } from '../db/schema/index.ts'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, nextUrn, seedTwoTrusts } from '../../test/bundle.ts'
import { GIAS_COLUMNS, type GiasSchool, giasCsv, giasRecord, toWindows1252 } from './gias-format.ts'
import { distanceMetres } from './grid.ts'

const t = useTestApp()
let s: Seeded
let other: Seeded

beforeAll(async () => {
  ;({ s, other } = await seedTwoTrusts(t.app))
})

const TRUST = { trustId: 9001, trustName: 'CALDER LEARNING TRUST' }
const ours: GiasSchool[] = [
  { urn: nextUrn(), name: 'Ferney Lee Primary School', phase: 'primary', type: 'Academy converter', postcode: 'OL14 5NR', lat: 53.720862, lng: -2.101009, ...TRUST },
  { urn: nextUrn(), name: 'École Jacques Prévert’s', phase: 'secondary', type: 'Academy sponsor led', postcode: 'HX1 2ER', lat: 53.71784, lng: -1.868738, ...TRUST },
  { urn: nextUrn(), name: 'Calder Special School', phase: 'special', type: 'Academy special converter', postcode: 'HX3 0TP', lat: 53.699098, lng: -1.86763, ...TRUST },
]
const theirs: GiasSchool[] = [1, 2, 3].map((i) => ({ urn: nextUrn(), name: `Elsewhere School ${i}`, phase: 'primary', lat: 51.5, lng: -0.1, trustId: 42, trustName: 'ANOTHER TRUST' }))

type Opts = Parameters<ReturnType<typeof as>>[0]
const call = async (opts: Opts, who: Seeded = s, ref = 'admin') => as(t.app, await who.token(ref))(opts)
/** Posts the file as GIAS serves it: raw Windows-1252 bytes. */
const send = (path: 'preview' | 'apply', csv: string, query: Record<string, string>, who: Seeded = s, ref = 'admin') =>
  call({
    method: 'POST', url: `/api/schools/import${path === 'preview' ? '/preview' : ''}?${new URLSearchParams(query)}`,
    headers: { 'content-type': 'text/csv' }, payload: Buffer.from(toWindows1252(csv)),
  }, who, ref)
const mine = async (trustId = s.ids.t!) => t.database.db.select().from(schools).where(eq(schools.trustId, trustId))

/** Two malformed lines of the trust among good ones: line 5 has a word for its Easting, line 6 no name. */
function file(list: GiasSchool[]) {
  const good = giasCsv(list).split('\r\n')
  const bad = [
    { ...giasRecord({ ...ours[0]!, urn: nextUrn() }), Easting: 'abc' },
    { ...giasRecord({ ...ours[0]!, urn: nextUrn() }), EstablishmentName: '' },
  ].map((r) => GIAS_COLUMNS.map((c) => r[c]).join(','))
  return [...good.slice(0, 4), ...bad, ...good.slice(4)].join('\r\n')
}

describe('importing schools from a GIAS download', () => {
  it("When the admin previews by the trust's name, then the trust's lines are listed as new or refused with reasons, others only counted, and nothing is written", async () => {
    const res = await send('preview', file([...ours, ...theirs]), { trustName: 'Calder Learning Trust' })
    expect(res.statusCode).toBe(200)
    const report = res.json()
    expect(report).toMatchObject({ imported: false, layout: 'gias', counts: { new: 3, changed: 0, unchanged: 0, refused: 2, otherTrusts: 3 }, urnsNotInFile: [] })
    expect(report.rows.map((r: { line: number; status: string; reasons: string[] }) => [r.line, r.status, r.reasons])).toEqual([
      [2, 'new', []], [3, 'new', []], [4, 'new', []],
      [5, 'refused', ['Easting "abc" is not a number']],
      [6, 'refused', ['The school name is missing']],
    ])
    expect(report.rows[1]).toMatchObject({ name: 'École Jacques Prévert’s', phase: 'secondary' })
    expect(report.rows[2]).toMatchObject({ phase: 'special' })
    expect(await mine()).toHaveLength(2)
  })

  it('When the admin applies it, then the schools are added with their coordinates within 5 m, in one audited change', async () => {
    const res = await send('apply', file([...ours, ...theirs]), { trustName: 'Calder Learning Trust' })
    expect(res.json()).toMatchObject({ imported: true, counts: { new: 3, refused: 2, otherTrusts: 3 } })
    const rows = await mine()
    expect(rows).toHaveLength(5)
    for (const school of ours) {
      const row = rows.find((r) => r.urn === school.urn)!
      expect(row).toMatchObject({ name: school.name, status: 'open', postcode: school.postcode })
      expect(distanceMetres(row, school as { lat: number; lng: number })).toBeLessThan(5)
    }
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'schools.imported'), eq(auditEvents.trustId, s.ids.t!)))
    expect(event!.detail).toMatchObject({ added: 3, changed: 0, refused: 2 })
  })

  it('When a newer download renames one school and closes another, then the preview shows old → new, and applying updates them by URN, never adding a second row', async () => {
    const next = [{ ...ours[0]!, name: 'Ferney Lee Academy' }, { ...ours[1]!, status: 'closed', closedOn: '2024-08-31' }, ours[2]!]
    const preview = (await send('preview', giasCsv(next), { trustUid: '9001' })).json()
    expect(preview.counts).toEqual({ new: 0, changed: 2, unchanged: 1, refused: 0, otherTrusts: 0 })
    expect(preview.rows.map((r: { changes: unknown[] }) => r.changes)).toEqual([
      [{ field: 'name', from: 'Ferney Lee Primary School', to: 'Ferney Lee Academy' }],
      [{ field: 'status', from: 'open', to: 'closed' }],
      [],
    ])
    const applied = (await send('apply', giasCsv(next), { trustUid: '9001' })).json()
    expect(applied.counts).toMatchObject({ new: 0, changed: 2 })
    const rows = await mine()
    expect(rows).toHaveLength(5)
    expect(rows.find((r) => r.urn === ours[1]!.urn)).toMatchObject({ status: 'closed', closedOn: '2024-08-31' })
    const listed = (await call({ method: 'GET', url: '/api/schools' }, s, 'teacherA1')).json().items
    expect(listed.find((x: { urn: number }) => x.urn === ours[1]!.urn)).toMatchObject({ status: 'closed', closedOn: '2024-08-31' })
  })

  it('When the admin picks schools by a list of URNs, then only those are read and missing URNs are named', async () => {
    const report = (await send('preview', giasCsv([...ours, ...theirs]), { urns: `${ours[2]!.urn}, 99999999` })).json()
    expect(report).toMatchObject({ counts: { unchanged: 1, otherTrusts: 5 }, urnsNotInFile: [99999999] })
  })

  it("When another trust's admin imports a file naming this trust's URN, then it is refused in the same words as any school that cannot be added, and nothing changes", async () => {
    const csv = giasCsv([{ ...ours[0]!, name: 'Taken Over', trustName: 'OTHER TRUST' }])
    const report = (await send('apply', csv, { trustName: 'Other Trust' }, other)).json()
    expect(report.rows).toEqual([{
      line: 2, urn: ours[0]!.urn, name: 'Taken Over', phase: 'primary', status: 'refused', changes: [], reasons: [`URN ${ours[0]!.urn} cannot be added to this trust`], schoolId: null,
    }])
    const [trust] = await t.database.db.select({ name: trusts.name }).from(trusts).where(eq(trusts.id, s.ids.t!))
    expect(JSON.stringify(report)).not.toContain(trust!.name)
    expect((await mine()).find((r) => r.urn === ours[0]!.urn)).toMatchObject({ name: 'Ferney Lee Academy' })
  })

  it.each([
    [{}, 'trustName', "This file lists schools of many trusts: give your trust's name, its UID or a list of URNs to say which are yours."],
    [{ trustName: 'Nobody' }, 'trustName', 'No school in the file belongs to a trust named "Nobody" (column "Trusts (name)"). Check the spelling as GIAS writes it.'],
    [{ trustName: 'A', trustUid: '1' }, 'trustName', "Give only one of the trust's name, its UID or a list of URNs"],
    [{ urns: '12, abc' }, 'urns', 'List URNs as whole numbers separated by commas, e.g. 107478, 107480'],
  ])('When the query is %j, then 400 names %s and nothing is written', async (query, path, message) => {
    const res = await send('apply', giasCsv(ours), query)
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ path, message }])
    expect(await mine()).toHaveLength(5)
  })

  it('When the same file comes as JSON {csv} or as text/csv with a charset, then it is read the same', async () => {
    const csv = giasCsv(ours)
    const asJson = await call({ method: 'POST', url: '/api/schools/import/preview?trustUid=9001', payload: { csv } })
    const withCharset = await call({
      method: 'POST', url: '/api/schools/import/preview?trustUid=9001', headers: { 'content-type': 'text/csv; charset=windows-1252' }, payload: Buffer.from(toWindows1252(csv)),
    })
    expect(asJson.statusCode).toBe(200)
    expect(withCharset.json()).toEqual(asJson.json())
    expect(asJson.json().rows[1].name).toBe('École Jacques Prévert’s')
  })

  it('When a head or the central team previews, then 403', async () => {
    for (const ref of ['headA', 'central']) expect((await send('preview', giasCsv(ours), { trustUid: '9001' }, s, ref)).statusCode).toBe(403)
  })

  it('When the admin sends a whole-country-sized file (20,000 lines, over 50 MB), then it is read and only the trust’s lines are listed', async () => {
    const filler = 'x'.repeat(2600)
    const country = theirs.flatMap((x) => Array.from({ length: 6667 }, (_, i) => ({ ...x, urn: 30_000_000 + i * 3 + Number(x.name.slice(-1)), name: `${x.name} ${i}` })))
    const lines = giasCsv([...country.slice(0, 10_000), ...ours, ...country.slice(10_000)]).split('\r\n')
    const csv = [`${lines[0]},Filler`, ...lines.slice(1).map((l) => `${l},${filler}`)].join('\r\n')
    expect(csv.length).toBeGreaterThan(50_000_000)
    const res = await send('preview', csv, { trustName: 'CALDER LEARNING TRUST' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ counts: { unchanged: 1, changed: 2, otherTrusts: 20_001 } })
    expect(res.json().rows.map((r: { line: number }) => r.line)).toEqual([10_002, 10_003, 10_004])
  }, 60_000)
})
