import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { offers, requests } from '../db/schema/index.ts'
import { addSchoolDays } from '../lib/terms.ts'
import { useTestApp } from '../../test/app.ts'
import { type Api, type CommissioningSeed, offer, openRequest, requestBody, seedCommissioning, snapshot } from '../../test/commissioning.ts'
import { flagStaleRequests } from '../requests/stale.ts'
import { expireInvitations } from './offers.service.ts'

const t = useTestApp()
let s: CommissioningSeed
let headA: Api, headB: Api, teacherA1: Api, teacherA2: Api, teacherB1: Api, central: Api, admin: Api
beforeAll(async () => {
  s = await seedCommissioning(t.app, { extraExperts: 2 })
  ;({ headA, headB, teacherA1, teacherA2, teacherB1, central, admin } = await s.apis('headA', 'headB', 'teacherA1', 'teacherA2', 'teacherB1', 'central', 'admin'))
})

const invite = (requestId: string, expertiseRef: string, note = 'Your reading work is just what we need.') =>
  headA({ method: 'POST', url: `/api/requests/${requestId}/invitations`, payload: { expertiseId: s.ids[expertiseRef], note } })
const inbox = async (who: Api) => (await who({ method: 'GET', url: '/api/notifications' })).json().items as { kind: string; title: string; link: string; body: string }[]

describe('invitations', () => {
  it('When a head invites an expert, then an invitation waits 5 school days for them and they are told', async () => {
    const id = await openRequest(headA, { title: 'Invitation story' })
    const before = Date.now()
    const res = await invite(id, 'eB1')
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      requestId: id, status: 'invited', inviteNote: 'Your reading work is just what we need.', days: 3, message: '',
      expert: { id: s.ids.teacherB1 }, expertise: { id: s.ids.eB1 }, school: { id: s.ids.B },
    })
    const expires = new Date(res.json().expiresAt).getTime()
    expect(expires).toBeGreaterThanOrEqual(addSchoolDays(new Date(before), 5).getTime() - 1000)
    expect(expires).toBeLessThanOrEqual(addSchoolDays(new Date(), 5).getTime() + 1000)
    expect((await inbox(teacherB1))[0]).toMatchObject({ kind: 'invitation_received', link: `/requests/${id}`, title: 'Test Primary A invites you to help: “Invitation story”' })
  })

  it('When the head invites their own staff, the same person twice, or on a draft, then 400 or 409 and nothing is stored', async () => {
    const id = await openRequest(headA)
    await invite(id, 'eB1')
    const draft = (await headA({ method: 'POST', url: '/api/requests', payload: requestBody() })).json()
    const before = await snapshot(t.database.db, s.ids.t!)
    const own = await invite(id, 'eA1')
    expect(own.statusCode).toBe(400)
    expect(own.json().errors).toEqual([{ path: 'expertiseId', message: 'Invite someone from another school: your own staff do not need an invitation' }])
    const twice = await invite(id, 'eB1')
    expect(twice.statusCode).toBe(409)
    expect(twice.json().detail).toBe('teacherB1 Test has already been invited to, or offered on, this request.')
    expect((await invite(draft.id, 'eB1')).json()).toMatchObject({ status: 409, detail: 'This request is a draft; only an open request can be sent invitations.' })
    expect((await headB({ method: 'POST', url: `/api/requests/${id}/invitations`, payload: { expertiseId: s.ids.eB1 } })).statusCode).toBe(403)
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
  })

  it('When the invited expert offers help, then the invitation becomes their offer and the head is told', async () => {
    const id = await openRequest(headA, { title: 'Answered invitation' })
    const invitation = (await invite(id, 'eB1')).json()
    const answer = await teacherB1({ method: 'POST', url: `/api/requests/${id}/offers`, payload: { expertiseId: s.ids.eB1, message: 'Happy to help with fluency work.', days: 2, proposedStart: '2027-01-18', proposedEnd: '2027-02-12' } })
    expect(answer.statusCode).toBe(201)
    expect(answer.json()).toMatchObject({ id: invitation.id, status: 'proposed', days: 2, message: 'Happy to help with fluency work.', proposedStart: '2027-01-18', proposedEnd: '2027-02-12' })
    expect((await inbox(headA))[0]).toMatchObject({ kind: 'offer_received', title: 'teacherB1 Test answered your invitation: “Answered invitation”' })
  })

  it('When the invited expert declines, then the head is told and may invite the next person; a proposed offer cannot be "declined" by its expert', async () => {
    const id = await openRequest(headA, { title: 'Declined invitation' })
    const invitation = (await invite(id, 'eX0')).json()
    const expert = await s.api('expertB0')
    const res = await expert({ method: 'POST', url: `/api/offers/${invitation.id}/decline`, payload: { reason: 'Exam season for me.' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'declined', closedReason: 'invitation_declined' })
    expect((await inbox(headA))[0]).toMatchObject({ kind: 'invitation_declined', title: 'Expert B0 cannot help with “Declined invitation”' })
    const proposed = await offer(teacherB1, id, s.ids.eB1!)
    const wrong = await teacherB1({ method: 'POST', url: `/api/offers/${proposed}/decline` })
    expect(wrong.statusCode).toBe(409)
    expect(wrong.json().detail).toBe('To step back from an offer you made, withdraw it.')
  })

  it('When an invitation goes unanswered past 5 school days, then it expires and the head is told, once', async () => {
    const id = await openRequest(headA, { title: 'Silent invitation' })
    const invitation = (await invite(id, 'eX1')).json()
    const expiry = new Date(invitation.expiresAt)
    expect(await expireInvitations(t.database.db, new Date(expiry.getTime() - 60_000))).toBe(0)
    const later = new Date(expiry.getTime() + 60_000)
    expect(await expireInvitations(t.database.db, later)).toBeGreaterThanOrEqual(1)
    const [row] = await t.database.db.select().from(offers).where(eq(offers.id, invitation.id))
    expect(row).toMatchObject({ status: 'declined', closedReason: 'expired' })
    const expired = (await inbox(headA)).filter((n) => n.kind === 'invitation_expired' && n.link === `/requests/${id}`)
    expect(expired).toEqual([expect.objectContaining({ title: 'No answer from Expert B1: “Silent invitation”', body: expect.stringMatching(/The next suggestions? still free (is|are) .+\. Open the request to invite one with one click\.$/) })])
    expect(await expireInvitations(t.database.db, later)).toBe(0)
  })
})

