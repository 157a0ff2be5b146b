import { beforeAll, describe, expect, it } from 'vitest'
import type { TrustBundleInput } from '@ee/shared/bundle'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, seed, trustBundle } from '../../test/bundle.ts'
import { fixedClock } from '../lib/clock.ts'

const t = useTestApp({ clock: fixedClock('2026-12-01T09:00:00Z') })

const entry = (ref: string, person: string, title: string, areas: string[], extra: Partial<NonNullable<TrustBundleInput['expertise']>[number]> = {}) => ({
  ref, person, title, summary: `${title}. I coach teams and model sessions in class.`, evidence: `${title}: outcomes rose by 15 points over two years.`,
  areas, phases: ['primary' as const], modes: ['coaching' as const, 'implementation' as const], capacityDaysPerTerm: 5, ...extra,
})

const window = { start: '2027-01-11', end: '2027-03-26' }
let s: Seeded
let other: Seeded
beforeAll(async () => {
  s = await seed(
    t.app,
    trustBundle({
      expertise: [
        entry('e-phonics-b', 'teacherB1', 'Phonics keep-up and the screening check', ['early-reading-phonics']),
        entry('e-phonics-a', 'teacherA1', 'Phonics at our own school', ['early-reading-phonics']),
        entry('e-phonics-full', 'headB', 'Phonics catch-up for Year 2', ['early-reading-phonics'], { capacityDaysPerTerm: 0 }),
        entry('e-maths-b', 'headB', 'Times tables fluency', ['mathematics']),
      ],
      requests: [
        { ref: 'r-1', school: 'A', raisedBy: 'headA', title: 'Too many pupils miss the phonics screening check', problem: 'Year 1 phonics results have fallen and keep-up sessions are patchy.', areas: ['early-reading-phonics'], phases: ['primary'], modes: ['coaching'], expertsWanted: 1, daysPerExpert: 2, window, status: 'open', publishedAt: '2026-11-10T09:00:00Z' },
        { ref: 'r-b', school: 'B', raisedBy: 'headB', title: 'Phonics for new staff', problem: 'Our new staff need phonics training and keep-up coaching.', areas: ['early-reading-phonics'], phases: ['primary'], modes: ['coaching'], expertsWanted: 1, daysPerExpert: 2, window, status: 'open', publishedAt: '2026-11-10T09:00:00Z' },
      ],
    }),
  )
  other = await seed(t.app, trustBundle({ expertise: [entry('e-x', 'teacherB1', 'Phonics keep-up and the screening check', ['early-reading-phonics'])] }, 'Other'))
})

describe('GET /api/requests/:id/matches', () => {
  it('When the requesting head asks, then experts from other schools come best first with reasons, never their own school or anyone without days', async () => {
    const res = await as(t.app, await s.token('headA'))({ method: 'GET', url: `/api/requests/${s.ids['r-1']}/matches?limit=10` })
    expect(res.statusCode).toBe(200)
    const list = res.json<{ expertise: { id: string }; person: { name: string }; school: { name: string; distanceKm: number }; reasons: string[] }[]>()
    const ids = list.map((m) => m.expertise.id)
    expect(ids[0]).toBe(s.ids['e-phonics-b'])
    expect(ids).not.toContain(s.ids['e-phonics-a'])
    expect(ids).not.toContain(s.ids['e-phonics-full'])
    expect(ids).not.toContain(other.ids['e-x'])
    expect(list[0]!.person.name).toBe('teacherB1 Test')
    expect(list[0]!.school.name).toBe('Test Academy B')
    expect(list[0]!.school.distanceKm).toBeGreaterThan(5)
    expect(list[0]!.reasons.join(' ')).toMatch(/days? free/)
  })

  it.each([['teacherA1', 403], ['headB', 403], ['central', 403], ['admin', 403]])('When %s asks, then %i', async (ref, status) => {
    const res = await as(t.app, await s.token(ref))({ method: 'GET', url: `/api/requests/${s.ids['r-1']}/matches` })
    expect(res.statusCode).toBe(status)
  })

  it('When another trust asks, then 404, as for a missing request', async () => {
    const res = await as(t.app, await other.token('headA'))({ method: 'GET', url: `/api/requests/${s.ids['r-1']}/matches` })
    expect(res.statusCode).toBe(404)
  })

  it('When the limit is out of range, then 400 names it', async () => {
    const res = await as(t.app, await s.token('headA'))({ method: 'GET', url: `/api/requests/${s.ids['r-1']}/matches?limit=500` })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0].path).toBe('limit')
  })

  it('When an entry changes, then the next ranking sees it (the index is kept fresh on writes)', async () => {
    const head = as(t.app, await s.token('headA'))
    await head({ method: 'GET', url: `/api/requests/${s.ids['r-1']}/matches` })
    const teacher = as(t.app, await s.token('teacherB1'))
    const paused = await teacher({ method: 'PATCH', url: '/api/me/availability', payload: { paused: true } })
    expect(paused.statusCode).toBe(200)
    const after = await head({ method: 'GET', url: `/api/requests/${s.ids['r-1']}/matches` })
    expect(after.json().map((m: { expertise: { id: string } }) => m.expertise.id)).not.toContain(s.ids['e-phonics-b'])
    await teacher({ method: 'PATCH', url: '/api/me/availability', payload: { paused: false } })
    const back = await head({ method: 'GET', url: `/api/requests/${s.ids['r-1']}/matches` })
    expect(back.json()[0].expertise.id).toBe(s.ids['e-phonics-b'])
  })
  it('When the head edits the request or an expert is renamed, then the next suggestions follow', async () => {
    const head = as(t.app, await s.token('headA'))
    const ids = async () => (await head({ method: 'GET', url: `/api/requests/${s.ids['r-1']}/matches` })).json().map((m: { expertise: { id: string } }) => m.expertise.id)
    expect((await ids())[0]).toBe(s.ids['e-phonics-b'])
    const version = async () => (await head({ method: 'GET', url: `/api/requests/${s.ids['r-1']}` })).json().version
    const edited = await head({ method: 'PATCH', url: `/api/requests/${s.ids['r-1']}`, payload: { version: await version(), title: 'Times tables are not fluent in Year 4', problem: 'Pupils count on their fingers for multiplication facts.', areas: ['mathematics'] } })
    expect(edited.statusCode, edited.body).toBe(200)
    expect((await ids())[0]).toBe(s.ids['e-maths-b'])

    const renamed = await as(t.app, await s.token('admin'))({ method: 'PATCH', url: `/api/people/${s.ids.headB}`, payload: { name: 'Bea Renamed' } })
    expect(renamed.statusCode, renamed.body).toBe(200)
    const first = (await head({ method: 'GET', url: `/api/requests/${s.ids['r-1']}/matches` })).json()[0]
    expect(first.person).toMatchObject({ id: s.ids.headB, name: 'Bea Renamed' })

    const back = await head({ method: 'PATCH', url: `/api/requests/${s.ids['r-1']}`, payload: { version: await version(), title: 'Too many pupils miss the phonics screening check', problem: 'Year 1 phonics results have fallen and keep-up sessions are patchy.', areas: ['early-reading-phonics'] } })
    expect(back.statusCode, back.body).toBe(200)
    expect((await ids())[0]).toBe(s.ids['e-phonics-b'])
  })
})

