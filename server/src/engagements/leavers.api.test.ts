import type { LightMyRequestResponse } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { as, login, useTestApp } from '../../test/app.ts'
import { TEST_PASSWORD, seed, trustBundle } from '../../test/bundle.ts'
import { settableClock } from '../../test/clock.ts'
import { type Api, type CommissioningSeed, offer, openRequest, seedCommissioning, snapshot } from '../../test/commissioning.ts'
import { remindAwayEngagements } from './leavers.service.ts'

/**
 * People who leave (docs/decisions/012-people-who-leave.md): when an expert is deactivated or pauses with
 * work under way, both heads are told; the receiving head ends the work with what was delivered (a case on
 * their reflection alone, the days not delivered given back) or asks the expert's school for a colleague,
 * whose offer, accepted, continues the work in a successor engagement. Nothing waits for ever.
 */
const START = '2027-01-12T09:00:00Z'
const clock = settableClock(START)
const t = useTestApp({ clock })
let s: CommissioningSeed
let headA: Api, headB: Api, admin: Api, teacherA1: Api, expertB0: Api

const at = (iso: string) => clock.set(iso)
const json = async (res: Promise<LightMyRequestResponse>, status = 200) => {
  const r = await res
  if (r.statusCode !== status) throw new Error(`${r.statusCode} ${r.body}`)
  return r.json()
}
const post = (who: Api, url: string, payload?: object) => who({ method: 'POST', url, ...(payload ? { payload } : {}) })
const get = (who: Api, url: string) => json(who({ method: 'GET', url }))
type Notice = { kind: string; title: string; body: string; link: string }
const inbox = async (who: Api) => (await get(who, '/api/notifications')).items as Notice[]
const latest = async (who: Api, kind: string) => (await inbox(who)).find((n) => n.kind === kind)
/** The newest notice of a kind about one engagement (an expert may have other work under way too). */
const about = async (who: Api, kind: string, id: string) => (await inbox(who)).find((n) => n.kind === kind && n.link === `/engagements/${id}`)
const engagement = (id: string, who: Api = headA) => get(who, `/api/engagements/${id}`)
const REFLECTION = 'Two coaching visits changed how our Year 7 teachers run guided reading.'

/** A trust of its own per describe: school B releases 10 days a term; teacherB1 and expertB0 work there. */
async function trust(name: string) {
  s = await seedCommissioning(t.app, { releaseB: 10, capacityB1: 12, extraExperts: 1 }, name)
  ;({ headA, headB, admin, teacherA1 } = await s.apis('headA', 'headB', 'admin', 'teacherA1'))
  expertB0 = await s.api('expertB0')
}

/** teacherB1 signs in afresh: a deactivation ends every session they had. */
const teacherB1Api = async () => as(t.app, await login(t.app, s.email('teacherB1'), TEST_PASSWORD))

/** Head A commissions teacherB1 for `days`; teacherB1 logs `logged` days on 19 Jan 2027. */
async function underWay(title: string, days: number, logged: number) {
  at(START)
  const requestId = await openRequest(headA, { title, daysPerExpert: days })
  const offerId = await offer(await teacherB1Api(), requestId, s.ids.eB1!, days)
  const accepted = await json(post(headA, `/api/offers/${offerId}/accept`))
  expect(accepted.release).toBe('approved')
  if (logged > 0) {
    at('2027-01-19T16:00:00Z')
    await json(post(await teacherB1Api(), `/api/engagements/${accepted.engagementId}/logs`, { date: '2027-01-19', days: logged, note: 'Coached two teachers.' }), 201)
  }
  at('2027-01-20T09:00:00Z')
  return { id: accepted.engagementId as string, requestId }
}
const deactivate = (ref: string) => json(admin({ method: 'PATCH', url: `/api/people/${s.ids[ref]}`, payload: { active: false } }))
const reactivate = (ref: string) => json(admin({ method: 'PATCH', url: `/api/people/${s.ids[ref]}`, payload: { active: true } }))
const committed = async (expertiseId: string) => (await get(headA, `/api/expertise/${expertiseId}`)).expertise.daysCommitted as number
const released = async () => (await get(headB, '/api/releases')).summary.approvedDays as number

