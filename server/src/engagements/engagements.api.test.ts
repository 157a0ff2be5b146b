import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { settableClock } from '../../test/clock.ts'
import { type Api, type CommissioningSeed, offer, openRequest, seedCommissioning, snapshot } from '../../test/commissioning.ts'

// Offers are accepted before the window opens; a test moves the clock on to log the work.
const START = '2027-01-05T09:00:00Z'
const clock = settableClock(START)
afterEach(() => clock.set(START))
const t = useTestApp({ clock })
let s: CommissioningSeed
let headA: Api, headB: Api, teacherA2: Api, teacherB1: Api, central: Api, admin: Api
beforeAll(async () => {
  // School B lets 4 days a term go without asking.
  s = await seedCommissioning(t.app, { releaseB: 4, capacityB1: 20 })
  ;({ headA, headB, teacherA2, teacherB1, central, admin } = await s.apis('headA', 'headB', 'teacherA2', 'teacherB1', 'central', 'admin'))
})

/** Head A commissions teacherB1 for `days` on a fresh request; answers the engagement id. */
async function commission(days: number, over: Parameters<typeof openRequest>[1] = {}) {
  const requestId = await openRequest(headA, over)
  const offerId = await offer(teacherB1, requestId, s.ids.eB1!, days)
  const res = await headA({ method: 'POST', url: `/api/offers/${offerId}/accept` })
  if (res.statusCode !== 200) throw new Error(res.body)
  return { requestId, offerId, engagementId: res.json().engagementId as string, release: res.json().release as string }
}
const inbox = async (who: Api) => (await who({ method: 'GET', url: '/api/notifications' })).json().items as { kind: string; title: string; link: string }[]
const REFLECTION = 'We rebuilt the intervention around fluency and daily reading aloud.'

describe('releases', () => {
  it('When the providing school stays within its release days, then the release is approved at once; past them, it waits for the head', async () => {
    const first = await commission(3)
    expect(first.release).toBe('approved')
    const second = await commission(2)
    expect(second.release).toBe('pending')
    const list = await headB({ method: 'GET', url: '/api/releases?status=pending' })
    expect(list.statusCode).toBe(200)
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: second.engagementId, release: 'pending', days: 2, expert: { id: s.ids.teacherB1, name: 'teacherB1 Test' }, receiverSchool: { id: s.ids.A, name: 'Test Primary A' }, termUsedDays: 3 }),
    ])
    const decided = await headB({ method: 'GET', url: '/api/releases?status=decided' })
    expect(decided.json().items.map((r: { id: string }) => r.id)).toContain(first.engagementId)
    expect((await inbox(headB))[0]).toMatchObject({ kind: 'release_pending', link: '/releases' })
  })

  it('When the providing head refuses, then the engagement is cancelled, the place and the days are free again, and the requesting head is told', async () => {
    const { requestId, engagementId } = await commission(5)
    expect((await headA({ method: 'GET', url: `/api/requests/${requestId}` })).json().status).toBe('commissioned')
    const res = await headB({ method: 'POST', url: `/api/releases/${engagementId}/refuse`, payload: { reason: 'Mocks week; I cannot spare her.' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ id: engagementId, release: 'refused', engagementStatus: 'cancelled' })
    const request = (await headA({ method: 'GET', url: `/api/requests/${requestId}` })).json()
    expect(request).toMatchObject({ status: 'open', placesFilled: 0, commissionedAt: null })
    expect((await inbox(headA))[0]).toMatchObject({ kind: 'release_refused', link: `/requests/${requestId}` })
    expect((await inbox(teacherB1))[0]).toMatchObject({ kind: 'release_refused' })
    const again = await headB({ method: 'POST', url: `/api/releases/${engagementId}/refuse` })
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toBe('This release is refused; only a release awaiting approval can be refused.')
    expect((await headB({ method: 'POST', url: `/api/releases/${engagementId}/approve` })).statusCode).toBe(409)
    // The 5 days are free again: another 5-day offer from the same expert can be accepted.
    const again5 = await commission(5)
    expect(again5.engagementId).toBeTruthy()
    await headB({ method: 'POST', url: `/api/releases/${again5.engagementId}/refuse` })
  })

  it('When someone other than the providing head decides, then 403 and nothing changes; a release list is for heads', async () => {
    const { engagementId } = await commission(2)
    const pending = (await headB({ method: 'GET', url: '/api/releases?status=pending' })).json().items.map((r: { id: string }) => r.id)
    expect(pending).toContain(engagementId)
    const before = await snapshot(t.database.db, s.ids.t!)
    for (const who of [headA, teacherB1, central, admin]) {
      expect((await who({ method: 'POST', url: `/api/releases/${engagementId}/approve` })).statusCode).toBe(403)
      expect((await who({ method: 'POST', url: `/api/releases/${engagementId}/refuse` })).statusCode).toBe(403)
    }
    for (const who of [teacherB1, central, admin]) expect((await who({ method: 'GET', url: '/api/releases' })).statusCode).toBe(403)
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
    expect((await headB({ method: 'POST', url: `/api/releases/${engagementId}/approve` })).json()).toMatchObject({ release: 'approved' })
    const summary = (await headB({ method: 'GET', url: '/api/releases' })).json().summary
    expect(summary).toMatchObject({ capDays: 4, termLabel: expect.stringMatching(/^(Autumn|Spring|Summer) \d{4}$/) })
  })
})

