import { eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditEvents, emailOutbox, expertise, invitations, offers, people } from '../db/schema/index.ts'
import { fixedClock } from '../lib/clock.ts'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, seed, trustBundle, unique } from '../../test/bundle.ts'

const t = useTestApp({ clock: fixedClock('2026-10-15T10:00:00Z') })
let s: Seeded
let other: Seeded

const entry = (ref: string, person: string) => ({
  ref, person, title: `Phonics ${ref}`, summary: 'Helping colleagues with something that matters to them.',
  evidence: 'Phonics screening passes rose from 61% to 88% in two years; the national check shows it.', areas: ['early-reading-phonics'],
  modes: ['coaching' as const], capacityDaysPerTerm: 4,
})

beforeAll(async () => {
  s = await seed(
    t.app,
    trustBundle({
      expertise: [entry('e-a1', 'teacherA1'), entry('e-b1', 'teacherB1')],
      requests: [{
        ref: 'r-1', school: 'B', raisedBy: 'headB', title: 'Early reading', problem: 'Our early reading is behind where we want it.', areas: ['reading'],
        modes: ['coaching'], expertsWanted: 1, daysPerExpert: 2, window: { start: '2026-11-01', end: '2026-12-01' }, status: 'open', publishedAt: '2026-10-01T09:00:00Z',
      }],
      offers: [{ ref: 'o-1', request: 'r-1', expertise: 'e-a1', days: 2, status: 'invited' }],
    }),
  )
  other = await seed(t.app, trustBundle({}, 'Other'))
})

type Opts = Parameters<ReturnType<typeof as>>[0]
const call = async (ref: string, opts: Opts, who: Seeded = s) => as(t.app, await who.token(ref))(opts)
const personRow = async (id: string) => (await t.database.db.select().from(people).where(eq(people.id, id)))[0]!

describe('GET /api/people', () => {
  it("When the admin lists people, then they see everyone of their trust with role, school, activity and availability", async () => {
    const res = await call('admin', { method: 'GET', url: '/api/people' })
    expect(res.statusCode).toBe(200)
    const items = res.json().items
    expect(items.map((p: { id: string }) => p.id).sort()).toEqual(['headA', 'teacherA1', 'teacherA2', 'headB', 'teacherB1', 'central', 'admin'].map((r) => s.ids[r]).sort())
    expect(items.find((p: { id: string }) => p.id === s.ids.teacherA1)).toEqual({
      id: s.ids.teacherA1, email: s.email('teacherA1'), name: 'teacherA1 Test', role: 'teacher', schoolId: s.ids.A, schoolName: 'Test Primary A',
      active: true, paused: false, lastActiveAt: null,
    })
  })

  it('When the admin filters by role, school, activity and words, then only those people come back', async () => {
    const get = async (query: Record<string, string>) => (await call('admin', { method: 'GET', url: '/api/people', query })).json().items.map((p: { id: string }) => p.id).sort()
    expect(await get({ role: 'headteacher' })).toEqual([s.ids.headA, s.ids.headB].sort())
    expect(await get({ school: s.ids.B! })).toEqual([s.ids.headB, s.ids.teacherB1].sort())
    expect(await get({ q: 'teacherA' })).toEqual([s.ids.teacherA1, s.ids.teacherA2].sort())
    expect(await get({ q: '%' })).toEqual([])
    expect(await get({ active: 'false' })).toEqual([])
  })

  it.each(['headA', 'teacherA1', 'central'])('When %s lists people, then 403', async (ref) => {
    const res = await call(ref, { method: 'GET', url: '/api/people' })
    expect(res.statusCode).toBe(403)
    expect(res.json().detail).toBe('Only the trust administrator manages people.')
  })

  it("When another trust's admin lists people, then none of this trust appear", async () => {
    const items = (await call('admin', { method: 'GET', url: '/api/people' }, other)).json().items
    expect(items.map((p: { id: string }) => p.id).sort()).toEqual(['headA', 'teacherA1', 'teacherA2', 'headB', 'teacherB1', 'central', 'admin'].map((r) => other.ids[r]).sort())
  })
})

