import type { LightMyRequestResponse } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { settableClock } from '../../test/clock.ts'
import { type Api, type CommissioningSeed, TERM_START, offer, openRequest, seedCommissioning, snapshot } from '../../test/commissioning.ts'

/**
 * Days that add up (docs/design.md §3): a session lies inside the engagement and logged days never pass
 * the agreed days; more days are an extension the receiving head agrees to and the providing school
 * releases inside its budget, or past it with its head's explicit approval.
 */
const START = '2027-01-12T09:00:00Z'
const clock = settableClock(START)
const t = useTestApp({ clock })
let s: CommissioningSeed
let headA: Api, headB: Api, teacherB1: Api
/** Each describe has its own trust, so the days and budgets it counts are its own. */
async function trust(name: string) {
  // School B releases 10 days a term without asking; teacherB1 gives 12 days a term.
  s = await seedCommissioning(t.app, { releaseB: 10, capacityB1: 12 }, name)
  ;({ headA, headB, teacherB1 } = await s.apis('headA', 'headB', 'teacherB1'))
}

const json = async (res: Promise<LightMyRequestResponse>, status = 200) => {
  const r = await res
  if (r.statusCode !== status) throw new Error(`${r.statusCode} ${r.body}`)
  return r.json()
}
const post = (who: Api, url: string, payload?: object) => who({ method: 'POST', url, ...(payload ? { payload } : {}) })
const at = (iso: string) => clock.set(iso)
const inbox = async (who: Api) => (await json(who({ method: 'GET', url: '/api/notifications' }))).items as { kind: string; title: string; link: string }[]
const engagement = (id: string) => json(headA({ method: 'GET', url: `/api/engagements/${id}` }))
const releases = () => json(headB({ method: 'GET', url: '/api/releases' }))
const free = async (requestId: string) => (await json(headA({ method: 'GET', url: `/api/requests/${requestId}/offers` }))).items[0].freeDays as number

/** Head A commissions teacherB1 for `days` on 12 Jan 2027; answers the engagement and request ids. */
async function commission(days: number, title: string) {
  at(START)
  const requestId = await openRequest(headA, { title, daysPerExpert: days })
  const offerId = await offer(teacherB1, requestId, s.ids.eB1!, days)
  const accepted = await json(post(headA, `/api/offers/${offerId}/accept`))
  if (accepted.release === 'pending') await json(post(headB, `/api/releases/${accepted.engagementId}/approve`))
  return { id: accepted.engagementId as string, requestId }
}
const ask = (id: string, days: number) => post(teacherB1, `/api/engagements/${id}/extensions`, { days, reason: 'The English lead asked for another coaching cycle.' })