describe('an expert who leaves or pauses mid-engagement', () => {
  beforeAll(() => trust('Leaving'))

  it('When the admin deactivates the expert, then both heads are told what happened and what the receiving head can do, and the page shows it', async () => {
    const { id } = await underWay('Deactivated mid-way', 3, 1)
    await deactivate('teacherB1')
    const toReceiver = await latest(headA, 'expert_away')
    expect(toReceiver).toMatchObject({
      title: `teacherB1 Leaving has left: “Deactivated mid-way”`,
      link: `/engagements/${id}`,
    })
    expect(toReceiver!.body).toBe(
      "teacherB1 Leaving has left the school's expertise exchange with this work under way (1 of 3 agreed days delivered). On the engagement's page, choose what happens next: "
      + 'end the engagement with what was delivered (your reflection alone makes the case), or ask Leaving Academy B for a colleague to take over the 2 days left.',
    )
    expect(await latest(headB, 'expert_away')).toMatchObject({ title: 'teacherB1 Leaving has left with work under way for Leaving Primary A', link: `/engagements/${id}` })
    const g = await engagement(id)
    expect(g).toMatchObject({ status: 'active', away: { reason: 'deactivated', since: '2027-01-20T09:00:00.000Z' }, colleagueAskedAt: null })
    expect(g.viewer).toMatchObject({ canEndEarly: true, canAskColleague: true, canComplete: false, canNameColleague: false })
    await reactivate('teacherB1')
  })

  it('When the expert pauses, then both heads are told; when they resume before anyone chose, then both hear the work continues and nothing else changes', async () => {
    const { id } = await underWay('Paused mid-way', 3, 1)
    const teacherB1 = await teacherB1Api()
    await json(teacherB1({ method: 'PATCH', url: '/api/me/availability', payload: { paused: true } }))
    expect(await about(headA, 'expert_away', id)).toMatchObject({ title: 'teacherB1 Leaving is away: “Paused mid-way”' })
    expect((await about(headB, 'expert_away', id))!.title).toBe('teacherB1 Leaving is away with work under way for Leaving Primary A')
    expect((await engagement(id)).away).toMatchObject({ reason: 'paused' })

    await json(teacherB1({ method: 'PATCH', url: '/api/me/availability', payload: { paused: false } }))
    for (const head of [headA, headB]) {
      expect(await about(head, 'expert_away', id)).toMatchObject({
        title: 'teacherB1 Leaving is available again: “Paused mid-way”',
        body: 'teacherB1 Leaving is available again, so the engagement continues as before. Nothing needs to be done.',
      })
    }
    const g = await engagement(id, teacherB1)
    expect(g).toMatchObject({ status: 'active', away: null })
    expect(g.viewer).toMatchObject({ canLog: true, canEndEarly: false, canAskColleague: false })
  })
})

describe('ending with what was delivered', () => {
  beforeAll(() => trust('Ending'))

  it('When the receiving head ends the work of an expert who left, then it is completed with the days delivered, the case forms on one reflection and the undelivered days go back', async () => {
    const { id, requestId } = await underWay('Ended early', 4, 1.5)
    expect(await committed(s.ids.eB1!)).toBe(4)
    expect(await released()).toBe(4)
    await deactivate('teacherB1')
    const g = await json(post(headA, `/api/engagements/${id}/end-early`, { impact: 4, reflection: REFLECTION, shareWithTrust: true }))
    expect(g).toMatchObject({ status: 'completed', days: 2, daysLogged: 1.5, returnedDays: 2, impact: 4, headReflection: REFLECTION, expertReflection: null })
    expect(g.caseId).toEqual(expect.any(String))
    const kase = await get(headA, `/api/cases/${g.caseId}`)
    expect(kase).toMatchObject({ title: 'Ended early', impact: 4, approach: 'I led our KS3 reading recovery programme.', outcome: REFLECTION, engagementId: id })
    // The 2 days not delivered are free again for the expert and back in school B's budget.
    expect(await committed(s.ids.eB1!)).toBe(2)
    expect(await released()).toBe(2)
    expect((await get(headA, `/api/requests/${requestId}`)).status).toBe('completed')
    expect(await latest(headB, 'engagement_completed')).toMatchObject({
      title: 'Ended with what was delivered: “Ended early”',
      body: "headA Ending has ended this engagement with the 1.5 days delivered. The 2 days not delivered go back to the school's release days and the expert's capacity.",
    })
    await reactivate('teacherB1')
  })

  it('When nothing was logged, then ending with what was delivered is 409 saying to cancel or ask for a colleague, and nothing changes', async () => {
    const { id } = await underWay('Nothing logged', 2, 0)
    await deactivate('teacherB1')
    const before = await snapshot(t.database.db, s.ids.t!)
    const res = await post(headA, `/api/engagements/${id}/end-early`, { impact: 3, reflection: REFLECTION })
    expect(res.statusCode).toBe(409)
    expect(res.json().detail).toBe('No session was logged on this engagement, so there is nothing delivered to end it with. Cancel it instead, or ask for a colleague to take it over.')
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
    await reactivate('teacherB1')
  })
})