describe('doing the work', () => {
  it('When the expert logs sessions and the head completes with an impact rating, then the expert is asked to reflect', async () => {
    const { engagementId, requestId } = await commission(1, { title: 'Logging story' })
    await headB({ method: 'POST', url: `/api/releases/${engagementId}/approve` })
    clock.set('2027-02-10T16:00:00Z')
    expect((await headA({ method: 'POST', url: `/api/engagements/${engagementId}/logs`, payload: { date: '2027-01-20', days: 1 } })).statusCode).toBe(403)
    const bad = await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/logs`, payload: { date: '2027-02-30', days: 0.3 } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['date', 'days'])
    await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/logs`, payload: { date: '2027-01-20', days: 0.5, note: 'Observed lessons' } })
    const second = await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/logs`, payload: { date: '2027-01-27', days: 0.5, note: 'Coached the English lead' } })
    expect(second.json()).toMatchObject({ daysLogged: 1, logs: [{ note: 'Observed lessons' }, { note: 'Coached the English lead' }], viewer: { roles: ['expert'], canLog: false, canReflect: true, canComplete: false, canExtend: true } })

    expect((await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/complete`, payload: { impact: 5, reflection: REFLECTION } })).statusCode).toBe(403)
    const badImpact = await headA({ method: 'POST', url: `/api/engagements/${engagementId}/complete`, payload: { impact: 6, reflection: 'short' } })
    expect(badImpact.json().errors).toEqual([
      { path: 'impact', message: 'Rate the impact from 1 to 5' },
      { path: 'reflection', message: 'Write at least 20 characters: what was done and what changed' },
    ])
    const done = await headA({ method: 'POST', url: `/api/engagements/${engagementId}/complete`, payload: { impact: 5, reflection: REFLECTION } })
    expect(done.json()).toMatchObject({ status: 'completed', impact: 5, headReflection: REFLECTION, shareWithTrust: true, viewer: { roles: ['receiving'] } })
    expect((await inbox(teacherB1))[0]).toMatchObject({ kind: 'engagement_completed', title: 'Please add your reflection: “Logging story”' })
    expect((await headA({ method: 'GET', url: `/api/requests/${requestId}` })).json().status).toBe('completed')
    const twice = await headA({ method: 'POST', url: `/api/engagements/${engagementId}/complete`, payload: { impact: 4, reflection: REFLECTION } })
    expect(twice.statusCode).toBe(409)
    expect((await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/logs`, payload: { date: '2027-02-03', days: 1 } })).statusCode).toBe(409)
  })

  it('When the release is still pending, then the work cannot be logged or completed', async () => {
    const { engagementId } = await commission(1)
    const g = (await headA({ method: 'GET', url: `/api/engagements/${engagementId}` })).json()
    if (g.release !== 'pending') return
    const log = await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/logs`, payload: { date: '2027-01-20', days: 1 } })
    expect(log.statusCode).toBe(409)
    expect(log.json().detail).toBe("The expert's own school has not approved their release yet.")
    expect((await headA({ method: 'POST', url: `/api/engagements/${engagementId}/complete`, payload: { impact: 3, reflection: REFLECTION } })).statusCode).toBe(409)
    await headB({ method: 'POST', url: `/api/releases/${engagementId}/refuse` })
  })

  it('When the head keeps the case between the two schools, then only their staff find it; a second reflection is 409', async () => {
    const { engagementId } = await commission(1, { title: 'Private lessons learned about marking' })
    await headB({ method: 'POST', url: `/api/releases/${engagementId}/approve` })
    await headA({ method: 'POST', url: `/api/engagements/${engagementId}/complete`, payload: { impact: 3, reflection: REFLECTION, shareWithTrust: false } })
    expect((await headA({ method: 'POST', url: `/api/engagements/${engagementId}/reflection`, payload: { reflection: REFLECTION } })).statusCode).toBe(403)
    const reflected = await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/reflection`, payload: { reflection: 'Marking policy rewritten with the department, less but better feedback.' } })
    const caseId = reflected.json().caseId as string
    expect(caseId).toBeTruthy()
    expect((await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/reflection`, payload: { reflection: REFLECTION } })).statusCode).toBe(409)
    expect((await inbox(headA))[0]).toMatchObject({ kind: 'case_published', link: `/cases/${caseId}` })
    const own = await teacherA2({ method: 'GET', url: `/api/cases/${caseId}` })
    expect(own.statusCode).toBe(200)
    expect(own.json()).toMatchObject({ visibility: 'schools', impact: 3, title: 'Private lessons learned about marking', approach: expect.stringContaining('Marking policy rewritten') })
    expect((await central({ method: 'GET', url: `/api/cases/${caseId}` })).statusCode).toBe(403)
    expect((await central({ method: 'GET', url: '/api/cases?q=marking' })).json().items.map((c: { id: string }) => c.id)).not.toContain(caseId)
    expect((await teacherA2({ method: 'GET', url: '/api/cases?q=marking' })).json().items.map((c: { id: string }) => c.id)).toContain(caseId)
  })

  it('When a confidential request ends with its case kept between the schools, then only its expert and the two heads read it; an uninvited colleague finds none of its words', async () => {
    const requestId = await openRequest(headA, { title: 'Staff absence in Year 6 handled quietly', problem: 'Long staff absence in Year 6 has unsettled the cohort.', confidentiality: 'invited' })
    expect((await headA({ method: 'POST', url: `/api/requests/${requestId}/invitations`, payload: { expertiseId: s.ids.eB1 } })).statusCode).toBe(201)
    const offerId = await offer(teacherB1, requestId, s.ids.eB1!, 1)
    const accepted = (await headA({ method: 'POST', url: `/api/offers/${offerId}/accept` })).json()
    if (accepted.release === 'pending') await headB({ method: 'POST', url: `/api/releases/${accepted.engagementId}/approve` })
    await headA({ method: 'POST', url: `/api/engagements/${accepted.engagementId}/complete`, payload: { impact: 4, reflection: REFLECTION, shareWithTrust: false } })
    const caseId = (await teacherB1({ method: 'POST', url: `/api/engagements/${accepted.engagementId}/reflection`, payload: { reflection: 'A steady cover plan and one voice for the class.' } })).json().caseId as string
    expect(caseId).toBeTruthy()
    for (const reader of [headA, headB, teacherB1]) expect((await reader({ method: 'GET', url: `/api/cases/${caseId}` })).statusCode).toBe(200)
    expect((await teacherA2({ method: 'GET', url: `/api/requests/${requestId}` })).statusCode).toBe(404)
    expect((await teacherA2({ method: 'GET', url: `/api/cases/${caseId}` })).statusCode).toBe(403)
    const found = (await teacherA2({ method: 'GET', url: '/api/cases?q=absence' })).json().items.map((c: { id: string }) => c.id)
    expect(found).not.toContain(caseId)
    const similar = await teacherA2({ method: 'POST', url: '/api/cases/similar', payload: { title: 'Staff absence in Year 6', problem: 'Long staff absence has unsettled the cohort.', areas: ['reading'] } })
    expect(similar.json().items.map((c: { id: string }) => c.id)).not.toContain(caseId)
    expect((await headA({ method: 'GET', url: '/api/cases?q=absence' })).json().items.map((c: { id: string }) => c.id)).toContain(caseId)
  })

  it('When the expert cancels, then the head and the providing head are told, the days are free and a request with nothing left reopens', async () => {
    const { engagementId, requestId } = await commission(1, { title: 'Cancelled work' })
    expect((await teacherA2({ method: 'POST', url: `/api/engagements/${engagementId}/cancel`, payload: { reason: 'Not mine to cancel' } })).statusCode).toBe(403)
    const res = await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/cancel`, payload: { reason: 'I have moved schools.' } })
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'I have moved schools.' })
    expect((await inbox(headA))[0]).toMatchObject({ kind: 'engagement_cancelled', title: 'Engagement cancelled: “Cancelled work”' })
    expect((await headA({ method: 'GET', url: `/api/requests/${requestId}` })).json()).toMatchObject({ status: 'open', placesFilled: 0 })
    expect((await headA({ method: 'POST', url: `/api/engagements/${engagementId}/cancel`, payload: { reason: 'Cancel it again' } })).statusCode).toBe(409)
  })
})

describe('who sees engagements', () => {
  it('When people list engagements, then each sees theirs; the central team sees all without the words; an administrator sees none', async () => {
    const { engagementId } = await commission(1, { title: 'Visibility of engagements' })
    for (const [who, role] of [[teacherB1, 'expert'], [headA, 'receiving'], [headB, 'providing']] as const) {
      const listed = (await who({ method: 'GET', url: '/api/engagements' })).json().items
      expect(listed.find((g: { id: string }) => g.id === engagementId).viewer.roles).toContain(role)
    }
    expect((await headA({ method: 'GET', url: '/api/engagements?as=providing' })).json().items.map((g: { id: string }) => g.id)).not.toContain(engagementId)
    expect((await headB({ method: 'GET', url: '/api/engagements?as=providing' })).json().items.map((g: { id: string }) => g.id)).toContain(engagementId)
    const seen = (await central({ method: 'GET', url: '/api/engagements' })).json().items
    expect(seen.length).toBeGreaterThan(3)
    for (const g of seen) expect(g).toMatchObject({ headReflection: null, expertReflection: null, logs: [] })
    expect((await admin({ method: 'GET', url: '/api/engagements' })).json().items).toEqual([])
    expect((await teacherA2({ method: 'GET', url: '/api/engagements' })).json().items).toEqual([])
    expect((await teacherA2({ method: 'GET', url: `/api/engagements/${engagementId}` })).statusCode).toBe(403)
    expect((await admin({ method: 'GET', url: `/api/engagements/${engagementId}` })).statusCode).toBe(403)
  })
})
