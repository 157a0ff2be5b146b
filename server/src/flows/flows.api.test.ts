import { eq } from 'drizzle-orm'
import Papa from 'papaparse'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TrustBundleInput } from '@ee/shared/bundle'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, TEST_PASSWORD, nextUrn, seed, trustBundle, unique } from '../../test/bundle.ts'
import { engagementLogs } from '../db/schema/index.ts'
import { fixedClock } from '../lib/clock.ts'

/**
 * A small trust whose figures are worked out by hand below. "Now" is 15 Feb 2027, noon: this term is
 * Spring 2027 (England's default calendar: 4 Jan–25 Mar, its period running to 11 Apr, the day
 * before summer starts), last term Autumn 2026 (2 Sep–18 Dec), the academic year 2026/27.
 *
 *  g1  A→B  3 days, 2 delivered   r1 reading          Spring   active
 *  g2  C→B  2 days, 2 delivered   r1 reading          Spring   completed
 *  g3  B→A  4 days, 0 delivered   r2 behaviour        Spring   active, release pending (counts)
 *  g4  B→C  2 days, 1 delivered   r3 attendance       Spring   cancelled (never counts)
 *  g5  A→B  5 days                r4 mathematics      Spring   release refused (never counts)
 *  g6  C→A  2 days, 1.5 delivered r5 phonics, secret  Spring   active
 *  g7  A→B  6 days, 6 delivered   r6 reading          Autumn 2026 (window starts 15 Dec: the other side of the boundary);
 *                                                     its window runs to 31 Jan, so it charges autumn 1 day (4 school
 *                                                     days of 24) and spring 5 (20 of 24) against eA1's capacity
 *  g8  A→D  2 days                r7 reading          Summer 2027 (inside the academic year, not this term)
 *
 * Spring requests are published from 4 Jan: a date in the Christmas holiday belongs to autumn.
 */
const NOW = '2027-02-15T12:00:00Z'
const t = useTestApp({ clock: fixedClock(NOW) })

const SECRET = 'SECRET'
const words = (ref: string) => ({ problem: `${SECRET}-PROBLEM of ${ref}, never shown in flows`, tried: `${SECRET}-TRIED ${ref}`, outcome: `${SECRET}-OUTCOME ${ref}` })

function request(ref: string, school: string, over: Partial<NonNullable<TrustBundleInput['requests']>[number]>) {
  return {
    ref, school, raisedBy: `head${school}`, title: `Request ${ref} title`, ...words(ref), areas: ['reading'], modes: ['fresh_eyes' as const],
    expertsWanted: 1, daysPerExpert: 2, window: { start: '2027-01-10', end: '2027-03-20' }, status: 'open' as const, ...over,
  }
}
const offer = (ref: string, req: string, expertise: string, days: number, status: 'accepted' | 'proposed' | 'invited' = 'accepted') => ({ ref, request: req, expertise, days, status, message: '' })
const reflections = { impact: 4, headReflection: 'It helped.', expertReflection: 'We learnt too.' }