describe('a colleague takes the work over', () => {
  beforeAll(() => trust('Colleague'))

  it('When the receiving head asks for a colleague, the providing head names one and the receiving head accepts, then the work continues with the days left and becomes a case', async () => {
    const { id, requestId } = await underWay('Handed over', 3, 1)
    await deactivate('teacherB1')

    const asked = await json(post(headA, `/api/engagements/${id}/colleague-request`, { note: 'We would love someone to finish the coaching cycle.' }))
    expect(asked).toMatchObject({ colleagueAskedAt: '2027-01-20T09:00:00.000Z', colleagueOffer: null })
    expect(asked.viewer).toMatchObject({ canAskColleague: false, canEndEarly: true })
    expect(await latest(headB, 'colleague_asked')).toMatchObject({
      title: 'A colleague is asked for to take over from teacherB1 Colleague',
      link: `/engagements/${id}`,
    })
    const releases = await get(headB, '/api/releases')
    expect(releases.handovers).toEqual([{
      engagementId: id, expert: { id: s.ids.teacherB1, name: 'teacherB1 Colleague' }, request: { id: requestId, title: 'Handed over' },
      receiverSchool: { id: s.ids.A, name: 'Colleague Primary A' }, daysLeft: 2, askedAt: '2027-01-20T09:00:00.000Z', colleagueNamed: false,
    }])
    expect((await engagement(id, headB)).viewer.canNameColleague).toBe(true)

    const colleagues = await get(headB, `/api/engagements/${id}/colleagues`)
    expect(colleagues).toMatchObject({ daysLeft: 2, termLabel: 'Spring 2027', nextCursor: null })
    expect(colleagues.items).toContainEqual({ person: { id: s.ids.expertB0, name: 'Expert B0' }, expertise: { id: s.ids.eX0, title: 'Reading intervention 0' }, daysFree: 10 })
    expect(colleagues.items.map((c: { person: { id: string } }) => c.person.id)).not.toContain(s.ids.teacherB1)

    at('2027-01-21T09:00:00Z')
    const named = await json(post(headB, `/api/engagements/${id}/colleague`, { expertiseId: s.ids.eX0, message: 'Expert B0 ran the same programme with our Year 7s.' }), 201)
    expect(named.colleagueOffer).toMatchObject({ expert: { id: s.ids.expertB0, name: 'Expert B0' }, days: 2, message: 'Expert B0 ran the same programme with our Year 7s.' })
    expect(await latest(headA, 'colleague_named')).toMatchObject({ title: 'Expert B0 is offered to take over from teacherB1 Colleague' })
    expect(await latest(expertB0, 'colleague_named')).toMatchObject({ title: 'You are named to take over “Handed over”' })

    const accepted = await json(post(headA, `/api/offers/${named.colleagueOffer.id}/accept`, { note: 'Thank you!' }))
    expect(accepted).toMatchObject({ release: 'approved', requestStatus: 'commissioned' })
    const successorId = accepted.engagementId as string
    expect(successorId).not.toBe(id)
    expect(await engagement(id)).toMatchObject({ status: 'completed', days: 1, daysLogged: 1, handedOverTo: { id: successorId, expert: { name: 'Expert B0' } }, caseId: null })
    const successor = await engagement(successorId, expertB0)
    expect(successor).toMatchObject({ status: 'active', release: 'approved', days: 2, takesOver: { id, expert: { name: 'teacherB1 Colleague' } }, away: null })
    expect(successor.viewer.canLog).toBe(true)
    // One place, still filled once; the school's budget carries the same 3 days, 1 for each expert's work and 2 for the colleague's.
    expect(await get(headA, `/api/requests/${requestId}`)).toMatchObject({ status: 'commissioned', placesFilled: 1 })
    expect(await released()).toBe(3)
    expect(await committed(s.ids.eB1!)).toBe(1)
    expect(await committed(s.ids.eX0!)).toBe(2)
    expect((await get(headB, '/api/releases')).handovers).toEqual([])

    at('2027-01-27T16:00:00Z')
    await json(post(expertB0, `/api/engagements/${successorId}/logs`, { date: '2027-01-27', days: 2, note: 'Finished the coaching cycle.' }), 201)
    await json(post(headA, `/api/engagements/${successorId}/complete`, { impact: 5, reflection: REFLECTION }))
    const done = await json(post(expertB0, `/api/engagements/${successorId}/reflection`, { reflection: 'I picked up where my colleague left off; the teachers were ready.' }))
    expect(done.caseId).toEqual(expect.any(String))
    expect((await get(headA, `/api/requests/${requestId}`)).status).toBe('completed')
    await reactivate('teacherB1')
  })

  it('When the receiving head declines the colleague, then the providing head is told and can name someone else', async () => {
    const { id } = await underWay('Declined colleague', 3, 1)
    await deactivate('teacherB1')
    await json(post(headA, `/api/engagements/${id}/colleague-request`))
    const named = await json(post(headB, `/api/engagements/${id}/colleague`, { expertiseId: s.ids.eX0, message: 'Expert B0 knows the programme well.' }), 201)
    await json(post(headA, `/api/offers/${named.colleagueOffer.id}/decline`, { reason: 'We would rather finish ourselves.' }))
    expect(await latest(headB, 'colleague_asked')).toMatchObject({ title: 'Expert B0 was not taken on: “Declined colleague”' })
    const g = await engagement(id, headB)
    expect(g.colleagueOffer).toBeNull()
    expect(g.viewer.canNameColleague).toBe(true)
    // The receiving head can still end it with what was delivered.
    expect((await json(post(headA, `/api/engagements/${id}/end-early`, { impact: 3, reflection: REFLECTION }))).status).toBe('completed')
    await reactivate('teacherB1')
  })
})

