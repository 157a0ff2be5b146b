import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { settableClock } from '../../test/clock.ts'
import { type Api, type CommissioningSeed, TERM_START, offer, openRequest, requestBody, seedCommissioning } from '../../test/commissioning.ts'

// The offer is accepted before the window opens; the clock moves on to when the work is done.
const clock = settableClock('2027-01-05T09:00:00Z')
const t = useTestApp({ clock })
let s: CommissioningSeed
let headA: Api, headB: Api, teacherB1: Api
beforeAll(async () => {
  // School B lets 2 days go without asking; a 3-day engagement needs headB's approval.
  s = await seedCommissioning(t.app, { releaseB: 2 })
  headA = await s.api('headA')
  headB = await s.api('headB')
  teacherB1 = await s.api('teacherB1')
})

describe('the whole commissioning loop', () => {
  it('When head A raises a request and B1 helps through to the end, then the work becomes a case other heads find', async () => {
    const requestId = await openRequest(headA, { title: 'Year 7 reading recovery for weak readers' })
    const offerId = await offer(teacherB1, requestId, s.ids.eB1!, 3)

    const offers = await headA({ method: 'GET', url: `/api/requests/${requestId}/offers` })
    expect(offers.statusCode).toBe(200)
    expect(offers.json().items).toHaveLength(1)
    expect(offers.json().items[0]).toMatchObject({
      id: offerId, status: 'proposed', days: 3, expert: { id: s.ids.teacherB1, name: 'teacherB1 Test' },
      school: { id: s.ids.B, name: 'Test Academy B' }, expertise: { title: 'KS3 reading recovery' }, freeDays: 10,
      pastImpact: { average: null, count: 0 },
    })
    expect(offers.json().items[0].distanceKm).toBeGreaterThan(5)

    const accepted = await headA({ method: 'POST', url: `/api/offers/${offerId}/accept`, payload: {} })
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json()).toMatchObject({ release: 'pending', requestStatus: 'commissioned', offer: { status: 'accepted' } })
    const engagementId = accepted.json().engagementId as string

    // Pending release: the expert cannot log yet.
    const early = await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/logs`, payload: { date: '2027-01-20', days: 1 } })
    expect(early.statusCode).toBe(409)

    const releases = await headB({ method: 'GET', url: '/api/releases?status=pending' })
    expect(releases.statusCode).toBe(200)
    expect(releases.json().items).toEqual([expect.objectContaining({ id: engagementId, release: 'pending', days: 3, termStart: TERM_START, termLabel: 'Spring 2027' })])
    expect(releases.json().summary).toMatchObject({ capDays: 2 })

    const approved = await headB({ method: 'POST', url: `/api/releases/${engagementId}/approve` })
    expect(approved.statusCode).toBe(200)
    expect(approved.json()).toEqual({ id: engagementId, release: 'approved', engagementStatus: 'active' })

    clock.set('2027-02-10T16:00:00Z')
    const logged = await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/logs`, payload: { date: '2027-01-20', days: 1.5, note: 'Observed Year 7 guided reading' } })
    expect(logged.statusCode).toBe(201)
    expect(logged.json()).toMatchObject({ daysLogged: 1.5, logs: [{ date: '2027-01-20', days: 1.5, note: 'Observed Year 7 guided reading' }] })

    const completed = await headA({
      method: 'POST', url: `/api/engagements/${engagementId}/complete`,
      payload: { impact: 4, reflection: 'Reading ages rose by a year for most of the group within a term.' },
    })
    expect(completed.statusCode).toBe(200)
    expect(completed.json()).toMatchObject({ status: 'completed', impact: 4, caseId: null, viewer: { canComplete: false } })

    const reflected = await teacherB1({
      method: 'POST', url: `/api/engagements/${engagementId}/reflection`,
      payload: { reflection: 'We rebuilt the intervention around fluency practice and daily reading aloud.' },
    })
    expect(reflected.statusCode).toBe(200)
    const caseId = reflected.json().caseId as string
    expect(caseId).toBeTruthy()

    const request = await headA({ method: 'GET', url: `/api/requests/${requestId}` })
    expect(request.json()).toMatchObject({ status: 'completed', placesFilled: 1 })

    const listed = await headB({ method: 'GET', url: '/api/cases?q=reading recovery' })
    expect(listed.statusCode).toBe(200)
    expect(listed.json().items.map((c: { id: string }) => c.id)).toContain(caseId)
    expect(listed.json().items.find((c: { id: string }) => c.id === caseId)).toMatchObject({
      title: 'Year 7 reading recovery for weak readers', impact: 4, areas: [{ slug: 'reading', name: 'Reading' }],
      outcome: 'Reading ages rose by a year for most of the group within a term.',
    })

    // Head B drafts something similar for their own school: the case is shown beside the form, and on the draft.
    const similar = await headB({ method: 'POST', url: '/api/cases/similar', payload: { title: 'Weak readers in Year 7', problem: 'Our new pupils read poorly', areas: ['reading'] } })
    expect(similar.statusCode).toBe(200)
    expect(similar.json().items[0]).toMatchObject({ id: caseId })
    const draft = await headB({ method: 'POST', url: '/api/requests', payload: requestBody({ title: 'Reading recovery in Year 7', areas: ['reading'] }) })
    const onDraft = await headB({ method: 'GET', url: `/api/requests/${draft.json().id}/similar-cases` })
    expect(onDraft.json().items.map((c: { id: string }) => c.id)).toContain(caseId)

    // The expert was told at each step, newest first.
    const inbox = await teacherB1({ method: 'GET', url: '/api/notifications' })
    expect(inbox.json().items.map((n: { kind: string }) => n.kind)).toEqual(['engagement_completed', 'release_approved', 'offer_accepted'])
    const headInbox = await headA({ method: 'GET', url: '/api/notifications' })
    expect(headInbox.json().items.map((n: { kind: string }) => n.kind)).toEqual(['case_published', 'release_approved', 'offer_received'])
    const headBInbox = await headB({ method: 'GET', url: '/api/notifications' })
    expect(headBInbox.json()).toMatchObject({ unread: 1, items: [{ kind: 'release_pending', link: '/releases', title: 'Please decide on releasing teacherB1 Test' }] })
  })
})
