import { describe, expect, it } from 'vitest'
import { GIAS_COLUMNS, type GiasSchool, giasCsv, giasRecord, toWindows1252 } from './gias-format.ts'
import { distanceMetres } from './grid.ts'
import { decodeCsv, parseSchoolsCsv, phaseOf } from './school-csv.ts'

const TRUST = { trustId: 9001, trustName: 'CALDER LEARNING TRUST' }
const FERNEY: GiasSchool = { urn: 107478, name: 'Ferney Lee Primary School', phase: 'primary', type: 'Academy converter', postcode: 'OL14 5NR', lat: 53.720862, lng: -2.101009, ...TRUST }
const rows: GiasSchool[] = [
  FERNEY,
  { urn: 107564, name: 'Todmorden High School', phase: 'secondary', type: 'Academy converter', postcode: 'OL14 7DG', lat: 53.714, lng: -2.09, ...TRUST },
  { urn: 100000, name: 'The Aldgate School', phase: 'primary', lat: 51.513662, lng: -0.077486, trustId: 1, trustName: 'CITY TRUST' },
  { urn: 107185, name: 'Keighley St Andrew’s Nursery', phase: 'nursery', type: 'Local authority nursery school', lat: 53.870681, lng: -1.886983, ...TRUST, status: 'closed', closedOn: '2023-08-31' },
]

