import { and, count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TrustBundleInput } from '@ee/shared/bundle'
import { areas, auditEvents, emailOutbox, expertise, expertiseAreas, notifications, offers, people } from '../db/schema/index.ts'
import { fixedClock } from '../lib/clock.ts'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, seed, trustBundle } from '../../test/bundle.ts'

/** Autumn 2026: the term runs from 2 Sep to 18 Dec 2026 in England's default calendar. */
const t = useTestApp({ clock: fixedClock('2026-10-15T10:00:00Z') })
let s: Seeded
let other: Seeded

const EVIDENCE = 'Year 1 phonics screening passes rose from 61% to 88% at our school over two years; we know from the national check.'
const entry = (ref: string, person: string, extra: Record<string, unknown> = {}) => ({
  ref, person, title: `Entry ${ref}`, summary: 'Helping colleagues with something that matters to them.', evidence: EVIDENCE,
  areas: ['early-reading-phonics'], subjects: ['english'], phases: ['primary' as const], modes: ['coaching' as const], capacityDaysPerTerm: 6, ...extra,
})
const request = (ref: string, window: { start: string; end: string }, status: 'open' | 'commissioned' = 'commissioned') => ({
  ref, school: 'B', raisedBy: 'headB', title: `Request ${ref}`, problem: 'Our early reading is behind where we want it to be.', areas: ['reading'],
  modes: ['coaching' as const], expertsWanted: 1, daysPerExpert: 3, window, status, publishedAt: '2026-09-05T09:00:00Z',
})
const AUTUMN = { start: '2026-10-01', end: '2026-12-15' }

function bundle(): TrustBundleInput {
  return trustBundle({
    expertise: [
      entry('e-phonics', 'teacherA1'),
      entry('e-head', 'headA', { areas: ['senior-leadership'], capacityDaysPerTerm: 3, evidence: 'Led our school out of special measures in two years; the inspection report says so.' }),
      entry('e-b', 'teacherB1', { areas: ['mathematics'] }),
    ],
    requests: [
      request('r-active', AUTUMN), request('r-refused', AUTUMN), request('r-spring', { start: '2027-01-10', end: '2027-03-20' }),
      request('r-done', { start: '2026-09-10', end: '2026-10-10' }), request('r-invite', AUTUMN, 'open'),
    ],
    offers: [
      { ref: 'o-active', request: 'r-active', expertise: 'e-phonics', days: 2, status: 'accepted' },
      { ref: 'o-refused', request: 'r-refused', expertise: 'e-phonics', days: 3, status: 'accepted' },
      { ref: 'o-spring', request: 'r-spring', expertise: 'e-phonics', days: 1, status: 'accepted' },
      { ref: 'o-done', request: 'r-done', expertise: 'e-phonics', days: 1, status: 'accepted' },
      { ref: 'o-invite', request: 'r-invite', expertise: 'e-phonics', days: 2, status: 'invited' },
    ],
    engagements: [
      { ref: 'g-active', offer: 'o-active', status: 'active', release: 'approved' },
      { ref: 'g-refused', offer: 'o-refused', status: 'active', release: 'refused' },
      { ref: 'g-spring', offer: 'o-spring', status: 'active', release: 'approved' },
      { ref: 'g-done', offer: 'o-done', status: 'completed', release: 'approved', completedAt: '2026-10-09', impact: 4, headReflection: 'Good', expertReflection: 'Good' },
    ],
  })
}

beforeAll(async () => {
  s = await seed(t.app, bundle())
  other = await seed(t.app, trustBundle({ expertise: [entry('e-x', 'teacherA1')] }, 'Other'))
})

type Opts = Parameters<ReturnType<typeof as>>[0]
const call = async (ref: string, opts: Opts, who: Seeded = s) => as(t.app, await who.token(ref))(opts)
const row = async (id: string) => (await t.database.db.select().from(expertise).where(eq(expertise.id, id)))[0]!
const entriesOf = async (personId: string) => (await t.database.db.select({ n: count() }).from(expertise).where(eq(expertise.personId, personId)))[0]!.n
const retire = async (who: Seeded, slug: string) => {
  const [a] = await t.database.db.select().from(areas).where(and(eq(areas.trustId, who.ids.t!), eq(areas.slug, slug)))
  const res = await call('central', { method: 'PATCH', url: `/api/areas/${a!.id}`, payload: { retired: true } }, who)
  expect(res.statusCode).toBe(200)
}