function flowsBundle(): TrustBundleInput {
  const bundle = trustBundle({
    expertise: [
      { ref: 'eA1', person: 'teacherA1', title: 'Reading recovery', summary: 'KS3 reading', evidence: 'Ages up', areas: ['reading'], capacityDaysPerTerm: 6 },
      { ref: 'eA2', person: 'teacherA2', title: 'Maths mastery', summary: 'Maths', evidence: 'Results', areas: ['mathematics'], capacityDaysPerTerm: 4 },
      { ref: 'eB1', person: 'teacherB1', title: 'Calm corridors', summary: 'Behaviour', evidence: 'Exclusions down', areas: ['behaviour-systems', 'attendance'], capacityDaysPerTerm: 5 },
      { ref: 'eC1', person: 'teacherC1', title: 'Phonics', summary: 'Phonics', evidence: 'Screening', areas: ['early-reading-phonics'], capacityDaysPerTerm: 3 },
      { ref: 'eC2', person: 'teacherC1', title: 'Paused reading', summary: 'Reading', evidence: 'Old', areas: ['reading'], capacityDaysPerTerm: 10, active: false },
    ],
    requests: [
      request('r1', 'B', { expertsWanted: 2, daysPerExpert: 3, status: 'commissioned', publishedAt: '2027-01-04T00:00:00Z' }),
      request('r2', 'A', { areas: ['behaviour-systems'], daysPerExpert: 4, window: { start: '2027-02-01', end: '2027-03-15' }, status: 'commissioned', publishedAt: '2027-01-10T00:00:00Z' }),
      request('r3', 'C', { areas: ['attendance'], window: { start: '2027-01-15', end: '2027-02-28' }, status: 'commissioned', publishedAt: '2027-01-05T00:00:00Z' }),
      request('r4', 'B', { areas: ['mathematics'], daysPerExpert: 5, window: { start: '2027-01-20', end: '2027-03-01' }, status: 'commissioned', publishedAt: '2027-01-08T00:00:00Z' }),
      request('r5', 'A', { title: `${SECRET} phonics recovery`, confidentiality: 'invited', areas: ['early-reading-phonics'], window: { start: '2027-02-10', end: '2027-03-10' }, status: 'commissioned', publishedAt: '2027-01-20T00:00:00Z' }),
      request('r6', 'B', { daysPerExpert: 6, window: { start: '2026-12-15', end: '2027-01-31' }, status: 'completed', publishedAt: '2026-11-20T00:00:00Z' }),
      request('r7', 'D', { window: { start: '2027-04-19', end: '2027-05-19' }, status: 'commissioned', publishedAt: '2027-02-10T00:00:00Z' }),
      request('r8', 'D', { title: `${SECRET} maths gap`, confidentiality: 'invited', areas: ['mathematics'], expertsWanted: 2, daysPerExpert: 3, window: { start: '2027-03-01', end: '2027-03-30' }, publishedAt: '2027-01-25T00:00:00Z' }),
      request('r9', 'C', { window: { start: '2027-03-01', end: '2027-03-20' }, publishedAt: '2027-02-10T00:00:00Z' }),
      request('r10', 'C', { areas: ['curriculum'], daysPerExpert: 1, window: { start: '2026-11-01', end: '2027-03-31' }, publishedAt: '2026-10-01T00:00:00Z' }),
      request('r11', 'A', { status: 'draft' }),
      request('r12', 'B', { areas: ['mathematics'], status: 'withdrawn', publishedAt: '2027-01-05T00:00:00Z' }),
    ],
    offers: [
      offer('o1', 'r1', 'eA1', 3), offer('o2', 'r1', 'eC1', 2), offer('o3', 'r2', 'eB1', 4), offer('o4', 'r3', 'eB1', 2), offer('o5', 'r4', 'eA2', 5),
      offer('o6', 'r5', 'eC1', 2), offer('o7', 'r6', 'eA1', 6), offer('o8', 'r7', 'eA1', 2), offer('o9', 'r9', 'eA1', 2, 'proposed'),
      offer('o10', 'r10', 'eA2', 1, 'invited'),
    ],
    engagements: [
      { ref: 'g1', offer: 'o1', status: 'active', startedAt: '2027-01-12', daysDelivered: 2 },
      { ref: 'g2', offer: 'o2', status: 'completed', startedAt: '2027-01-11', completedAt: '2027-02-10', daysDelivered: 2, ...reflections },
      { ref: 'g3', offer: 'o3', status: 'active', release: 'pending', startedAt: '2027-01-20' },
      { ref: 'g4', offer: 'o4', status: 'cancelled', startedAt: '2027-01-25', daysDelivered: 1 },
      { ref: 'g5', offer: 'o5', status: 'active', release: 'refused', startedAt: '2027-01-11' },
      { ref: 'g6', offer: 'o6', status: 'active', startedAt: '2027-02-01', daysDelivered: 1.5 },
      { ref: 'g7', offer: 'o7', status: 'completed', startedAt: '2026-12-01', completedAt: '2027-01-20', daysDelivered: 6, ...reflections },
      { ref: 'g8', offer: 'o8', status: 'active', startedAt: '2027-02-14' },
    ],
  })
  const u = unique()
  bundle.schools!.push(
    { ref: 'C', urn: nextUrn(), name: 'Test School C', phase: 'primary', lat: 53.75, lng: -1.6, cluster: 'North' },
    { ref: 'D', urn: nextUrn(), name: 'Test School D', phase: 'secondary', lat: 53.65, lng: -1.45, cluster: 'South' },
  )
  for (const [ref, role, school] of [['headC', 'headteacher', 'C'], ['teacherC1', 'teacher', 'C'], ['headD', 'headteacher', 'D']] as const) {
    bundle.people!.push({ ref, email: `${ref}.${u}@example.org`, name: `${ref} Test`, role, school, password: TEST_PASSWORD })
  }
  return bundle
}

let s: Seeded
let other: Seeded
beforeAll(async () => {
  s = await seed(t.app, flowsBundle())
  other = await seed(
    t.app,
    trustBundle(
      {
        expertise: [{ ref: 'x1', person: 'teacherA1', title: 'Other expertise', summary: 'x', evidence: 'x', areas: ['reading'], capacityDaysPerTerm: 9 }],
        requests: [
          request('xr1', 'B', { status: 'commissioned', publishedAt: '2027-01-04T00:00:00Z' }),
          request('xr2', 'B', { publishedAt: '2027-01-04T00:00:00Z' }),
        ],
        offers: [offer('xo1', 'xr1', 'x1', 7)],
        engagements: [{ ref: 'xg1', offer: 'xo1', status: 'active', startedAt: '2027-01-06', daysDelivered: 3 }],
      },
      'Other',
    ),
  )
})

