import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { engagementTerms } from '../db/schema/index.ts'
import { fixedClock } from '../lib/clock.ts'
import { type Api, type CommissioningSeed, offer, openRequest, seedCommissioning } from '../../test/commissioning.ts'

/** 18 Dec 2026; England's default calendar: spring 4 Jan–25 Mar 2027, summer 12 Apr–22 Jul 2027. */
const t = useTestApp({ clock: fixedClock('2026-12-18T10:00:00Z') })
const SPRING = { start: '2027-01-11', end: '2027-03-19' }
const SUMMER = { start: '2027-04-19', end: '2027-06-30' }
/** 9 school days in spring (15–25 Mar), none over Easter, 10 in summer (12–23 Apr). */
const ACROSS_EASTER = { start: '2027-03-15', end: '2027-04-23' }

const matchIds = async (head: Api, requestId: string) =>
  (await head({ method: 'GET', url: `/api/requests/${requestId}/matches?limit=20` })).json<{ expertise: { id: string } }[]>().map((m) => m.expertise.id)

describe('days per term on an expertise entry', () => {
  let s: CommissioningSeed
  let headA: Api, teacherB1: Api
  beforeAll(async () => {
    s = await seedCommissioning(t.app)
    ;({ headA, teacherB1 } = await s.apis('headA', 'teacherB1'))
  })

  it('When an expert gives none in summer, then they are suggested for spring work but not for summer, and a summer offer cannot be accepted', async () => {
    const saved = await teacherB1({ method: 'PATCH', url: `/api/expertise/${s.ids.eB1}`, payload: { termDays: { summer: 0 } } })
    expect(saved.statusCode).toBe(200)
    expect(saved.json()).toMatchObject({ capacityDaysPerTerm: 10, termDays: { autumn: null, spring: null, summer: 0 } })
    const bad = await teacherB1({ method: 'PATCH', url: `/api/expertise/${s.ids.eB1}`, payload: { termDays: { summer: -1 } } })
    expect(bad.json().errors).toEqual([{ path: 'termDays.summer', message: 'Days cannot be negative' }])

    const spring = await openRequest(headA, { title: 'Spring reading work', window: SPRING })
    const summer = await openRequest(headA, { title: 'Summer reading work', window: SUMMER })
    expect(await matchIds(headA, spring)).toContain(s.ids.eB1)
    const summerMatches = await matchIds(headA, summer)
    expect(summerMatches).not.toContain(s.ids.eB1)
    expect(summerMatches).toContain(s.ids.eHeadB)
    const whyNot = (await headA({ method: 'GET', url: `/api/requests/${summer}/why-not?expertise=${s.ids.eB1}` })).json()
    expect(whyNot.entries[0].exclusions).toContainEqual({ rule: 'no_days_free', reason: 'Has no days free in Summer 2027' })

    // Work across Easter charges summer its share too, so it is no more suggested than summer work.
    const across = await openRequest(headA, { title: 'Reading across Easter', window: ACROSS_EASTER })
    expect(await matchIds(headA, across)).not.toContain(s.ids.eB1)
    const acrossWhyNot = (await headA({ method: 'GET', url: `/api/requests/${across}/why-not?expertise=${s.ids.eB1}` })).json()
    expect(acrossWhyNot.entries[0].exclusions).toContainEqual({ rule: 'no_days_free', reason: 'Has no days free in Summer 2027' })

    const offerId = await offer(teacherB1, summer, s.ids.eB1!, 2)
    expect((await teacherB1({ method: 'GET', url: `/api/requests/${summer}/offers` })).json().items[0]).toMatchObject({ id: offerId, freeDays: 0 })
    const refused = await headA({ method: 'POST', url: `/api/offers/${offerId}/accept`, payload: {} })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().detail).toBe('The expert has only 0 days free in Summer 2027, fewer than the 2 offered. Ask them to offer fewer days, or choose another offer.')

    // Back to the usual figure: null clears the summer override.
    expect((await teacherB1({ method: 'PATCH', url: `/api/expertise/${s.ids.eB1}`, payload: { termDays: { summer: null } } })).json().termDays).toEqual({ autumn: null, spring: null, summer: null })
    expect((await headA({ method: 'POST', url: `/api/offers/${offerId}/accept`, payload: {} })).statusCode).toBe(200)
  })
})

describe('a window spanning two terms', () => {
  let s: CommissioningSeed
  let headA: Api, headB: Api, teacherB1: Api
  beforeAll(async () => {
    // School B lets 3 days a term go without the head's approval.
    s = await seedCommissioning(t.app, { releaseB: 3 }, 'Split')
    ;({ headA, headB, teacherB1 } = await s.apis('headA', 'headB', 'teacherB1'))
  })

  it("When work runs across Easter, then its days are charged to spring and summer by the window's school days, against the expert and the school's release budget", async () => {
    const across = await openRequest(headA, { title: 'Reading across Easter', window: ACROSS_EASTER, daysPerExpert: 5 })
    const offerId = await offer(teacherB1, across, s.ids.eB1!, 5)
    const accepted = await headA({ method: 'POST', url: `/api/offers/${offerId}/accept`, payload: {} })
    expect(accepted.statusCode).toBe(200)
    // 2 + 3 each fit school B's 3 days a term, so the release needs nobody's approval (5 in one term would not).
    expect(accepted.json()).toMatchObject({ release: 'approved' })
    const charges = await t.database.db.select({ termStart: engagementTerms.termStart, days: engagementTerms.days }).from(engagementTerms)
      .where(eq(engagementTerms.engagementId, accepted.json().engagementId)).orderBy(engagementTerms.termStart)
    expect(charges).toEqual([{ termStart: '2027-01-04', days: 2 }, { termStart: '2027-04-12', days: 3 }])

    // eB1 gives 10 days a term: 8 are left in spring and 7 in summer.
    const spring = await openRequest(headA, { title: 'Spring follow-up', window: SPRING })
    const summer = await openRequest(headA, { title: 'Summer follow-up', window: SUMMER })
    await offer(teacherB1, spring, s.ids.eB1!, 1)
    const summerOffer = await offer(teacherB1, summer, s.ids.eB1!, 1)
    expect((await headA({ method: 'GET', url: `/api/requests/${spring}/offers` })).json().items[0]).toMatchObject({ freeDays: 8 })
    expect((await headA({ method: 'GET', url: `/api/requests/${summer}/offers` })).json().items[0]).toMatchObject({ freeDays: 7 })

    // School B has now released 3 days in summer: one more summer day needs its head's approval.
    const more = await headA({ method: 'POST', url: `/api/offers/${summerOffer}/accept`, payload: {} })
    expect(more.json()).toMatchObject({ release: 'pending' })
    const releases = (await headB({ method: 'GET', url: '/api/releases' })).json().items as { termLabel: string; termUsedDays: number; release: string }[]
    expect(releases.map((r) => [r.termLabel, r.release, r.termUsedDays])).toEqual([['Summer 2027', 'pending', 3], ['Spring 2027', 'approved', 2]])
  })
})