const body = (extra: Record<string, unknown> = {}) => ({
  title: 'Improving KS2 writing', summary: 'I can help a school rebuild its writing curriculum from Year 3 to Year 6.',
  evidence: 'At Test Primary A our KS2 writing at expected standard rose from 58% to 79% in two years (moderated teacher assessment).',
  areas: ['curriculum-design', 'curriculum'], subjects: ['English', 'english'], phases: ['primary'], modes: ['fresh_eyes', 'coaching'],
  capacityDaysPerTerm: 5, ...extra,
})

describe('POST /api/expertise', () => {
  it.each(['headA', 'teacherA1'])('When %s registers expertise, then it is theirs, tagged, with its days free this term', async (ref) => {
    const res = await call(ref, { method: 'POST', url: '/api/expertise', payload: body() })
    expect(res.statusCode).toBe(201)
    const e = res.json()
    expect(e).toMatchObject({
      personId: s.ids[ref], schoolId: s.ids.A, title: 'Improving KS2 writing', subjects: ['english'], phases: ['primary'],
      modes: ['fresh_eyes', 'coaching'], capacityDaysPerTerm: 5, active: true, archived: false, daysCommitted: 0, daysFree: 5,
    })
    expect(e.areas).toEqual([{ slug: 'curriculum', name: 'Curriculum', retired: false }, { slug: 'curriculum-design', name: 'Curriculum design', retired: false }])
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'expertise.created'), eq(auditEvents.objectId, e.id)))
    expect(events).toHaveLength(1)
  })

  it.each(['central', 'admin'])('When %s tries to register expertise, then 403 and nothing is stored', async (ref) => {
    const res = await call(ref, { method: 'POST', url: '/api/expertise', payload: body() })
    expect(res.statusCode).toBe(403)
    expect(res.json().detail).toBe('Only headteachers and teachers register expertise.')
    expect(await entriesOf(s.ids[ref]!)).toBe(0)
  })

  it('When the evidence is missing, then 400 tells the teacher what evidence to give, and nothing is stored', async () => {
    const before = await entriesOf(s.ids.teacherA2!)
    const res = await call('teacherA2', { method: 'POST', url: '/api/expertise', payload: body({ evidence: 'Good results' }) })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({
      type: '/problems/validation',
      title: 'Some fields need attention',
      errors: [{ path: 'evidence', message: 'Tell us what changed, where, and how you know it (at least 40 characters)' }],
    })
    expect(await entriesOf(s.ids.teacherA2!)).toBe(before)
  })

  it('When capacity, areas and modes are out of bounds, then each field is named', async () => {
    const res = await call('teacherA2', { method: 'POST', url: '/api/expertise', payload: body({ capacityDaysPerTerm: 61, areas: [], modes: [] }) })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'capacityDaysPerTerm', message: 'Offer at most 60 days a term' },
        { path: 'areas', message: 'Choose at least one area of the framework' },
        { path: 'modes', message: 'Choose at least one way you could help' },
      ]),
    )
  })

  it("When an area is not in the trust's framework, then 400 names areas[i]", async () => {
    const res = await call('teacherA2', { method: 'POST', url: '/api/expertise', payload: body({ areas: ['reading', 'underwater-basket-weaving'] }) })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ path: 'areas[1]', message: 'There is no area "underwater-basket-weaving" in your trust\'s framework' }])
  })
})

describe('a retired area', () => {
  it('When an area is retired, then it cannot be chosen for new expertise, but it stays on the old entry, which can still be edited', async () => {
    const created = await call('teacherA2', { method: 'POST', url: '/api/expertise', payload: body({ areas: ['humanities'] }) })
    expect(created.statusCode).toBe(201)
    await retire(s, 'humanities')

    const refused = await call('teacherA2', { method: 'POST', url: '/api/expertise', payload: body({ areas: ['reading', 'humanities'] }) })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().errors).toEqual([{ path: 'areas[1]', message: '"Humanities" has been retired from the framework; choose another area' }])

    const old = await call('teacherA2', { method: 'GET', url: `/api/expertise/${created.json().id}` })
    expect(old.json().expertise.areas).toEqual([{ slug: 'humanities', name: 'Humanities', retired: true }])

    const kept = await call('teacherA2', { method: 'PATCH', url: `/api/expertise/${created.json().id}`, payload: { areas: ['humanities', 'reading'], title: 'Still humanities' } })
    expect(kept.statusCode).toBe(200)
    expect(kept.json().areas.map((a: { slug: string }) => a.slug)).toEqual(['reading', 'humanities'])

    const entryB = (await call('teacherB1', { method: 'GET', url: '/api/expertise/mine' })).json().items[0].id
    const added = await call('teacherB1', { method: 'PATCH', url: `/api/expertise/${entryB}`, payload: { areas: ['mathematics', 'humanities'] } })
    expect(added.statusCode).toBe(400)
    expect(added.json().errors).toEqual([{ path: 'areas[1]', message: '"Humanities" has been retired from the framework; choose another area' }])
  })

  it('When a whole strand is retired, then its areas cannot be chosen anew either', async () => {
    await retire(s, 'behaviour')
    const res = await call('teacherA2', { method: 'POST', url: '/api/expertise', payload: body({ areas: ['attendance'] }) })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ path: 'areas[0]', message: '"Attendance" has been retired from the framework; choose another area' }])
  })
})