describe('who may, and when', () => {
  beforeAll(() => trust('Refusals'))

  it('When someone other than the receiving head ends or asks, or other than the providing head names, then 403 (404 from another trust), and nothing changes', async () => {
    const { id } = await underWay('Wrong party', 3, 1)
    await deactivate('teacherB1')
    const other = await seed(t.app, trustBundle({}, 'Elsewhere'))
    const otherHead = as(t.app, await other.token('headA'))
    const before = await snapshot(t.database.db, s.ids.t!)
    const end = { impact: 3, reflection: REFLECTION }
    const cases: [Api, string, object | undefined, number, string | undefined][] = [
      [headB, 'end-early', end, 403, 'Only the headteacher of the receiving school ends an engagement with what was delivered.'],
      [teacherA1, 'end-early', end, 403, 'Only the headteacher of the receiving school ends an engagement with what was delivered.'],
      [headB, 'colleague-request', undefined, 403, "Only the headteacher of the receiving school asks the expert's school for a colleague."],
      [headA, 'colleague', { expertiseId: s.ids.eX0, message: 'Expert B0 knows the programme well.' }, 403, "Only the headteacher of the expert's own school names a colleague to take the work over."],
      [otherHead, 'end-early', end, 404, undefined],
      [otherHead, 'colleague-request', undefined, 404, undefined],
    ]
    for (const [who, action, body, status, detail] of cases) {
      const res = await post(who, `/api/engagements/${id}/${action}`, body)
      expect(res.statusCode, `${action}: ${res.body}`).toBe(status)
      if (detail) expect(res.json().detail).toBe(detail)
      else expect(res.json()).toMatchObject({ status: 404, detail: 'We could not find that engagement. It may have been removed, or the link may be wrong.' })
    }
    expect((await otherHead({ method: 'GET', url: `/api/engagements/${id}/colleagues` })).statusCode).toBe(404)
    expect((await headA({ method: 'GET', url: `/api/engagements/${id}/colleagues` })).statusCode).toBe(403)
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
    await reactivate('teacherB1')
  })

  it('When a step is tried in the wrong state, then 409 names the state (or what is missing) and nothing changes', async () => {
    const present = await underWay('Expert present', 3, 1)
    const done = await underWay('Already ended', 3, 1)
    await deactivate('teacherB1')
    await json(post(headA, `/api/engagements/${done.id}/end-early`, { impact: 3, reflection: REFLECTION }))
    await reactivate('teacherB1')
    const before = await snapshot(t.database.db, s.ids.t!)
    const tries: [Api, string, string, object | undefined, string][] = [
      [headA, done.id, 'end-early', { impact: 3, reflection: REFLECTION }, 'This engagement is completed; only an engagement under way can be ended with what was delivered.'],
      [headA, done.id, 'colleague-request', undefined, 'This engagement is completed; only an engagement under way can be handed to a colleague.'],
      [headB, done.id, 'colleague', { expertiseId: s.ids.eX0, message: 'Expert B0 knows the programme well.' }, 'This engagement is completed; only an engagement under way can be given a colleague.'],
      [headA, present.id, 'end-early', { impact: 3, reflection: REFLECTION }, 'teacherB1 Refusals is still working on this. Complete the engagement when the work is done, or cancel it.'],
      [headA, present.id, 'colleague-request', undefined, 'teacherB1 Refusals is still working on this. Complete the engagement when the work is done, or cancel it.'],
      [headB, present.id, 'colleague', { expertiseId: s.ids.eX0, message: 'Expert B0 knows the programme well.' }, 'The receiving school has not asked for a colleague on this work, so there is nobody to name yet.'],
    ]
    for (const [who, id, action, body, detail] of tries) {
      const res = await post(who, `/api/engagements/${id}/${action}`, body)
      expect(res.statusCode, `${action}: ${res.body}`).toBe(409)
      expect(res.json()).toMatchObject({ type: '/problems/conflict', detail })
    }
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
  })

  it('When a colleague has been asked for, then the expert who went can log no more, and the head cannot complete as if they had stayed', async () => {
    const { id } = await underWay('No more logs', 3, 1)
    const teacherB1 = await teacherB1Api()
    await json(teacherB1({ method: 'PATCH', url: '/api/me/availability', payload: { paused: true } }))
    await json(post(headA, `/api/engagements/${id}/colleague-request`))
    at('2027-01-20T16:00:00Z')
    const log = await post(teacherB1, `/api/engagements/${id}/logs`, { date: '2027-01-20', days: 1 })
    expect(log.json()).toMatchObject({ status: 409, detail: 'A colleague has been asked for to take this work over, so no more can be logged or asked for on it.' })
    const complete = await post(headA, `/api/engagements/${id}/complete`, { impact: 4, reflection: REFLECTION })
    expect(complete.statusCode).toBe(409)
    // Coming back after the head chose: the choice stands and both heads are told so.
    await json(teacherB1({ method: 'PATCH', url: '/api/me/availability', payload: { paused: false } }))
    expect((await about(headA, 'expert_away', id))!.body).toMatch(/^teacherB1 Refusals is available again\. A colleague has already been asked for/)
    expect(await engagement(id)).toMatchObject({ away: null, colleagueAskedAt: expect.any(String) })
  })
})