const get = async (ref: string, url: string, who: Seeded = s) => as(t.app, await who.token(ref))({ method: 'GET', url })
const ok = async (ref: string, url: string, who: Seeded = s) => {
  const res = await get(ref, url, who)
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
type Link = { from: string; to: string; days: number; deliveredDays: number; engagements: number }
/** Links keyed by school refs, so a test reads like the table above. */
const linksByRef = (links: Link[]) => {
  const ref = (id: string) => Object.keys(s.ids).find((k) => s.ids[k] === id && /^[A-D]$/.test(k)) ?? id
  return Object.fromEntries(links.map((l) => [`${ref(l.from)}→${ref(l.to)}`, [l.days, l.deliveredDays, l.engagements]]))
}
const csvRows = (body: string) => Papa.parse<Record<string, string>>(body.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data
const sum = (rows: Record<string, string>[], column: string) => rows.reduce((n, r) => n + Number(r[column]), 0)

describe('the flow graph', () => {
  it('When the central team opens flows, then this term counts active and completed engagements, not cancelled ones nor refused releases', async () => {
    const graph = await ok('central', '/api/flows')
    expect(graph.period).toEqual({ kind: 'this-term', from: '2027-01-04', to: '2027-04-11', label: 'Spring 2027', terms: [{ start: '2027-01-04', label: 'Spring 2027', name: 'spring' }] })
    expect(graph.scope).toEqual({ schoolId: null, schoolName: null })
    expect(linksByRef(graph.links)).toEqual({ 'A→B': [3, 2, 1], 'C→B': [2, 2, 1], 'B→A': [4, 0, 1], 'C→A': [2, 1.5, 1] })
    expect(graph.links[0]).toMatchObject({ from: s.ids.B, to: s.ids.A, days: 4 })
    expect(graph.totals).toEqual({ days: 11, deliveredDays: 5.5, engagements: 4 })
    expect(graph.nodes).toEqual([
      { schoolId: s.ids.B, name: 'Test Academy B' },
      { schoolId: s.ids.A, name: 'Test Primary A' },
      { schoolId: s.ids.C, name: 'Test School C' },
    ])
  })

  it('When the period changes, then an engagement counts in the term its work starts in, on either side of a boundary', async () => {
    expect(linksByRef((await ok('central', '/api/flows?period=last-term')).links)).toEqual({ 'A→B': [6, 6, 1] })
    const year = await ok('central', '/api/flows?period=academic-year')
    expect(year.period).toMatchObject({ from: '2026-09-01', to: '2027-08-31', label: 'Academic year 2026/27' })
    expect(year.period.terms.map((x: { label: string }) => x.label)).toEqual(['Autumn 2026', 'Spring 2027', 'Summer 2027'])
    expect(linksByRef(year.links)).toEqual({ 'A→B': [9, 8, 2], 'C→B': [2, 2, 1], 'B→A': [4, 0, 1], 'C→A': [2, 1.5, 1], 'A→D': [2, 0, 1] })
    const custom = await ok('central', '/api/flows?from=2026-09-01&to=2027-01-04')
    expect(custom.period).toMatchObject({ kind: 'custom', label: '1 Sep 2026 to 4 Jan 2027' })
    expect(linksByRef(custom.links)).toEqual({ 'A→B': [9, 8, 2], 'C→B': [2, 2, 1], 'B→A': [4, 0, 1], 'C→A': [2, 1.5, 1] })
    expect((await ok('central', '/api/flows?period=custom&from=2027-01-05&to=2027-03-31')).links).toEqual([])
  })

  it('When filtered by area, then an area counts its own work and a strand counts all its areas', async () => {
    expect(linksByRef((await ok('central', '/api/flows?area=reading')).links)).toEqual({ 'A→B': [3, 2, 1], 'C→B': [2, 2, 1] })
    expect(linksByRef((await ok('central', '/api/flows?area=curriculum')).links)).toEqual({ 'A→B': [3, 2, 1], 'C→B': [2, 2, 1], 'C→A': [2, 1.5, 1] })
    expect(linksByRef((await ok('central', '/api/flows?area=behaviour')).links)).toEqual({ 'B→A': [4, 0, 1] })
  })

  it('When filtered by cluster (name or id), then only flows touching a school of that cluster show', async () => {
    expect(Object.keys(linksByRef((await ok('central', '/api/flows?cluster=North')).links)).sort()).toEqual(['A→B', 'B→A', 'C→A', 'C→B'])
    const south = await ok('central', '/api/flows?cluster=south')
    expect(Object.keys(linksByRef(south.links)).sort()).toEqual(['A→B', 'B→A', 'C→B'])
    const balance = await ok('central', '/api/flows/balance?cluster=South')
    const clusterId = (await t.database.db.query.clusters.findFirst({ where: (c, { and, eq }) => and(eq(c.trustId, s.ids.t!), eq(c.name, 'South')) }))!.id
    expect((await ok('central', `/api/flows?cluster=${clusterId}`)).links).toEqual(south.links)
    expect(balance.items.map((r: { name: string }) => r.name)).toEqual(['Test Academy B', 'Test School D'])
  })

  it('When a head opens flows, then they see only the links touching their school', async () => {
    const graph = await ok('headA', '/api/flows')
    expect(graph.scope).toEqual({ schoolId: s.ids.A, schoolName: 'Test Primary A' })
    expect(linksByRef(graph.links)).toEqual({ 'A→B': [3, 2, 1], 'B→A': [4, 0, 1], 'C→A': [2, 1.5, 1] })
    const quiet = await ok('headD', '/api/flows')
    expect(quiet.links).toEqual([])
    expect(quiet.nodes).toEqual([{ schoolId: s.ids.D, name: 'Test School D' }])
    expect(linksByRef((await ok('central', `/api/flows?school=${s.ids.B}`)).links)).toEqual({ 'A→B': [3, 2, 1], 'C→B': [2, 2, 1], 'B→A': [4, 0, 1] })
  })

  it('When a head asks for another school of the trust, then 403; for a school of another trust, then 404', async () => {
    const mine = await get('headA', `/api/flows?school=${s.ids.A}`)
    expect(mine.statusCode).toBe(200)
    const otherSchool = await get('headA', `/api/flows?school=${s.ids.B}`)
    expect(otherSchool.statusCode).toBe(403)
    expect(otherSchool.json()).toMatchObject({ status: 403, type: '/problems/forbidden', title: 'Not allowed' })
    for (const ref of ['headA', 'central']) {
      const foreign = await get(ref, `/api/flows?school=${other.ids.A}`)
      expect(foreign.statusCode).toBe(404)
      expect(foreign.json()).toMatchObject({ status: 404, type: '/problems/not-found', detail: expect.stringMatching(/school/) })
    }
  })
})

describe('the balance', () => {
  it('When the central team reads the balance, then each school shows days given and received, requests raised, commissioned and unmet', async () => {
    const balance = await ok('central', '/api/flows/balance')
    expect(balance.items).toEqual([
      { schoolId: s.ids.B, name: 'Test Academy B', cluster: 'South', daysGiven: 4, daysReceived: 5, requestsRaised: 3, commissioned: 2, unmet: 0 },
      { schoolId: s.ids.A, name: 'Test Primary A', cluster: 'North', daysGiven: 3, daysReceived: 6, requestsRaised: 2, commissioned: 2, unmet: 0 },
      { schoolId: s.ids.C, name: 'Test School C', cluster: 'North', daysGiven: 4, daysReceived: 0, requestsRaised: 2, commissioned: 1, unmet: 2 },
      { schoolId: s.ids.D, name: 'Test School D', cluster: 'South', daysGiven: 0, daysReceived: 0, requestsRaised: 2, commissioned: 1, unmet: 1 },
    ])
    const graph = await ok('central', '/api/flows')
    const given = balance.items.reduce((n: number, r: { daysGiven: number }) => n + r.daysGiven, 0)
    const received = balance.items.reduce((n: number, r: { daysReceived: number }) => n + r.daysReceived, 0)
    expect([given, received]).toEqual([graph.totals.days, graph.totals.days])
  })

  it('When a head reads the balance, then it is their own row only', async () => {
    const balance = await ok('headC', '/api/flows/balance')
    expect(balance.items).toEqual([{ schoolId: s.ids.C, name: 'Test School C', cluster: 'North', daysGiven: 4, daysReceived: 0, requestsRaised: 2, commissioned: 1, unmet: 2 }])
  })

  it('When filtered to mathematics, then only mathematics requests and work count', async () => {
    const balance = await ok('central', '/api/flows/balance?area=mathematics')
    const byName = Object.fromEntries(balance.items.map((r: { name: string }) => [r.name, r]))
    expect(byName['Test Academy B']).toMatchObject({ daysGiven: 0, daysReceived: 0, requestsRaised: 2, commissioned: 1, unmet: 0 })
    expect(byName['Test School D']).toMatchObject({ requestsRaised: 1, commissioned: 0, unmet: 1 })
  })
})

describe('supply and demand', () => {
  it('When the central team compares supply with demand, then free days are capacity less committed per expertise, and days asked come from open requests', async () => {
    const sd = await ok('central', '/api/flows/supply-demand')
    const rows = sd.items.map((r: Record<string, unknown>) => [r.slug, r.strand, r.experts, r.capacityDays, r.committedDays, r.freeDays, r.openRequests, r.askedDays])
    expect(rows).toEqual([
      ['curriculum', null, 0, 0, 0, 0, 1, 1],
      // eA1: g1's 3 days and the 5 of g7's 6 that its window (15 Dec–31 Jan) charges to spring
      ['reading', 'Curriculum', 1, 6, 8, 0, 1, 2],
      ['early-reading-phonics', 'Curriculum', 1, 3, 4, 0, 0, 0],
      ['mathematics', 'Curriculum', 1, 4, 0, 4, 1, 6],
      ['behaviour-systems', 'Behaviour', 1, 5, 4, 1, 0, 0],
      ['attendance', 'Behaviour', 1, 5, 4, 1, 0, 0],
    ])
  })

  it('When the period is the academic year, then capacity counts each of its three terms', async () => {
    const sd = await ok('central', '/api/flows/supply-demand?period=academic-year&area=reading')
    expect(sd.items).toEqual([
      expect.objectContaining({ slug: 'reading', experts: 1, capacityDays: 18, committedDays: 11, freeDays: 7, openRequests: 1, askedDays: 2 }),
    ])
  })

  it('When a head reads supply and demand, then it is their own staff against their own requests', async () => {
    const sd = await ok('headD', '/api/flows/supply-demand')
    expect(sd.items.map((r: Record<string, unknown>) => [r.slug, r.freeDays, r.askedDays])).toEqual([['mathematics', 0, 6]])
  })
})

describe('left behind', () => {
  it('When the central team looks for who is left behind, then it sees schools with no engagement and requests waiting 14+ days with no offer', async () => {
    const lb = await ok('central', '/api/flows/left-behind')
    expect(lb.schools).toEqual([{ schoolId: s.ids.D, name: 'Test School D', cluster: 'South', reason: 'No expertise given or received in Spring 2027' }])
    expect(lb.requests.map((r: Record<string, unknown>) => [r.requestId, r.title, r.confidential, r.schoolName, r.ageDays, r.liveOffers, r.reason])).toEqual([
      [s.ids.r10, 'Request r10 title', false, 'Test School C', 137, 0, 'Open 137 days with no offer'],
      [s.ids.r8, 'Confidential request', true, 'Test School D', 21, 0, 'Open 21 days with no offer'],
    ])
    expect(lb.requests[0].areas).toEqual([{ slug: 'curriculum', name: 'Curriculum' }])
  })

  it('When the period is last term, then schools quiet then show, and only requests published by its end', async () => {
    const lb = await ok('central', '/api/flows/left-behind?period=last-term')
    expect(lb.schools.map((x: { name: string }) => x.name)).toEqual(['Test School C', 'Test School D'])
    expect(lb.requests.map((r: { requestId: string }) => r.requestId)).toEqual([s.ids.r10])
  })

  it('When a head of a busy school looks, then nothing of theirs is left behind', async () => {
    const lb = await ok('headA', '/api/flows/left-behind')
    expect([lb.schools, lb.requests]).toEqual([[], []])
  })
})

describe('open requests', () => {
  it('When a head looks at their open requests, then they are listed oldest first with places and offers', async () => {
    const open = await ok('headC', '/api/flows/open-requests')
    expect(open.items.map((r: Record<string, unknown>) => [r.requestId, r.ageDays, r.expertsWanted, r.placesFilled, r.liveOffers])).toEqual([
      [s.ids.r10, 137, 1, 0, 0],
      [s.ids.r9, 5, 1, 0, 1],
    ])
  })
})

describe('time to commission', () => {
  it('When the central team reads time to commission, then it is the median days from publishing to commissioning, per area and overall', async () => {
    const ttc = await ok('central', '/api/flows/time-to-commission')
    expect(ttc.overall).toEqual({ requests: 6, medianDays: 8.5 })
    expect(ttc.items.map((r: Record<string, unknown>) => [r.slug, r.requests, r.medianDays])).toEqual([
      ['reading', 2, 5.5],
      ['early-reading-phonics', 1, 12],
      ['mathematics', 1, 3],
      ['behaviour-systems', 1, 10],
      ['attendance', 1, 20],
    ])
    expect((await ok('central', '/api/flows/time-to-commission?period=last-term')).overall).toEqual({ requests: 1, medianDays: 11 })
    expect((await ok('headB', '/api/flows/time-to-commission')).overall).toEqual({ requests: 2, medianDays: 5 })
    expect((await ok('central', '/api/flows/time-to-commission?area=curriculum')).overall).toEqual({ requests: 4, medianDays: 5.5 })
  })
})

describe('the engagements behind a link', () => {
  it('When the central team opens a link, then it lists the engagements with title, areas, days and status, hiding confidential titles', async () => {
    const detail = await ok('central', `/api/flows/links/${s.ids.C}/${s.ids.A}`)
    expect(detail.from).toEqual({ schoolId: s.ids.C, name: 'Test School C' })
    expect(detail.to).toEqual({ schoolId: s.ids.A, name: 'Test Primary A' })
    expect(detail.items).toEqual([
      {
        engagementId: s.ids.g6, requestId: s.ids.r5, title: 'Confidential request', confidential: true,
        areas: [{ slug: 'early-reading-phonics', name: 'Early reading and phonics' }], termStart: '2027-01-04', days: 2, deliveredDays: 1.5,
        status: 'active', release: 'approved',
      },
    ])
    const year = await ok('central', `/api/flows/links/${s.ids.A}/${s.ids.B}?period=academic-year`)
    expect(year.items.map((r: Record<string, unknown>) => [r.engagementId, r.title, r.termStart, r.days, r.deliveredDays, r.status])).toEqual([
      [s.ids.g7, 'Request r6 title', '2026-09-02', 6, 6, 'completed'],
      [s.ids.g1, 'Request r1 title', '2027-01-04', 3, 2, 'active'],
    ])
    expect((await ok('central', `/api/flows/links/${s.ids.B}/${s.ids.C}`)).items).toEqual([])
  })

  it('When the head of the requesting school opens it, then they read their own confidential title, but never the words', async () => {
    const detail = await ok('headA', `/api/flows/links/${s.ids.C}/${s.ids.A}`)
    expect(detail.items.map((r: Record<string, unknown>) => [r.title, r.confidential])).toEqual([[`${SECRET} phonics recovery`, true]])
    const open = await ok('headD', '/api/flows/open-requests')
    expect(open.items.map((r: Record<string, unknown>) => [r.title, r.confidential])).toEqual([[`${SECRET} maths gap`, true]])
    for (const [ref, url] of [['headA', `/api/flows/links/${s.ids.C}/${s.ids.A}`], ['headD', '/api/flows/open-requests'], ['headD', '/api/flows/left-behind?format=csv']]) {
      const body = (await get(ref!, url!)).body
      for (const words of ['PROBLEM', 'TRIED', 'OUTCOME']) expect(body).not.toContain(`${SECRET}-${words}`)
    }
    const theirs = await ok('headC', '/api/flows/left-behind?period=academic-year')
    expect(JSON.stringify(theirs)).not.toContain(SECRET)
  })

  it('When a head opens a link, then only one touching their school; another trust\'s school is not found', async () => {
    expect((await get('headA', `/api/flows/links/${s.ids.C}/${s.ids.A}`)).statusCode).toBe(200)
    expect((await get('headA', `/api/flows/links/${s.ids.C}/${s.ids.B}`)).statusCode).toBe(403)
    expect((await get('teacherC1', `/api/flows/links/${s.ids.C}/${s.ids.A}`)).statusCode).toBe(403)
    expect((await get('central', `/api/flows/links/${other.ids.A}/${other.ids.B}`)).statusCode).toBe(404)
    expect((await get('central', `/api/flows/links/${s.ids.A}/${other.ids.B}`)).statusCode).toBe(404)
  })
})

const ENDPOINTS = ['/api/flows', '/api/flows/balance', '/api/flows/supply-demand', '/api/flows/left-behind', '/api/flows/time-to-commission', '/api/flows/open-requests']

describe('CSV exports', () => {
  it('When a table is downloaded as CSV, then it is text/csv with a filename and its totals equal the JSON', async () => {
    const csv = async (url: string, ref = 'central') => {
      const res = await get(ref, url)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
      return { rows: csvRows(res.body), disposition: String(res.headers['content-disposition']) }
    }
    const graph = await csv('/api/flows?format=csv')
    expect(graph.disposition).toBe('attachment; filename="flows-schools-spring-2027.csv"')
    expect([sum(graph.rows, 'Days agreed'), sum(graph.rows, 'Days delivered'), sum(graph.rows, 'Engagements')]).toEqual([11, 5.5, 4])
    expect(graph.rows).toContainEqual({ 'Providing school': 'Test School C', 'Receiving school': 'Test Primary A', 'Days agreed': '2', 'Days delivered': '1.5', Engagements: '1' })

    const balanceJson = await ok('central', '/api/flows/balance')
    const balance = await csv('/api/flows/balance?format=csv')
    for (const [column, key] of [['Days given', 'daysGiven'], ['Days received', 'daysReceived'], ['Requests raised', 'requestsRaised'], ['Commissioned', 'commissioned'], ['Unmet', 'unmet']]) {
      expect(sum(balance.rows, column!)).toBe(balanceJson.items.reduce((n: number, r: Record<string, number>) => n + r[key!]!, 0))
    }
    expect(balance.rows).toHaveLength(4)

    const sdJson = await ok('central', '/api/flows/supply-demand')
    const sd = await csv('/api/flows/supply-demand?format=csv')
    for (const [column, key] of [['Free days', 'freeDays'], ['Days asked', 'askedDays'], ['Capacity days', 'capacityDays'], ['Committed days', 'committedDays']]) {
      expect(sum(sd.rows, column!)).toBe(sdJson.items.reduce((n: number, r: Record<string, number>) => n + r[key!]!, 0))
    }

    const lb = await csv('/api/flows/left-behind?format=csv')
    expect(lb.rows.map((r) => [r.What, r.School, r.Request, r['Days waiting']])).toEqual([
      ['School', 'Test School D', '', ''],
      ['Request', 'Test School C', 'Request r10 title', '137'],
      ['Request', 'Test School D', 'Confidential request', '21'],
    ])

    const ttc = await csv('/api/flows/time-to-commission?format=csv')
    expect(ttc.rows.at(-1)).toEqual({ Area: 'All areas', Strand: '', 'Requests commissioned': '6', 'Median days to commission': '8.5' })

    const mine = await csv('/api/flows/open-requests?format=csv', 'headC')
    expect(mine.disposition).toBe('attachment; filename="flows-open-requests-test-school-c-spring-2027.csv"')
    expect(mine.rows.map((r) => r['Days waiting'])).toEqual(['137', '5'])
  })
})

describe('who may read flows', () => {
  it.each(ENDPOINTS)('%s: central and admin read the whole trust, a head their school, a teacher is refused', async (url) => {
    for (const ref of ['central', 'admin']) expect((await ok(ref, url)).scope).toEqual({ schoolId: null, schoolName: null })
    expect((await ok('headB', url)).scope).toEqual({ schoolId: s.ids.B, schoolName: 'Test Academy B' })
    for (const ref of ['teacherA1', 'teacherB1']) {
      for (const suffix of ['', '?format=csv']) {
        const res = await get(ref, `${url}${suffix}`)
        expect(res.statusCode).toBe(403)
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
        expect(res.json()).toMatchObject({ type: '/problems/forbidden', status: 403, title: 'Not allowed' })
      }
    }
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'GET', url: `${url}?period=nonsense` })).statusCode).toBe(401)
  })

  it('When anyone in one trust reads any flows view, then no school, id or request of another trust appears, and no confidential words', async () => {
    const foreignIds = Object.values(other.ids)
    const mineIds = Object.values(s.ids)
    const queries = ['', '?period=academic-year', '?period=custom&from=2020-01-01&to=2030-12-31', '?area=reading']
    for (const [who, ref, forbidden] of [[s, 'central', foreignIds], [s, 'admin', foreignIds], [s, 'headB', foreignIds], [other, 'central', mineIds]] as const) {
      for (const url of ENDPOINTS) {
        for (const q of queries) {
          for (const format of ['', q ? '&format=csv' : '?format=csv']) {
            const res = await get(ref, `${url}${q}${format}`, who)
            expect(res.statusCode, `${ref} ${url}${q}${format}`).toBe(200)
            for (const id of forbidden) expect(res.body).not.toContain(id)
            expect(res.body).not.toContain(who === s ? 'Other ' : 'Test ')
            expect(res.body).not.toContain(SECRET)
          }
        }
      }
    }
    const theirs = await ok('central', '/api/flows', other)
    expect(theirs.links).toEqual([{ from: other.ids.A, to: other.ids.B, days: 7, deliveredDays: 3, engagements: 1 }])
    const detail = await get('central', `/api/flows/links/${s.ids.C}/${s.ids.A}?period=academic-year`)
    expect(detail.body).not.toContain(SECRET)
  })
})