describe('GET /api/expertise/mine and days this term', () => {
  it('When a teacher lists their expertise, then each entry counts only active and completed engagements of this term whose release was not refused', async () => {
    const res = await call('teacherA1', { method: 'GET', url: '/api/expertise/mine' })
    expect(res.statusCode).toBe(200)
    const phonics = res.json().items.find((e: { id: string }) => e.id === s.ids['e-phonics'])
    expect(phonics).toMatchObject({ capacityDaysPerTerm: 6, daysCommitted: 3, daysFree: 3 })
    expect(res.json().term).toEqual({ label: 'Autumn 2026', start: '2026-09-02', end: '2026-12-18' })
  })

  it.each(['central', 'admin'])('When %s lists their expertise, then the list is empty', async (ref) => {
    const res = await call(ref, { method: 'GET', url: '/api/expertise/mine' })
    expect(res.statusCode).toBe(200)
    expect(res.json().items).toEqual([])
  })
})

describe('GET /api/expertise/:id', () => {
  it.each([
    ['headA', 0],
    ['teacherA2', 0],
    ['teacherB1', 11.6],
    ['headB', 11.6],
    ['central', null],
    ['admin', null],
  ] as const)('When %s opens an entry, then they see it with the expert, their school and the distance (%s km)', async (ref, km) => {
    const res = await call(ref, { method: 'GET', url: `/api/expertise/${s.ids['e-phonics']}` })
    expect(res.statusCode).toBe(200)
    const d = res.json()
    expect(d.expertise).toMatchObject({ id: s.ids['e-phonics'], evidence: EVIDENCE, daysCommitted: 3, daysFree: 3 })
    expect(d.person).toMatchObject({ id: s.ids.teacherA1, name: 'teacherA1 Test', paused: false })
    expect(d.school).toEqual({ id: s.ids.A, name: 'Test Primary A', clusterName: 'North' })
    expect(d.distanceKm).toBe(km)
  })

  it.each(['headA', 'teacherA1', 'central', 'admin'])("When %s of another trust opens this trust's entry, then 404", async (ref) => {
    const res = await call(ref, { method: 'GET', url: `/api/expertise/${s.ids['e-phonics']}` }, other)
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ status: 404, title: 'Not found', detail: 'We could not find that expertise entry. It may have been removed, or the link may be wrong.' })
  })

  it('When the id is not an id, then 400 names id', async () => {
    const res = await call('headA', { method: 'GET', url: '/api/expertise/not-an-id' })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ path: 'id', message: 'Must be a valid id' }])
  })
})