describe('reading a GIAS download', () => {
  it("takes the trust's lines by its name (any letter case), converts Easting/Northing to within 5 m, and counts the rest", () => {
    const parsed = parseSchoolsCsv(giasCsv(rows), { trustName: 'Calder Learning Trust' })
    expect(parsed).toMatchObject({ ok: true, layout: 'gias', otherTrusts: 1, urnsNotInFile: [] })
    if (!parsed.ok) return
    expect(parsed.rows.map((r) => [r.line, r.urn, r.phase, r.status, r.closedOn])).toEqual([
      [2, 107478, 'primary', 'open', null], [3, 107564, 'secondary', 'open', null], [5, 107185, 'nursery', 'closed', '2023-08-31'],
    ])
    expect(parsed.rows[0]).toMatchObject({ name: 'Ferney Lee Primary School', type: 'Academy converter', postcode: 'OL14 5NR', reasons: [] })
    expect(distanceMetres(parsed.rows[0]! as { lat: number; lng: number }, FERNEY as { lat: number; lng: number })).toBeLessThan(5)
  })

  it('takes them by UID (Trusts (code)) or by a list of URNs, and says which URNs are not in the file', () => {
    const byUid = parseSchoolsCsv(giasCsv(rows), { trustUid: '9001' })
    expect(byUid.ok && byUid.rows.map((r) => r.urn)).toEqual([107478, 107564, 107185])
    const byUrn = parseSchoolsCsv(giasCsv(rows), { urns: [100000, 107478, 999999] })
    expect(byUrn).toMatchObject({ ok: true, otherTrusts: 2, urnsNotInFile: [999999] })
    expect(byUrn.ok && byUrn.rows.map((r) => r.urn)).toEqual([107478, 100000])
  })

  it('reads the Windows-1252 bytes GIAS serves (’ and é) as well as UTF-8 with a BOM', () => {
    const csv = giasCsv([{ ...FERNEY, name: 'École Jacques Prévert’s' }])
    for (const bytes of [toWindows1252(csv), new TextEncoder().encode(`\uFEFF${csv}`)]) {
      const parsed = parseSchoolsCsv(decodeCsv(bytes), { trustUid: '9001' })
      expect(parsed.ok && parsed.rows[0]!.name).toBe('École Jacques Prévert’s')
    }
  })

  it('reports malformed lines with their line number and a reason in plain words', () => {
    const bad = (over: Partial<Record<(typeof GIAS_COLUMNS)[number], string>>) => ({ ...giasRecord(FERNEY), ...over })
    const records = [
      bad({ URN: '200001', Easting: 'abc' }),
      bad({ URN: '200002', Northing: '' }),
      bad({ URN: '200003', Easting: '', Northing: '' }),
      bad({ URN: '', EstablishmentName: '' }),
      bad({ URN: '200004', 'PhaseOfEducation (name)': 'Not applicable', 'TypeOfEstablishment (name)': 'Further education' }),
      bad({ URN: '200005', 'EstablishmentStatus (name)': 'Sleeping' }),
      bad({ URN: '200006', Easting: '9999999' }),
      bad({ URN: '200001' }),
    ]
    const csv = [GIAS_COLUMNS.join(','), ...records.map((r) => GIAS_COLUMNS.map((c) => r[c]).join(','))].join('\r\n')
    const parsed = parseSchoolsCsv(csv, { trustUid: '9001' })
    expect(parsed.ok && parsed.rows.map((r) => [r.line, r.reasons, r.locationMissing])).toEqual([
      [2, ['Easting "abc" is not a number'], null],
      [3, ['The Northing is missing'], null],
      [4, [], 'The Easting and Northing are missing'],
      [5, ['The URN is missing', 'The school name is missing'], null],
      [6, ['The phase "Not applicable" of a "Further education" is not one we know (primary, secondary, all-through, middle, nursery, 16 plus, special or alternative provision)'], null],
      [7, ['The status "Sleeping" is not one we know (Open or Closed)'], null],
      [8, ['Easting 9999999 is outside Great Britain (0 to 700,000)'], null],
      [9, ['URN 200001 appears twice in the file (also on line 2)'], null],
    ])
  })

  it("places special schools and pupil referral units by their type, as GIAS gives them the phase 'Not applicable'", () => {
    expect(phaseOf('Not applicable', 'Foundation special school')).toBe('special')
    expect(phaseOf('Primary', 'Academy special converter')).toBe('special')
    expect(phaseOf('Not applicable', 'Pupil referral unit')).toBe('alternative_provision')
    expect(phaseOf('Not applicable', 'Academy alternative provision sponsor led')).toBe('alternative_provision')
    expect(phaseOf('16 plus', 'Academy 16-19 converter')).toBe('post16')
    expect(phaseOf('Middle deemed primary', 'Community school')).toBe('primary')
    expect(phaseOf('All-through', 'Free schools')).toBe('all_through')
  })

  it('refuses a file that cannot be read, naming the field to fix', () => {
    expect(parseSchoolsCsv(giasCsv(rows))).toMatchObject({ ok: false, path: 'trustName' })
    expect(parseSchoolsCsv(giasCsv(rows), { trustName: 'Nobody Trust' })).toMatchObject({ ok: false, path: 'trustName', message: expect.stringContaining('"Nobody Trust"') })
    expect(parseSchoolsCsv(giasCsv(rows), { urns: [1] })).toEqual({ ok: false, path: 'urns', message: 'None of these URNs is in the file.' })
    expect(parseSchoolsCsv('URN,EstablishmentName,Trusts (name)\n1,A,X', { trustName: 'X' })).toEqual({
      ok: false, path: 'csv', message: 'The file needs the GIAS columns URN, EstablishmentName, PhaseOfEducation (name), Easting and Northing; PhaseOfEducation (name), Easting, Northing are missing.',
    })
    expect(parseSchoolsCsv('urn,name,phase,lat,lng\n1,A,primary,53,-1', { trustName: 'X' })).toMatchObject({ ok: false, path: 'trustName' })
  })

  it('still reads the simple layout (urn,name,phase,lat,lng) with every line taken', () => {
    const parsed = parseSchoolsCsv('urn,name,phase,lat,lng,status\n107478,Ferney Lee,primary,53.72,-2.1,closed\n')
    expect(parsed).toMatchObject({ ok: true, layout: 'simple', otherTrusts: 0, rows: [{ urn: 107478, lat: 53.72, lng: -2.1, status: 'closed', reasons: [] }] })
  })
})