describe('logging sessions', () => {
  beforeAll(() => trust('Days'))

  it('When a log is dated before the offer was accepted, in the future, or outside the window, then 400 names the date and nothing is written', async () => {
    const { id } = await commission(2, 'Dated logs')
    at('2027-01-20T16:00:00Z')
    const before = await snapshot(t.database.db, s.ids.t!)
    const cases: [string, string][] = [
      ['2027-01-11', 'The offer was accepted on 12 Jan 2027; log only sessions from that day on, not 11 Jan 2027'],
      ['2027-01-21', 'A session can be logged once it has happened: 21 Jan 2027 is after today (20 Jan 2027)'],
    ]
    for (const [date, message] of cases) {
      const res = await post(teacherB1, `/api/engagements/${id}/logs`, { date, days: 1 })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ type: '/problems/validation', errors: [{ path: 'date', message }] })
    }
    at('2027-03-25T16:00:00Z')
    const late = await post(teacherB1, `/api/engagements/${id}/logs`, { date: '2027-03-22', days: 1 })
    expect(late.json()).toMatchObject({ status: 400, errors: [{ path: 'date', message: 'The window for this work ended on 19 Mar 2027; 22 Mar 2027 is after it' }] })
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
  })

  it('When a 6-day log is tried on a 2-day engagement, then 409 says how many days are left, and logged days never pass the agreed days', async () => {
    const { id } = await commission(2, 'Six days on two')
    at('2027-01-20T16:00:00Z')
    const before = await snapshot(t.database.db, s.ids.t!)
    const six = await post(teacherB1, `/api/engagements/${id}/logs`, { date: '2027-01-20', days: 6 })
    expect(six.statusCode).toBe(409)
    expect(six.json().detail).toBe('2 days were agreed and 0 are logged, so at most 2 more can be logged, not 6. To do more, ask for more days.')
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
    await json(post(teacherB1, `/api/engagements/${id}/logs`, { date: '2027-01-19', days: 1.5 }), 201)
    const over = await post(teacherB1, `/api/engagements/${id}/logs`, { date: '2027-01-20', days: 1 })
    expect(over.json()).toMatchObject({ status: 409, detail: '2 days were agreed and 1.5 are logged, so at most 0.5 more can be logged, not 1. To do more, ask for more days.' })
    expect((await json(post(teacherB1, `/api/engagements/${id}/logs`, { date: '2027-01-20', days: 0.5 }), 201)).daysLogged).toBe(2)
  })

  it('When ten one-day logs race on a 3-day engagement, then exactly three are written', async () => {
    const { id } = await commission(3, 'Racing logs')
    at('2027-01-20T16:00:00Z')
    const results = await Promise.all(Array.from({ length: 10 }, () => post(teacherB1, `/api/engagements/${id}/logs`, { date: '2027-01-20', days: 1 })))
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 409, 409, 409, 409, 409, 409, 409])
    expect((await engagement(id)).daysLogged).toBe(3)
  })
})