describe('PATCH /api/people/:id', () => {
  it('When the admin moves a teacher to another school, then their expertise moves with them', async () => {
    const res = await call('admin', { method: 'PATCH', url: `/api/people/${s.ids.teacherB1}`, payload: { schoolId: s.ids.A } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: s.ids.teacherB1, schoolId: s.ids.A, schoolName: 'Test Primary A' })
    const [e] = await t.database.db.select().from(expertise).where(eq(expertise.id, s.ids['e-b1']!))
    expect(e!.schoolId).toBe(s.ids.A)
    const detail = (await call('headB', { method: 'GET', url: `/api/expertise/${s.ids['e-b1']}` })).json()
    expect(detail.school.id).toBe(s.ids.A)
  })

  it('When the admin makes a teacher the head, then their role changes at once', async () => {
    const res = await call('admin', { method: 'PATCH', url: `/api/people/${s.ids.teacherA2}`, payload: { role: 'headteacher' } })
    expect(res.statusCode).toBe(200)
    expect(res.json().role).toBe('headteacher')
    const me = (await call('teacherA2', { method: 'GET', url: '/api/me' })).json()
    expect(me.person.role).toBe('headteacher')
    const back = await call('admin', { method: 'PATCH', url: `/api/people/${s.ids.teacherA2}`, payload: { role: 'teacher' } })
    expect(back.json().role).toBe('teacher')
  })

  it('When the admin deactivates a teacher, then their session ends, their entries leave the directory, their invitations are declined and their history stays', async () => {
    const token = await s.token('teacherA1')
    expect((await as(t.app, token)({ method: 'GET', url: '/api/me' })).statusCode).toBe(200)
    const inDirectory = async () => (await call('headB', { method: 'GET', url: '/api/expertise', query: { q: 'phonics' } })).json().items.map((c: { expertise: { id: string } }) => c.expertise.id)
    expect(await inDirectory()).toContain(s.ids['e-a1'])

    const res = await call('admin', { method: 'PATCH', url: `/api/people/${s.ids.teacherA1}`, payload: { active: false } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ active: false })
    expect((await as(t.app, token)({ method: 'GET', url: '/api/me' })).statusCode).toBe(401)
    expect(await inDirectory()).not.toContain(s.ids['e-a1'])
    const [offer] = await t.database.db.select().from(offers).where(eq(offers.id, s.ids['o-1']!))
    expect(offer).toMatchObject({ status: 'declined', closedReason: 'deactivated' })
    const [e] = await t.database.db.select().from(expertise).where(eq(expertise.id, s.ids['e-a1']!))
    expect(e).toMatchObject({ archivedAt: null, personId: s.ids.teacherA1 })
    expect((await call('headB', { method: 'GET', url: `/api/expertise/${s.ids['e-a1']}` })).json().person.paused).toBe(true)
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, s.ids.teacherA1!))).map((x) => x.action)
    expect(actions).toContain('person.deactivated')

    const back = await call('admin', { method: 'PATCH', url: `/api/people/${s.ids.teacherA1}`, payload: { active: true } })
    expect(back.json().active).toBe(true)
    expect(await inDirectory()).toContain(s.ids['e-a1'])
  })

  it('When the role and school do not fit together, then 400 names schoolId and nothing changes', async () => {
    const before = await personRow(s.ids.central!)
    const bad = [
      [s.ids.central, { role: 'teacher' }, 'Choose the school this person works at'],
      [s.ids.headB, { role: 'central', schoolId: s.ids.B }, 'Central team and administrators do not belong to a school'],
      [s.ids.headB, { schoolId: other.ids.A }, 'Choose a school of your trust'],
    ] as const
    for (const [id, payload, message] of bad) {
      const res = await call('admin', { method: 'PATCH', url: `/api/people/${id}`, payload })
      expect(res.statusCode).toBe(400)
      expect(res.json().errors).toEqual([{ path: 'schoolId', message }])
    }
    expect(await personRow(s.ids.central!)).toEqual(before)
    expect((await personRow(s.ids.headB!)).schoolId).toBe(s.ids.B)
  })

  it('When a teacher becomes central team, then they leave their school', async () => {
    const res = await call('admin', { method: 'PATCH', url: `/api/people/${s.ids.teacherA2}`, payload: { role: 'central' } })
    expect(res.json()).toMatchObject({ role: 'central', schoolId: null })
    expect((await call('admin', { method: 'PATCH', url: `/api/people/${s.ids.teacherA2}`, payload: { role: 'teacher', schoolId: s.ids.A } })).json()).toMatchObject({ role: 'teacher', schoolId: s.ids.A })
  })

  it('When the admin tries to deactivate themselves or drop their own role, then 409 and nothing changes', async () => {
    for (const payload of [{ active: false }, { role: 'central' }]) {
      const res = await call('admin', { method: 'PATCH', url: `/api/people/${s.ids.admin}`, payload })
      expect(res.statusCode).toBe(409)
      expect(res.json().detail).toBe('You cannot deactivate yourself or change your own role. Ask another trust administrator to do it.')
    }
    expect(await personRow(s.ids.admin!)).toMatchObject({ active: true, role: 'admin' })
  })

  it.each([
    ['headA', 'teacherA2'],
    ['headA', 'teacherB1'],
    ['teacherA2', 'teacherA2'],
    ['central', 'headB'],
  ])('When %s changes %s, then 403 and nothing changes', async (ref, target) => {
    const before = await personRow(s.ids[target]!)
    const res = await call(ref, { method: 'PATCH', url: `/api/people/${s.ids[target]}`, payload: { role: 'admin', schoolId: null } })
    expect(res.statusCode).toBe(403)
    expect(await personRow(s.ids[target]!)).toEqual(before)
  })

  // Another trust's admin gets 404, as for a missing id; other roles can never change a person, so they get 403
  // before any lookup, again exactly as for a missing id (docs/design.md §10).
  it.each([['headA', 403], ['teacherA1', 403], ['central', 403], ['admin', 404]] as const)("When %s of another trust changes this trust's person, then %i and nothing changes", async (ref, status) => {
    const before = await personRow(s.ids.teacherA2!)
    const res = await call(ref, { method: 'PATCH', url: `/api/people/${s.ids.teacherA2}`, payload: { active: false } }, other)
    expect(res.statusCode).toBe(status)
    expect((await call(ref, { method: 'PATCH', url: '/api/people/00000000-0000-4000-8000-000000000000', payload: { active: false } }, other)).statusCode).toBe(status)
    expect(await personRow(s.ids.teacherA2!)).toEqual(before)
  })
})

