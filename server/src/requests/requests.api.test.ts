import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { areas, requests } from '../db/schema/index.ts'
import { useTestApp } from '../../test/app.ts'
import { type Api, type CommissioningSeed, offer, openRequest, requestBody, seedCommissioning, snapshot } from '../../test/commissioning.ts'

const t = useTestApp()
let s: CommissioningSeed
let headA: Api, headB: Api, teacherA1: Api, teacherB1: Api, central: Api, admin: Api
beforeAll(async () => {
  s = await seedCommissioning(t.app)
  ;({ headA, headB, teacherA1, teacherB1, central, admin } = await s.apis('headA', 'headB', 'teacherA1', 'teacherB1', 'central', 'admin'))
})

const ids = (res: { json: () => { items: { id: string }[] } }) => res.json().items.map((r) => r.id)

describe('raising a request', () => {
  it('When a head raises a request, then it is a draft of their school that only they can see', async () => {
    const res = await headA({ method: 'POST', url: '/api/requests', payload: requestBody({ schoolId: s.ids.B, status: 'open' } as never) })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body).toMatchObject({
      status: 'draft', schoolId: s.ids.A, schoolName: 'Test Primary A', raisedBy: { id: s.ids.headA }, version: 1, textHidden: false,
      areas: [{ slug: 'reading', name: 'Reading' }], window: { start: '2027-01-11', end: '2027-03-19' }, termLabel: 'Spring 2027',
      placesFilled: 0, liveOffers: 0, warnings: [], viewer: { isOwner: true, canOffer: false, myOffer: null },
    })
    for (const reader of [headB, teacherA1, teacherB1, central, admin]) {
      expect((await reader({ method: 'GET', url: `/api/requests/${body.id}` })).statusCode).toBe(404)
      expect(ids(await reader({ method: 'GET', url: '/api/requests' }))).not.toContain(body.id)
    }
    expect(ids(await headA({ method: 'GET', url: '/api/requests?status=draft' }))).toContain(body.id)
  })

  it('When the title is missing and experts wanted is 6, then 400 names both fields and nothing is stored', async () => {
    const before = await snapshot(t.database.db, s.ids.t!)
    const res = await headA({ method: 'POST', url: '/api/requests', payload: { ...requestBody({ expertsWanted: 6 }), title: '' } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ type: '/problems/validation', status: 400, title: 'Some fields need attention' })
    expect(res.json().errors).toEqual([
      { path: 'title', message: 'Give the request a title of at least 5 characters' },
      { path: 'expertsWanted', message: 'Ask for at most 5 experts' },
    ])
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
  })

  it('When the areas are unknown or retired, then 400 names each; a request that already had a retired area keeps it', async () => {
    const draft = await headA({ method: 'POST', url: '/api/requests', payload: requestBody({ areas: ['attendance'] }) })
    await t.database.db.update(areas).set({ retiredAt: new Date() }).where(and(eq(areas.trustId, s.ids.t!), eq(areas.slug, 'attendance')))
    try {
      const res = await headA({ method: 'POST', url: '/api/requests', payload: requestBody({ areas: ['reading', 'no-such-area', 'attendance'] }) })
      expect(res.statusCode).toBe(400)
      expect(res.json().errors).toEqual([
        { path: 'areas[1]', message: 'There is no area "no-such-area" in your trust\'s framework' },
        { path: 'areas[2]', message: 'The area "attendance" has been retired; choose another' },
      ])
      const kept = await headA({ method: 'PATCH', url: `/api/requests/${draft.json().id}`, payload: { version: 1, areas: ['attendance', 'reading'] } })
      expect(kept.statusCode).toBe(200)
      expect(kept.json().areas.map((a: { slug: string }) => a.slug).sort()).toEqual(['attendance', 'reading'])
    } finally {
      await t.database.db.update(areas).set({ retiredAt: null }).where(and(eq(areas.trustId, s.ids.t!), eq(areas.slug, 'attendance')))
    }
  })

  it('When the text names a pupil without a UPN or a date of birth, then the head is warned and the request is still saved', async () => {
    const res = await headA({
      method: 'POST', url: '/api/requests',
      payload: requestBody({ problem: 'A pupil called Jayden cannot access the curriculum at all, and we are stuck.' }),
    })
    expect(res.statusCode).toBe(201)
    expect(res.json().warnings.map((w: { kind: string; field: string }) => [w.field, w.kind])).toEqual([['problem', 'pupil_name']])
    expect(res.json().warnings[0].message).toMatch(/never name or identify a child/)
  })

  it('When the central team, an administrator or a teacher tries to raise one, then 403 and nothing is stored', async () => {
    const before = await snapshot(t.database.db, s.ids.t!)
    for (const who of [central, admin, teacherA1]) {
      const res = await who({ method: 'POST', url: '/api/requests', payload: requestBody() })
      expect(res.statusCode).toBe(403)
      expect(res.json()).toMatchObject({ type: '/problems/forbidden', title: 'Not allowed', detail: "Only a school's headteacher raises requests for their school." })
    }
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
  })
})