describe('asking for more days', () => {
  beforeAll(() => trust('Extra'))

  it('When the receiving head agrees inside the budget, then the days are released at once, counted against the expert and the school, and can be logged', async () => {
    const { id, requestId } = await commission(3, 'Extension inside the budget')
    at('2027-01-20T16:00:00Z')
    const freeBefore = await free(requestId)
    const asked = await json(ask(id, 2), 201)
    expect(asked.extensions).toEqual([expect.objectContaining({ days: 2, status: 'proposed', reason: 'The English lead asked for another coaching cycle.', termStart: null })])
    expect(asked.viewer.canExtend).toBe(false)
    expect((await inbox(headA))[0]).toMatchObject({ kind: 'extension_proposed', link: `/engagements/${id}`, title: 'More days asked for: “Extension inside the budget”' })
    // A second request while the first is open is refused.
    expect((await ask(id, 1)).json()).toMatchObject({ status: 409, detail: 'You have already asked for more days on this engagement. Wait for the answer before asking again.' })
    // Only the receiving head agrees; only the expert asks.
    expect((await post(headB, `/api/extensions/${asked.extensions[0].id}/agree`)).statusCode).toBe(403)
    expect((await post(headA, `/api/engagements/${id}/extensions`, { days: 1, reason: 'The head asks on the expert’s behalf.' })).statusCode).toBe(403)

    const agreed = await json(post(headA, `/api/extensions/${asked.extensions[0].id}/agree`))
    expect(agreed).toEqual({ id: asked.extensions[0].id, engagementId: id, status: 'approved', engagementDays: 5 })
    expect(await engagement(id)).toMatchObject({ days: 5, extensions: [{ status: 'approved', termStart: TERM_START, termLabel: 'Spring 2027' }] })
    expect(await free(requestId)).toBe(freeBefore - 2)
    expect((await inbox(teacherB1))[0]).toMatchObject({ kind: 'extension_decided', title: '2 more days agreed: “Extension inside the budget”' })
    expect((await inbox(headB))[0]).toMatchObject({ kind: 'extension_decided', link: '/releases' })
    const list = await releases()
    expect(list.extensions).toEqual(expect.arrayContaining([expect.objectContaining({ id: asked.extensions[0].id, engagementId: id, days: 2, status: 'approved', termLabel: 'Spring 2027' })]))
    expect(list.summary.approvedDays).toBe(5)
    expect((await json(post(teacherB1, `/api/engagements/${id}/logs`, { date: '2027-01-20', days: 5 }), 201)).daysLogged).toBe(5)
  })

  it('When the days pass the school budget, then they wait for the providing head, who approves them explicitly; the expert\'s free days are checked again', async () => {
    const { id } = await commission(4, 'Extension over the budget')
    at('2027-01-21T10:00:00Z')
    const asked = await json(ask(id, 3), 201)
    const xid = asked.extensions[0].id as string
    // School B has 5 + 4 = 9 of its 10 days released this term: 3 more pass it.
    expect(await json(post(headA, `/api/extensions/${xid}/agree`))).toEqual({ id: xid, engagementId: id, status: 'pending', engagementDays: 4 })
    expect((await engagement(id)).days).toBe(4)
    expect((await inbox(headB))[0]).toMatchObject({ kind: 'release_pending', link: '/releases', title: 'Release of 3 more days waits for you: teacherB1 Extra' })
    expect((await inbox(teacherB1))[0]).toMatchObject({ title: '3 more days agreed: “Extension over the budget”' })
    const list = await releases()
    expect(list.extensions[0]).toMatchObject({ id: xid, status: 'pending', days: 3, termUsedDays: 9, expert: { name: 'teacherB1 Extra' }, request: { title: 'Extension over the budget' } })
    const logMore = await post(teacherB1, `/api/engagements/${id}/logs`, { date: '2027-01-21', days: 5 })
    expect(logMore.statusCode).toBe(409)
    // Only the providing head releases them.
    expect((await post(headA, `/api/extensions/${xid}/approve`)).statusCode).toBe(403)
    expect(await json(post(headB, `/api/extensions/${xid}/approve`))).toEqual({ id: xid, engagementId: id, status: 'approved', engagementDays: 7 })
    expect((await releases()).summary.approvedDays).toBe(12)
    expect((await inbox(teacherB1))[0]).toMatchObject({ kind: 'extension_decided', title: '3 more days released: “Extension over the budget”' })
    expect((await inbox(headA))[0]).toMatchObject({ kind: 'extension_decided', title: '3 more days released: “Extension over the budget”' })
    const again = await post(headB, `/api/extensions/${xid}/approve`)
    expect(again.json()).toMatchObject({ status: 409, detail: 'This request for more days is approved; only a request waiting for the expert\'s own school can be approved.' })
  })

  it('When the expert has no days left, then agreeing is 409 and nothing is written; when the head declines, then the days stay as agreed and the expert is told', async () => {
    // teacherB1 gives 12 days a term and 5 + 7 are taken: none is free.
    const over = ((await json(headA({ method: 'GET', url: '/api/engagements?as=receiving' }))).items as { id: string; days: number; request: { title: string } }[])
      .find((g) => g.request.title === 'Extension over the budget')
    expect(over).toMatchObject({ days: 7 })
    const xid = (await json(ask(over!.id, 1), 201)).extensions.at(-1).id as string
    const before = await snapshot(t.database.db, s.ids.t!)
    const full = await post(headA, `/api/extensions/${xid}/agree`)
    expect(full.json()).toMatchObject({ status: 409, detail: 'The expert has only 0 days free in Spring 2027, fewer than the 1 more asked for. Agree fewer days, or decline.' })
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
    const declined = await json(post(headA, `/api/extensions/${xid}/decline`, { reason: 'We will finish within the days agreed.' }))
    expect(declined).toEqual({ id: xid, engagementId: over!.id, status: 'declined', engagementDays: 7 })
    expect((await inbox(teacherB1))[0]).toMatchObject({ kind: 'extension_decided', title: 'More days declined: “Extension over the budget”' })
    expect((await engagement(over!.id)).viewer).toMatchObject({ roles: ['receiving'] })
    expect((await json(teacherB1({ method: 'GET', url: `/api/engagements/${over!.id}` }))).viewer.canExtend).toBe(true)
  })
})