describe('PATCH /api/expertise/:id', () => {
  it('When the owner edits and pauses their entry, then it changes, moves its updated time, and is audited', async () => {
    const id = s.ids['e-head']!
    const before = await row(id)
    const res = await call('headA', { method: 'PATCH', url: `/api/expertise/${id}`, payload: { title: 'Leading a school out of special measures', capacityDaysPerTerm: 2, active: false } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ title: 'Leading a school out of special measures', capacityDaysPerTerm: 2, active: false, daysFree: 2 })
    expect((await row(id)).updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime())
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, id))).map((e) => e.action)
    expect(actions).toContain('expertise.paused')
    const resumed = await call('headA', { method: 'PATCH', url: `/api/expertise/${id}`, payload: { active: true } })
    expect(resumed.json().active).toBe(true)
  })

  it.each(['teacherA2', 'headA', 'teacherB1', 'headB', 'central', 'admin'])("When %s edits someone else's entry, then 403 and it is unchanged", async (ref) => {
    const id = s.ids['e-phonics']!
    const before = await row(id)
    const res = await call(ref, { method: 'PATCH', url: `/api/expertise/${id}`, payload: { title: 'Hijacked title here' } })
    expect(res.statusCode).toBe(403)
    expect(await row(id)).toEqual(before)
  })

  // Staff of another trust get 404, as for a missing id; central and admin can never edit an entry, so they get
  // 403 before any lookup, again exactly as for a missing id (docs/design.md §10).
  it.each([['headA', 404], ['teacherA1', 404], ['central', 403], ['admin', 403]] as const)("When %s of another trust edits this trust's entry, then %i and it is unchanged", async (ref, status) => {
    const id = s.ids['e-phonics']!
    const before = await row(id)
    expect((await call(ref, { method: 'PATCH', url: `/api/expertise/${id}`, payload: { title: 'Hijacked title here' } }, other)).statusCode).toBe(status)
    expect((await call(ref, { method: 'PATCH', url: '/api/expertise/00000000-0000-4000-8000-000000000000', payload: { title: 'Hijacked title here' } }, other)).statusCode).toBe(status)
    expect(await row(id)).toEqual(before)
  })

  it('When the edit is invalid, then 400 and the entry is unchanged', async () => {
    const id = s.ids['e-phonics']!
    const before = await row(id)
    const res = await call('teacherA1', { method: 'PATCH', url: `/api/expertise/${id}`, payload: { capacityDaysPerTerm: -1, title: 'x' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['capacityDaysPerTerm', 'title'])
    expect(await row(id)).toEqual(before)
  })
})

describe('DELETE /api/expertise/:id (archive)', () => {
  it('When someone other than the owner archives an entry, then 403 (same trust, or a role that never can) or 404 (other trust), and it stays', async () => {
    const id = s.ids['e-b']!
    for (const ref of ['headB', 'teacherA1', 'central', 'admin']) expect((await call(ref, { method: 'DELETE', url: `/api/expertise/${id}` })).statusCode).toBe(403)
    for (const ref of ['headA', 'teacherA1']) expect((await call(ref, { method: 'DELETE', url: `/api/expertise/${id}` }, other)).statusCode).toBe(404)
    for (const ref of ['central', 'admin']) expect((await call(ref, { method: 'DELETE', url: `/api/expertise/${id}` }, other)).statusCode).toBe(403)
    expect((await row(id)).archivedAt).toBeNull()
  })

  it('When the owner archives an entry, then it is archived, gone for others, kept for the owner and central, and cannot be edited', async () => {
    const created = (await call('teacherB1', { method: 'POST', url: '/api/expertise', payload: body({ title: 'To be archived' }) })).json()
    const res = await call('teacherB1', { method: 'DELETE', url: `/api/expertise/${created.id}` })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: created.id, archived: true, active: false })
    expect((await call('teacherB1', { method: 'GET', url: `/api/expertise/${created.id}` })).statusCode).toBe(200)
    expect((await call('central', { method: 'GET', url: `/api/expertise/${created.id}` })).statusCode).toBe(200)
    expect((await call('headA', { method: 'GET', url: `/api/expertise/${created.id}` })).statusCode).toBe(404)
    const mine = (await call('teacherB1', { method: 'GET', url: '/api/expertise/mine' })).json().items.map((e: { id: string }) => e.id)
    expect(mine).not.toContain(created.id)
    const again = await call('teacherB1', { method: 'DELETE', url: `/api/expertise/${created.id}` })
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toBe('This entry is archived already.')
    const edit = await call('teacherB1', { method: 'PATCH', url: `/api/expertise/${created.id}`, payload: { title: 'Back again please' } })
    expect(edit.statusCode).toBe(409)
    expect(edit.json().detail).toBe('This entry is archived, so it can no longer be changed. Add a new entry instead.')
    expect((await t.database.db.select().from(expertiseAreas).where(eq(expertiseAreas.expertiseId, created.id))).length).toBe(2)
  })
})