describe('nothing waits for ever', () => {
  beforeAll(() => trust('Waiting'))

  it('When no colleague is named within 5 school days of being asked, then both heads are reminded once, and the receiving head can still end it', async () => {
    const { id } = await underWay('Waiting on a colleague', 3, 1)
    await deactivate('teacherB1')
    await json(post(headA, `/api/engagements/${id}/colleague-request`))
    const count = async (who: Api) => (await inbox(who)).filter((n) => n.title === 'Still waiting: “Waiting on a colleague”').length
    // Wednesday 20 Jan + 4 school days is Tuesday 26 Jan: not yet.
    expect(await remindAwayEngagements(t.app.db, new Date('2027-01-26T18:00:00Z'))).toBe(0)
    expect(await remindAwayEngagements(t.app.db, new Date('2027-01-27T18:00:00Z'))).toBeGreaterThanOrEqual(1)
    expect(await latest(headA, 'expert_away')).toMatchObject({
      title: 'Still waiting: “Waiting on a colleague”',
      body: "No colleague has been named in 5 school days to take over from teacherB1 Waiting. You can end the engagement with what was delivered, or cancel it, on the engagement's page.",
    })
    expect((await latest(headB, 'colleague_asked'))!.title).toBe('A colleague is still asked for to take over from teacherB1 Waiting')
    await remindAwayEngagements(t.app.db, new Date('2027-02-10T18:00:00Z'))
    expect(await count(headA)).toBe(1)
    expect((await engagement(id)).viewer.canEndEarly).toBe(true)
  })
})

describe('an expert who is erased mid-engagement', () => {
  beforeAll(() => trust('Erased'))

  it('When the admin erases the expert with work under way, then it is marked as a leaver’s and both heads are told, under the name "A former colleague"', async () => {
    const { id } = await underWay('Erased mid-way', 3, 1)
    const erased = await admin({ method: 'POST', url: `/api/admin/people/${s.ids.teacherB1}/erase`, payload: { confirmName: 'teacherB1 Erased' } })
    expect(erased.statusCode, erased.body).toBe(200)
    expect(await about(headA, 'expert_away', id)).toMatchObject({ title: 'A former colleague has left: “Erased mid-way”' })
    expect(await about(headB, 'expert_away', id)).toBeDefined()
    expect((await engagement(id)).away).toMatchObject({ reason: 'deactivated' })
  })
})