describe('bad filters', () => {
  it.each([
    ['/api/flows?period=custom', [{ path: 'from', message: 'Choose the first day of the period' }, { path: 'to', message: 'Choose the last day of the period' }]],
    ['/api/flows?from=2027-03-01&to=2027-01-01', [{ path: 'to', message: 'The period must end on or after its first day' }]],
    ['/api/flows/balance?period=this-term&from=2027-01-01', [{ path: 'period', message: 'Choose "Dates I choose" to set your own dates' }]],
    ['/api/flows?period=next-year', [{ path: 'period', message: expect.any(String) }]],
    ['/api/flows?from=2027-02-30&to=2027-03-01', [{ path: 'from', message: 'Use a date like 2027-01-12' }]],
    ['/api/flows/supply-demand?area=underwater-basket-weaving', [{ path: 'area', message: 'There is no area "underwater-basket-weaving" in your trust\'s framework' }]],
    ['/api/flows/left-behind?cluster=Atlantis', [{ path: 'cluster', message: 'There is no cluster "Atlantis" in your trust' }]],
  ])('%s answers 400 naming the field', async (url, errors) => {
    const res = await get('central', url)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.json()).toMatchObject({ type: '/problems/validation', status: 400, title: 'Some fields need attention', errors })
  })

  it('When a filter is left empty in a shared link, then it is ignored', async () => {
    expect((await ok('central', '/api/flows?area=&cluster=&school=')).totals).toEqual({ days: 11, deliveredDays: 5.5, engagements: 4 })
  })
})