describe('PATCH /api/me/availability', () => {
  it('When a teacher pauses all availability, then their open invitations are declined in the same step, and resuming brings them back', async () => {
    const res = await call('teacherA1', { method: 'PATCH', url: '/api/me/availability', payload: { paused: true } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ paused: true, pausedAt: '2026-10-15T10:00:00.000Z', declinedInvitations: 1 })
    const [invite] = await t.database.db.select().from(offers).where(eq(offers.id, s.ids['o-invite']!))
    expect(invite).toMatchObject({ status: 'declined', closedReason: 'paused' })
    const toHeadB = await t.database.db.select().from(notifications).where(eq(notifications.personId, s.ids.headB!))
    const told = toHeadB.filter((n) => n.kind === 'invitation_declined')
    // Work under way for headB's school is marked too, and headB told what they can do (docs/decisions/012-people-who-leave.md).
    expect(toHeadB.filter((n) => n.kind === 'expert_away').map((n) => n.title)).toContain('teacherA1 Test is away: “Request r-active”')
    expect(told).toEqual([
      expect.objectContaining({
        kind: 'invitation_declined', delivery: 'digest', digestedAt: null, link: `/requests/${s.ids['r-invite']}`, title: 'teacherA1 Test cannot help with “Request r-invite” just now',
        // Then who is next (never teacherA1, who was asked): whichever free entries the other stories here have left.
        body: expect.stringMatching(/^teacherA1 Test has paused their availability for now, so your invitation was declined for them\.\n\nThe next suggestions? still free (is|are) (?!.*teacherA1).+\. Open the request to invite one with one click\.$/),
      }),
    ])
    // A declined invitation comes in the head's daily digest by default, not as an e-mail at once.
    const mailed = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, s.email('headB')))
    expect(mailed.filter((m) => m.subject.includes('cannot help'))).toHaveLength(0)
    const [accepted] = await t.database.db.select().from(offers).where(eq(offers.id, s.ids['o-active']!))
    expect(accepted!.status).toBe('accepted')
    const profile = (await call('teacherA1', { method: 'GET', url: '/api/me/profile' })).json()
    expect(profile.person).toMatchObject({ paused: true, pausedAt: '2026-10-15T10:00:00.000Z' })
    expect((await call('headB', { method: 'GET', url: `/api/expertise/${s.ids['e-phonics']}` })).json().person.paused).toBe(true)

    const resumed = await call('teacherA1', { method: 'PATCH', url: '/api/me/availability', payload: { paused: false } })
    expect(resumed.json()).toEqual({ paused: false, pausedAt: null, declinedInvitations: 0 })
    const [person] = await t.database.db.select().from(people).where(eq(people.id, s.ids.teacherA1!))
    expect(person!.pausedAt).toBeNull()
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, s.ids.teacherA1!))).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['availability.paused', 'availability.resumed']))
  })

  it.each(['central', 'admin'])('When %s tries to pause availability, then 403 and nothing changes', async (ref) => {
    const res = await call(ref, { method: 'PATCH', url: '/api/me/availability', payload: { paused: true } })
    expect(res.statusCode).toBe(403)
    const [person] = await t.database.db.select().from(people).where(eq(people.id, s.ids[ref]!))
    expect(person!.pausedAt).toBeNull()
  })

  it('When the body is not a yes or no, then 400 names paused', async () => {
    const res = await call('headA', { method: 'PATCH', url: '/api/me/availability', payload: { paused: 'maybe' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0].path).toBe('paused')
  })
})

describe('GET /api/me/profile', () => {
  it.each(['headA', 'teacherA1', 'teacherB1'])('When %s opens their profile, then they see their entries, availability and school', async (ref) => {
    const res = await call(ref, { method: 'GET', url: '/api/me/profile' })
    expect(res.statusCode).toBe(200)
    const p = res.json()
    expect(p.person).toMatchObject({ id: s.ids[ref], paused: false })
    expect(p.school).toMatchObject({ id: ref.endsWith('B1') ? s.ids.B : s.ids.A, releaseDaysPerTerm: 10 })
    expect(p.expertise.length).toBeGreaterThan(0)
    expect(p.term.label).toBe('Autumn 2026')
  })

  it('When the teacher with commitments opens their profile, then the totals add up', async () => {
    const p = (await call('teacherA1', { method: 'GET', url: '/api/me/profile' })).json()
    const phonics = p.expertise.find((e: { id: string }) => e.id === s.ids['e-phonics'])
    expect(phonics).toMatchObject({ daysCommitted: 3, daysFree: 3 })
    expect(p.totals.committed).toBeGreaterThanOrEqual(3)
  })

  it.each(['central', 'admin'])('When %s opens their profile, then they see no school and no entries', async (ref) => {
    const p = (await call(ref, { method: 'GET', url: '/api/me/profile' })).json()
    expect(p).toMatchObject({ school: null, expertise: [], totals: { capacity: 0, committed: 0, free: 0 } })
  })
})