describe('editing with a version', () => {
  it('When a head edits the copy they loaded, then it saves and the version moves on; a stale copy is 409 and nothing changes', async () => {
    const created = (await headA({ method: 'POST', url: '/api/requests', payload: requestBody() })).json()
    const first = await headA({ method: 'PATCH', url: `/api/requests/${created.id}`, payload: { version: 1, title: 'Reading recovery, Years 7 and 8', expertsWanted: 2 } })
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ title: 'Reading recovery, Years 7 and 8', expertsWanted: 2, version: 2 })
    const [before] = await t.database.db.select().from(requests).where(eq(requests.id, created.id))
    const stale = await headA({ method: 'PATCH', url: `/api/requests/${created.id}`, payload: { version: 1, title: 'An older idea of the title' } })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ status: 409, title: 'That cannot be done now', detail: expect.stringContaining('Someone changed this request since you opened it') })
    const [after] = await t.database.db.select().from(requests).where(eq(requests.id, created.id))
    expect(after).toEqual(before)
  })

  it('When two edits race with the same version, then exactly one wins', async () => {
    const created = (await headA({ method: 'POST', url: '/api/requests', payload: requestBody() })).json()
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => headA({ method: 'PATCH', url: `/api/requests/${created.id}`, payload: { version: 1, title: `Edited title number ${i}` } })),
    )
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409])
  })

  it('When another head edits, then 403; when the request is commissioned, then 409', async () => {
    const id = await openRequest(headA)
    expect((await headB({ method: 'PATCH', url: `/api/requests/${id}`, payload: { version: 2, title: 'Not my request at all' } })).statusCode).toBe(403)
    const offerId = await offer(teacherB1, id, s.ids.eB1!, 1)
    expect((await headA({ method: 'POST', url: `/api/offers/${offerId}/accept` })).statusCode).toBe(200)
    const current = (await headA({ method: 'GET', url: `/api/requests/${id}` })).json()
    expect(current.status).toBe('commissioned')
    const res = await headA({ method: 'PATCH', url: `/api/requests/${id}`, payload: { version: current.version, title: 'Too late to change this' } })
    expect(res.statusCode).toBe(409)
    expect(res.json().detail).toBe('This request is commissioned; only a draft or an open request can be edited.')
  })
})

describe('publishing and withdrawing', () => {
  it('When a head publishes their draft, then it is open and everyone in the trust can read it', async () => {
    const id = await openRequest(headA, { title: 'Publishing makes it visible' })
    for (const reader of [headB, teacherA1, teacherB1, central, admin]) {
      const res = await reader({ method: 'GET', url: `/api/requests/${id}` })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ status: 'open', textHidden: false, problem: expect.stringContaining('Year 7') })
      expect(ids(await reader({ method: 'GET', url: '/api/requests?status=open' }))).toContain(id)
    }
    expect((await teacherB1({ method: 'GET', url: `/api/requests/${id}` })).json().viewer).toEqual({ isOwner: false, canOffer: true, myOffer: null })
    expect((await teacherA1({ method: 'GET', url: `/api/requests/${id}` })).json().viewer.canOffer).toBe(false)
    const again = await headA({ method: 'POST', url: `/api/requests/${id}/publish` })
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toBe('This request is open; only a draft can be published.')
  })

  it('When the window has already passed, then publishing is 409 and the draft stays a draft', async () => {
    const draft = (await headA({ method: 'POST', url: '/api/requests', payload: requestBody({ window: { start: '2020-01-06', end: '2020-02-01' } }) })).json()
    const res = await headA({ method: 'POST', url: `/api/requests/${draft.id}/publish` })
    expect(res.statusCode).toBe(409)
    expect((await headA({ method: 'GET', url: `/api/requests/${draft.id}` })).json().status).toBe('draft')
  })

  it('When a head withdraws an open request, then live offers close with a courteous notice; withdrawing again is 409', async () => {
    const id = await openRequest(headA, { title: 'Withdrawn after an offer' })
    const offerId = await offer(teacherB1, id, s.ids.eB1!)
    const res = await headA({ method: 'POST', url: `/api/requests/${id}/withdraw` })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'withdrawn', liveOffers: 0, closedAt: expect.any(String) })
    const mine = await teacherB1({ method: 'GET', url: `/api/requests/${id}/offers` })
    expect(mine.json().items).toEqual([expect.objectContaining({ id: offerId, status: 'declined', closedReason: 'request_withdrawn' })])
    const inbox = (await teacherB1({ method: 'GET', url: '/api/notifications' })).json().items
    expect(inbox[0]).toMatchObject({ kind: 'offer_closed', title: '“Withdrawn after an offer” has been withdrawn', link: `/requests/${id}` })
    expect((await headA({ method: 'POST', url: `/api/requests/${id}/withdraw` })).statusCode).toBe(409)
  })

  it('When experts are already working on it, then withdrawing is 409', async () => {
    const id = await openRequest(headA, { expertsWanted: 2 })
    const offerId = await offer(teacherB1, id, s.ids.eB1!, 1)
    await headA({ method: 'POST', url: `/api/offers/${offerId}/accept` })
    const res = await headA({ method: 'POST', url: `/api/requests/${id}/withdraw` })
    expect(res.statusCode).toBe(409)
    expect(res.json().detail).toMatch(/Cancel their engagements first/)
  })
})