describe('delivered days', () => {
  it('When an expert logs a session, then the flow shows it delivered; a log removed is taken back out', async () => {
    const small = await seed(
      t.app,
      trustBundle(
        {
          expertise: [{ ref: 'e', person: 'teacherA1', title: 'Reading', summary: 'x', evidence: 'x', areas: ['reading'], capacityDaysPerTerm: 6 }],
          requests: [request('r', 'B', { daysPerExpert: 4, status: 'commissioned', publishedAt: '2027-01-04T00:00:00Z' })],
          offers: [offer('o', 'r', 'e', 4)],
          engagements: [{ ref: 'g', offer: 'o', status: 'active', startedAt: '2027-01-11', daysDelivered: 1 }],
        },
        'Logs',
      ),
    )
    const delivered = async () => (await ok('central', '/api/flows', small)).links.map((l: Link) => l.deliveredDays)
    expect(await delivered()).toEqual([1])
    const logged = await as(t.app, await small.token('teacherA1'))({ method: 'POST', url: `/api/engagements/${small.ids.g}/logs`, payload: { date: '2027-02-01', days: 1.5 } })
    expect(logged.statusCode, logged.body).toBe(201)
    expect(await delivered()).toEqual([2.5])
    expect((await ok('central', `/api/flows/links/${small.ids.A}/${small.ids.B}`, small)).items.map((r: { deliveredDays: number }) => r.deliveredDays)).toEqual([2.5])
    await t.database.db.delete(engagementLogs).where(eq(engagementLogs.engagementId, small.ids.g!)).execute()
    expect(await delivered()).toEqual([0])
  })
})