describe('offers', () => {
  it('When a teacher of another school offers, then the head sees it side by side with the evidence; an expert sees only their own', async () => {
    const id = await openRequest(headA, { expertsWanted: 2 })
    const o1 = await offer(teacherB1, id, s.ids.eB1!, 2)
    const o2 = await offer(headB, id, s.ids.eHeadB!, 1)
    const all = await headA({ method: 'GET', url: `/api/requests/${id}/offers` })
    expect(all.json().items.map((o: { id: string }) => o.id).sort()).toEqual([o1, o2].sort())
    expect(all.json().items.find((o: { id: string }) => o.id === o2)).toMatchObject({
      expert: { name: 'headB Test' }, expertise: { title: 'Whole-school reading culture', evidence: 'Led whole-school reading culture with measured gains.' },
      freeDays: 6, days: 1, distanceKm: expect.any(Number),
    })
    expect((await teacherB1({ method: 'GET', url: `/api/requests/${id}/offers` })).json().items.map((o: { id: string }) => o.id)).toEqual([o1])
    expect((await teacherA2({ method: 'GET', url: `/api/requests/${id}/offers` })).json().items).toEqual([])
    for (const team of [central, admin]) expect((await team({ method: 'GET', url: `/api/requests/${id}/offers` })).statusCode).toBe(403)
  })

  it('When staff of the requesting school, or someone with another person’s expertise, offer, then 403 or 400', async () => {
    const id = await openRequest(headA)
    const before = await snapshot(t.database.db, s.ids.t!)
    const own = await teacherA1({ method: 'POST', url: `/api/requests/${id}/offers`, payload: { expertiseId: s.ids.eA1, message: 'I work here already.', days: 1 } })
    expect(own.statusCode).toBe(403)
    const borrowed = await teacherB1({ method: 'POST', url: `/api/requests/${id}/offers`, payload: { expertiseId: s.ids.eHeadB, message: 'Using my head’s entry.', days: 1 } })
    expect(borrowed.statusCode).toBe(400)
    expect(borrowed.json().errors).toEqual([{ path: 'expertiseId', message: 'Offer with one of your own expertise entries' }])
    const short = await teacherB1({ method: 'POST', url: `/api/requests/${id}/offers`, payload: { expertiseId: s.ids.eB1, message: 'Hi', days: 0 } })
    expect(short.statusCode).toBe(400)
    expect(short.json().errors.map((e: { path: string }) => e.path)).toEqual(['message', 'days'])
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
  })

  it('When an expert offers twice, then 409; on a confidential request they were not invited to, then 404', async () => {
    const id = await openRequest(headA)
    await offer(teacherB1, id, s.ids.eB1!)
    const again = await teacherB1({ method: 'POST', url: `/api/requests/${id}/offers`, payload: { expertiseId: s.ids.eB1, message: 'Offering a second time.', days: 1 } })
    expect(again.statusCode).toBe(409)
    const secret = await openRequest(headA, { confidentiality: 'invited' })
    const res = await teacherB1({ method: 'POST', url: `/api/requests/${secret}/offers`, payload: { expertiseId: s.ids.eB1, message: 'I guessed the id of this one.', days: 1 } })
    expect(res.statusCode).toBe(404)
  })

  it('When an expert edits and then withdraws their offer, then the head is told; the head cannot withdraw it and it cannot be withdrawn twice', async () => {
    const id = await openRequest(headA, { title: 'Withdrawn offer' })
    const o = await offer(teacherB1, id, s.ids.eB1!)
    const edited = await teacherB1({ method: 'PATCH', url: `/api/offers/${o}`, payload: { days: 2, message: 'Two days is all I can give.' } })
    expect(edited.statusCode).toBe(200)
    expect(edited.json()).toMatchObject({ days: 2, message: 'Two days is all I can give.', status: 'proposed' })
    expect((await headA({ method: 'PATCH', url: `/api/offers/${o}`, payload: { days: 5 } })).statusCode).toBe(403)
    expect((await headA({ method: 'POST', url: `/api/offers/${o}/withdraw` })).statusCode).toBe(403)
    const withdrawn = await teacherB1({ method: 'POST', url: `/api/offers/${o}/withdraw` })
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' })
    expect((await inbox(headA))[0]).toMatchObject({ kind: 'offer_withdrawn', title: 'teacherB1 Test withdrew their offer: “Withdrawn offer”' })
    const twice = await teacherB1({ method: 'POST', url: `/api/offers/${o}/withdraw` })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().detail).toBe('This offer is withdrawn; only an invitation not yet answered or an offer waiting for a decision can be withdrawn.')
    expect((await teacherB1({ method: 'PATCH', url: `/api/offers/${o}`, payload: { days: 1 } })).statusCode).toBe(409)
  })

  it('When the head declines an offer, then the expert hears a courteous no; an accepted offer cannot be declined', async () => {
    const id = await openRequest(headA, { title: 'Declined offer', expertsWanted: 2 })
    const o = await offer(teacherB1, id, s.ids.eB1!, 1)
    const declined = await headA({ method: 'POST', url: `/api/offers/${o}/decline`, payload: { reason: 'We chose a primary specialist.' } })
    expect(declined.json()).toMatchObject({ status: 'declined', closedReason: 'declined' })
    expect((await inbox(teacherB1))[0]).toMatchObject({ kind: 'offer_declined', body: expect.stringContaining('Thank you for your generosity') })
    const o2 = await offer(headB, id, s.ids.eHeadB!, 1)
    await headA({ method: 'POST', url: `/api/offers/${o2}/accept` })
    expect((await headA({ method: 'POST', url: `/api/offers/${o2}/decline` })).statusCode).toBe(409)
  })

  it('When an invitation is accepted before it is answered, then 409', async () => {
    const id = await openRequest(headA)
    const invitation = (await invite(id, 'eB1')).json()
    const res = await headA({ method: 'POST', url: `/api/offers/${invitation.id}/accept` })
    expect(res.statusCode).toBe(409)
    expect(res.json().detail).toBe('This offer is an invitation not yet answered; only an offer waiting for a decision can be accepted.')
  })

  it('When the last place is filled, then the other offers close with thanks and the request is commissioned', async () => {
    const id = await openRequest(headA, { title: 'Filled request' })
    const chosen = await offer(teacherB1, id, s.ids.eB1!, 1)
    const other = await offer(headB, id, s.ids.eHeadB!, 1)
    const invitation = (await invite(id, 'eX0')).json()
    const res = await headA({ method: 'POST', url: `/api/offers/${chosen}/accept`, payload: { note: 'Thank you — we are delighted.' } })
    expect(res.json()).toMatchObject({ requestStatus: 'commissioned', release: 'approved' })
    const [request] = await t.database.db.select().from(requests).where(eq(requests.id, id))
    expect(request).toMatchObject({ status: 'commissioned', commissionedAt: expect.any(Date) })
    const list = (await headA({ method: 'GET', url: `/api/requests/${id}/offers` })).json().items
    expect(list.find((o: { id: string }) => o.id === other)).toMatchObject({ status: 'declined', closedReason: 'filled' })
    expect(list.find((o: { id: string }) => o.id === invitation.id)).toMatchObject({ status: 'declined', closedReason: 'filled' })
    expect((await inbox(headB))[0]).toMatchObject({ kind: 'offer_closed', title: '“Filled request” has been filled', body: expect.stringContaining('Thank you for offering your time') })
    expect((await inbox(teacherB1))[0]).toMatchObject({ kind: 'offer_accepted', body: expect.stringContaining('Thank you — we are delighted.') })
  })
})

describe('requests left waiting', () => {
  it('When an open request has had no offer for 14 days, then its head is told once and it shows as stale', async () => {
    const quiet = await openRequest(headA, { title: 'Nobody has offered' })
    const busy = await openRequest(headA, { title: 'Someone offered' })
    await offer(teacherB1, busy, s.ids.eB1!)
    const in15days = new Date(Date.now() + 15 * 24 * 3600_000)
    expect(await flagStaleRequests(t.database.db, new Date(Date.now() + 13 * 24 * 3600_000))).toBe(0)
    expect(await flagStaleRequests(t.database.db, in15days)).toBeGreaterThanOrEqual(1)
    expect((await headA({ method: 'GET', url: `/api/requests/${quiet}` })).json().stale).toBe(true)
    expect((await headA({ method: 'GET', url: `/api/requests/${busy}` })).json().stale).toBe(false)
    const flagged = (await inbox(headA)).filter((n) => n.kind === 'request_stale')
    expect(flagged.map((n) => n.title)).toContain('No offers yet: “Nobody has offered”')
    expect(flagged.map((n) => n.title)).not.toContain('No offers yet: “Someone offered”')
    expect(await flagStaleRequests(t.database.db, in15days)).toBe(0)
  })
})