describe('confidential requests', () => {
  it('When a request is invitation-only, then only its head and the people invited or offering read it; the central team sees that it exists as "Confidential request"', async () => {
    const id = await openRequest(headA, { confidentiality: 'invited', title: 'Sensitive staffing question', problem: 'Our confidential canary text about a department in difficulty.' })
    for (const outsider of [headB, teacherB1, teacherA1]) {
      expect((await outsider({ method: 'GET', url: `/api/requests/${id}` })).statusCode).toBe(404)
      expect(ids(await outsider({ method: 'GET', url: '/api/requests' }))).not.toContain(id)
    }
    for (const team of [central, admin]) {
      const res = await team({ method: 'GET', url: `/api/requests/${id}` })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ title: 'Confidential request', textHidden: true, problem: null, tried: null, outcome: null })
      const listed = (await team({ method: 'GET', url: '/api/requests' })).json().items.find((r: { id: string }) => r.id === id)
      expect(listed).toMatchObject({ title: 'Confidential request', textHidden: true, problem: null })
      const body = JSON.stringify((await team({ method: 'GET', url: '/api/requests' })).json())
      expect(body).not.toContain('confidential canary')
      expect(body).not.toContain('Sensitive staffing question')
    }
    // Once invited, the expert reads the words.
    expect((await headA({ method: 'POST', url: `/api/requests/${id}/invitations`, payload: { expertiseId: s.ids.eB1, note: 'Would you help?' } })).statusCode).toBe(201)
    const invited = await teacherB1({ method: 'GET', url: `/api/requests/${id}` })
    expect(invited.statusCode).toBe(200)
    expect(invited.json()).toMatchObject({ textHidden: false, problem: expect.stringContaining('confidential canary'), viewer: { canOffer: true, myOffer: { status: 'invited' } } })
    expect(ids(await teacherB1({ method: 'GET', url: '/api/requests?mine=true' }))).toContain(id)
  })

  it('When a trust-wide request is open, then it cannot be narrowed to invitation-only', async () => {
    const id = await openRequest(headA)
    const current = (await headA({ method: 'GET', url: `/api/requests/${id}` })).json()
    const res = await headA({ method: 'PATCH', url: `/api/requests/${id}`, payload: { version: current.version, confidentiality: 'invited' } })
    expect(res.statusCode).toBe(409)
  })
})

describe('finding requests', () => {
  it('When a head filters by mine, status and area (or strand), then only those are listed', async () => {
    const maths = await openRequest(headA, { title: 'Mastery maths in Key Stage 2', areas: ['mathematics'] })
    const behaviour = await openRequest(headA, { title: 'Corridor behaviour at lunchtime', areas: ['behaviour-systems'] })
    const mine = ids(await headA({ method: 'GET', url: '/api/requests?mine=true&status=open' }))
    expect(mine).toEqual(expect.arrayContaining([maths, behaviour]))
    expect(ids(await headB({ method: 'GET', url: '/api/requests?mine=true' }))).not.toContain(maths)
    expect(ids(await headB({ method: 'GET', url: '/api/requests?area=mathematics' }))).toContain(maths)
    expect(ids(await headB({ method: 'GET', url: '/api/requests?area=mathematics' }))).not.toContain(behaviour)
    const strand = ids(await headB({ method: 'GET', url: '/api/requests?area=curriculum' }))
    expect(strand).toContain(maths)
    expect(strand).not.toContain(behaviour)
    const bad = await headB({ method: 'GET', url: '/api/requests?status=lost' })
    expect(bad.statusCode).toBe(400)
  })

  it('Lists never show another trust’s requests', async () => {
    const other = await seedCommissioning(t.app, {}, 'Other')
    const id = await openRequest(await other.api('headA'), { title: 'Other trust canary title' })
    for (const reader of [headA, teacherB1, central, admin]) {
      const res = await reader({ method: 'GET', url: '/api/requests' })
      expect(res.body).not.toContain(id)
      expect(res.body).not.toContain('Other trust canary title')
      expect((await reader({ method: 'GET', url: `/api/requests/${id}` })).statusCode).toBe(404)
    }
    const [n] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(requests).where(eq(requests.trustId, other.ids.t!))
    expect(n!.n).toBe(1)
  })
})