describe('fresh after every write', () => {
  it('When work is cancelled, a request withdrawn or a school renamed, then the next read of flows shows it, however often it was read before', async () => {
    const small = await seed(
      t.app,
      trustBundle(
        {
          expertise: [{ ref: 'e', person: 'teacherA1', title: 'Reading', summary: 'x', evidence: 'x', areas: ['reading'], capacityDaysPerTerm: 6 }],
          requests: [
            request('r', 'B', { daysPerExpert: 4, status: 'commissioned', publishedAt: '2027-01-04T00:00:00Z' }),
            request('open', 'B', { publishedAt: '2027-01-05T00:00:00Z' }),
          ],
          offers: [offer('o', 'r', 'e', 4)],
          engagements: [{ ref: 'g', offer: 'o', status: 'active', startedAt: '2027-01-11' }],
        },
        'Fresh',
      ),
    )
    const graph = async () => ok('central', '/api/flows', small)
    const unmetAtB = async () => (await ok('central', '/api/flows/balance', small)).items.find((r: { schoolId: string }) => r.schoolId === small.ids.B).unmet
    expect((await graph()).totals).toMatchObject({ days: 4, engagements: 1 })
    expect((await graph()).totals).toMatchObject({ days: 4, engagements: 1 })
    expect(await unmetAtB()).toBe(1)

    const renamed = await as(t.app, await small.token('admin'))({ method: 'PATCH', url: `/api/schools/${small.ids.A}`, payload: { name: 'Renamed Academy A' } })
    expect(renamed.statusCode, renamed.body).toBe(200)
    expect((await graph()).nodes.map((n: { name: string }) => n.name)).toContain('Renamed Academy A')

    const cancelled = await as(t.app, await small.token('teacherA1'))({ method: 'POST', url: `/api/engagements/${small.ids.g}/cancel`, payload: { reason: 'I have moved schools.' } })
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    expect((await graph()).totals).toMatchObject({ days: 0, engagements: 0 })

    const withdrawn = await as(t.app, await small.token('headB'))({ method: 'POST', url: `/api/requests/${small.ids.open}/withdraw` })
    expect(withdrawn.statusCode, withdrawn.body).toBe(200)
    expect(await unmetAtB()).toBe(0)
  })
})