describe('why not', () => {
  it('When the head asks about a colleague at their own school, then the rule says so', async () => {
    const res = await as(t.app, await s.token('headA'))({ method: 'GET', url: `/api/requests/${s.ids['r-1']}/why-not?person=${s.ids.teacherA1}` })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.entries[0]).toMatchObject({ status: 'excluded', exclusions: [expect.objectContaining({ rule: 'same_school' })] })
    expect(body.summary).toMatch(/cannot be suggested/)
  })

  it('When the head asks about someone with no days free, then the rule says so', async () => {
    const res = await as(t.app, await s.token('headA'))({ method: 'GET', url: `/api/requests/${s.ids['r-1']}/why-not?expertise=${s.ids['e-phonics-full']}` })
    expect(res.json().entries[0].exclusions.map((x: { rule: string }) => x.rule)).toContain('no_days_free')
  })

  it('When the head asks about someone of another trust, then 404', async () => {
    const res = await as(t.app, await s.token('headA'))({ method: 'GET', url: `/api/requests/${s.ids['r-1']}/why-not?person=${other.ids.teacherB1}` })
    expect(res.statusCode).toBe(404)
  })
})

describe('GET /api/requests/for-me', () => {
  it('When a teacher asks, then open requests of other schools they could help with come with reasons; never their own school’s', async () => {
    const res = await as(t.app, await s.token('teacherA1'))({ method: 'GET', url: '/api/requests/for-me' })
    expect(res.statusCode).toBe(200)
    const list = res.json<{ request: { id: string }; reasons: string[] }[]>()
    expect(list.map((r) => r.request.id)).toEqual([s.ids['r-b']])
    expect(list[0]!.reasons.length).toBeGreaterThan(0)
  })

  it('When the central team asks, then the list is empty (they do not offer help)', async () => {
    const res = await as(t.app, await s.token('central'))({ method: 'GET', url: '/api/requests/for-me' })
    expect(res.json()).toEqual([])
  })
})

describe('closed schools', () => {
  it('When GIAS marks the expert’s school closed, then matching stops suggesting them at once, and suggests them again when it reopens', async () => {
    const b = s.bundle.schools!.find((x) => x.ref === 'B')!
    const importStatus = async (status: string) => {
      const csv = `urn,name,phase,lat,lng,status\n${b.urn},${b.name},${b.phase},${b.lat},${b.lng},${status}\n`
      const res = await as(t.app, await s.token('admin'))({ method: 'POST', url: '/api/schools/import', payload: { csv } })
      expect(res.json().counts.changed).toBe(1)
    }
    const suggested = async () =>
      (await as(t.app, await s.token('headA'))({ method: 'GET', url: `/api/requests/${s.ids['r-1']}/matches?limit=10` })).json<{ expertise: { id: string } }[]>().map((m) => m.expertise.id)
    expect(await suggested()).toContain(s.ids['e-phonics-b'])
    await importStatus('closed')
    expect(await suggested()).not.toContain(s.ids['e-phonics-b'])
    await importStatus('open')
    expect(await suggested()).toContain(s.ids['e-phonics-b'])
  })
})