describe('POST /api/invitations/import', () => {
  it('When the admin invites from a CSV, then good lines are invited (with an e-mail each) and each bad line says why', async () => {
    const u = unique()
    const fresh = (n: string) => `${n}.${u}@example.org`
    const urnA = s.bundle.schools![0]!.urn
    const csv = [
      'email,role,school_urn',
      `${fresh('new.teacher')},teacher,${urnA}`,
      `${fresh('new.central')},Central team,`,
      'not-an-email,teacher,' + urnA,
      `${fresh('odd')},governor,`,
      `${fresh('nourn')},teacher,`,
      `${fresh('foreign')},headteacher,${other.bundle.schools![0]!.urn}`,
      `${s.email('headB')},teacher,${urnA}`,
      `${fresh('NEW.TEACHER')},teacher,${urnA}`,
    ].join('\n')
    const res = await call('admin', { method: 'POST', url: '/api/invitations/import', payload: { csv } })
    expect(res.statusCode).toBe(200)
    const report = res.json()
    expect(report.counts).toEqual({ invited: 2, refused: 6 })
    expect(report.rows.map((r: { line: number; status: string; reasons: string[] }) => [r.line, r.status, r.reasons])).toEqual([
      [2, 'invited', []],
      [3, 'invited', []],
      [4, 'refused', ['"not-an-email" is not an e-mail address']],
      [5, 'refused', ['The role "governor" is not one of headteacher, teacher, central or admin']],
      [6, 'refused', ['A teacher needs the URN of their school in school_urn']],
      [7, 'refused', [`No school of your trust has URN ${other.bundle.schools![0]!.urn}`]],
      [8, 'refused', ['Someone in your trust already has an account with this e-mail; send them a reset link instead']],
      [9, 'refused', ['This e-mail appears twice in the file (also on line 2)']],
    ])
    expect(report.rows[0]).toEqual({ line: 2, email: fresh('new.teacher'), role: 'teacher', schoolUrn: urnA, status: 'invited', reasons: [] })
    const made = await t.database.db.select().from(invitations).where(inArray(invitations.email, [fresh('new.teacher'), fresh('new.central')]))
    expect(made.map((i) => [i.role, i.schoolId]).sort()).toEqual([['central', null], ['teacher', s.ids.A]])
    const mails = await t.database.db.select().from(emailOutbox).where(inArray(emailOutbox.to, [fresh('new.teacher'), fresh('new.central')]))
    expect(mails).toHaveLength(2)
  })

  // teacherA1's session ended with their deactivation above, so teacherA2 stands in for a teacher.
  it.each(['headA', 'teacherA2', 'central'])('When %s imports invitations, then 403 and nobody is invited', async (ref) => {
    const email = `sneaky.${unique()}@example.org`
    const res = await call(ref, { method: 'POST', url: '/api/invitations/import', payload: { csv: `email,role,school_urn\n${email},admin,` } })
    expect(res.statusCode).toBe(403)
    expect(await t.database.db.select().from(invitations).where(eq(invitations.email, email))).toEqual([])
  })

  it('When the file has no school_urn column, then 400 names csv', async () => {
    const res = await call('admin', { method: 'POST', url: '/api/invitations/import', payload: { csv: 'email,role\na@b.org,teacher' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ path: 'csv', message: 'The file needs the columns email, role, school_urn in its first line; school_urn is missing.' }])
  })
})
