import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditEvents, offers } from '../db/schema/index.ts'
import { useTestApp } from '../../test/app.ts'
import { type Api, offer, openRequest, seedCommissioning } from '../../test/commissioning.ts'
import { sweep } from '../jobs/sweeper.ts'
import { expireInvitations } from './offers.service.ts'

/**
 * Invitations that move on (issue 13, item 4; docs/design.md §3): when an invitation expires or is
 * declined, the head is told the next suggestions still free and can invite one with one click; with
 * "invite the next suggestion automatically" on, the product invites the next free one for them, never
 * past the places wanted, never a ruled-out expert, never anyone already asked.
 *
 * Each story seeds its own trust (school A asks; school B's experts help; teacherA1 is A's own staff,
 * so always ruled out). Invitations are made due by moving their answer-by date into the past, so a
 * sweep expires exactly the one the story means.
 */
const t = useTestApp()

type Notice = { kind: string; title: string; link: string; body: string }
type Suggestion = { person: { id: string; name: string }; expertise: { id: string; title: string } }
type NextSuggestions = { lapsed: { offerId: string; expertName: string; expired: boolean; at: string } | null; placesOpen: number; suggestions: Suggestion[] }

let trusts = 0
async function world(extraExperts: number) {
  const label = `Move${++trusts}`
  const s = await seedCommissioning(t.app, { extraExperts, capacityB1: 20 }, label)
  const api = await s.apis('headA', 'headB', 'teacherB1')
  const expert = (i: number) => s.api(`expertB${i}`)
  const name = (ref: string) => (ref.startsWith('expertB') ? `Expert B${ref.slice(7)}` : `${ref} ${label}`)
  return { s, ...api, expert, name, schoolA: `${label} Primary A`, schoolB: `${label} Academy B` }
}

const inbox = async (who: Api) => (await who({ method: 'GET', url: '/api/notifications' })).json().items as Notice[]
const invite = (head: Api, requestId: string, expertiseId: string) => head({ method: 'POST', url: `/api/requests/${requestId}/invitations`, payload: { expertiseId } })
const nextFor = async (head: Api, requestId: string) => {
  const res = await head({ method: 'GET', url: `/api/requests/${requestId}/next-suggestions` })
  expect(res.statusCode).toBe(200)
  return res.json<NextSuggestions>()
}

/** The invitation's five school days are over: the next sweep expires it (and only it). */
async function lapse(offerId: string) {
  await t.database.db.update(offers).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(offers.id, offerId))
}

async function offersOn(requestId: string) {
  return t.database.db.select({ id: offers.id, personId: offers.personId, status: offers.status, closedReason: offers.closedReason }).from(offers).where(eq(offers.requestId, requestId))
}

async function invitedBySystem(requestId: string) {
  const rows = await t.database.db
    .select({ actorId: auditEvents.actorId, objectId: auditEvents.objectId, detail: auditEvents.detail })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'offer.invited'), sql`${auditEvents.detail}->>'requestId' = ${requestId}`, sql`${auditEvents.detail}->>'automatic' = 'true'`))
  return rows
}

describe('when an invitation lapses, the head sees who is next', () => {
  it('When an invitation expires, then the head is told the next suggestions still free, never anyone already asked or ruled out', async () => {
    const w = await world(5)
    const id = await openRequest(w.headA, { title: 'Fluency in Year 8', expertsWanted: 3 })
    const silent = (await invite(w.headA, id, w.s.ids.eX0!)).json().id as string
    const declined = (await invite(w.headA, id, w.s.ids.eX1!)).json().id as string
    await (await w.expert(1))({ method: 'POST', url: `/api/offers/${declined}/decline`, payload: { reason: 'Moderation week.' } })
    await offer(w.teacherB1, id, w.s.ids.eB1!, 3)
    expect((await (await w.expert(2))({ method: 'PATCH', url: '/api/me/availability', payload: { paused: true } })).statusCode).toBe(200)

    await lapse(silent)
    expect(await expireInvitations(t.database.db, new Date())).toBe(1)

    const free = ['headB', 'expertB3', 'expertB4'].map(w.name)
    const asked = ['expertB0', 'expertB1', 'expertB2', 'teacherB1', 'teacherA1'].map(w.name)
    const notice = (await inbox(w.headA)).find((n) => n.kind === 'invitation_expired' && n.link === `/requests/${id}`)!
    expect(notice.title).toBe(`No answer from Expert B0: “Fluency in Year 8”`)
    expect(notice.body).toMatch(/^Expert B0 did not answer your invitation within 5 school days, so it has expired\.\n\nThe next suggestions still free are .+\. Open the request to invite one with one click\.$/)
    const nextStep = notice.body.split('\n\n')[1]!
    for (const n of free) expect(nextStep).toContain(`${n} of ${w.schoolB}`)
    for (const n of asked) expect(nextStep).not.toContain(n)

    const next = await nextFor(w.headA, id)
    const [row] = await t.database.db.select({ expiresAt: offers.expiresAt }).from(offers).where(eq(offers.id, silent))
    // At its answer-by date, whenever the sweep came.
    expect(next.lapsed).toEqual({ offerId: silent, expertName: 'Expert B0', expired: true, at: row!.expiresAt!.toISOString() })
    // Three wanted: teacherB1's offer waits on one place, so two are open.
    expect(next.placesOpen).toBe(2)
    expect(next.suggestions.map((m) => m.person.name).sort()).toEqual([...free].sort())
  })

  it('When the head invites a suggestion with one click, then it is an ordinary invitation and the panel moves on', async () => {
    const w = await world(3)
    const id = await openRequest(w.headA, { title: 'Reading for pleasure', expertsWanted: 2 })
    const silent = (await invite(w.headA, id, w.s.ids.eX0!)).json().id as string
    await lapse(silent)
    await expireInvitations(t.database.db, new Date())
    const before = await nextFor(w.headA, id)
    expect(before.placesOpen).toBe(2)
    const chosen = before.suggestions[0]!

    const res = await invite(w.headA, id, chosen.expertise.id)
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ status: 'invited', expert: { id: chosen.person.id }, expertise: { id: chosen.expertise.id } })
    const chosenApi = await w.s.api(Object.entries(w.s.ids).find(([, v]) => v === chosen.person.id)![0])
    expect((await inbox(chosenApi))[0]).toMatchObject({ kind: 'invitation_received', link: `/requests/${id}` })

    const after = await nextFor(w.headA, id)
    expect(after.placesOpen).toBe(1)
    expect(after.suggestions.map((m) => m.person.id)).not.toContain(chosen.person.id)
    // The suggestions are the matching service's: the same people it ranks, less those asked.
    const ranked = (await w.headA({ method: 'GET', url: `/api/requests/${id}/matches?limit=50` })).json<Suggestion[]>()
    const askedIds = new Set((await offersOn(id)).map((o) => o.personId))
    expect(after.suggestions.map((m) => m.person.id)).toEqual([...new Set(ranked.map((m) => m.person.id).filter((p) => !askedIds.has(p)))].slice(0, 3))
  })

  it('When no invitation has lapsed, or another head asks, then there is no panel to show, or 403', async () => {
    const w = await world(1)
    const id = await openRequest(w.headA, { title: 'Nothing lapsed yet' })
    await invite(w.headA, id, w.s.ids.eX0!)
    expect(await nextFor(w.headA, id)).toEqual({ lapsed: null, placesOpen: 0, suggestions: [] })
    const other = await w.headB({ method: 'GET', url: `/api/requests/${id}/next-suggestions` })
    expect(other.statusCode).toBe(403)
  })
})

describe('invite the next suggestion automatically', () => {
  it('When the option is left alone, then it is off: an expiry invites nobody', async () => {
    const w = await world(2)
    const id = await openRequest(w.headA, { title: 'Off by default' })
    expect((await w.headA({ method: 'GET', url: `/api/requests/${id}` })).json().autoInvite).toBe(false)
    const silent = (await invite(w.headA, id, w.s.ids.eX0!)).json().id as string
    await lapse(silent)
    await expireInvitations(t.database.db, new Date())
    expect((await offersOn(id)).map((o) => o.status)).toEqual(['declined'])
    expect(await invitedBySystem(id)).toEqual([])
  })

  it('When an invitation expires on a request that asks for it, then the next free suggestion is invited once, as a system action, and the head is told who', async () => {
    const w = await world(2)
    const id = await openRequest(w.headA, { title: 'Automatic after silence', autoInvite: true })
    expect((await w.headA({ method: 'GET', url: `/api/requests/${id}` })).json().autoInvite).toBe(true)
    const silent = (await invite(w.headA, id, w.s.ids.eX0!)).json().id as string
    await lapse(silent)

    const expected = (await nextFor(w.headA, id)).suggestions
    expect(expected).toEqual([]) // nothing lapsed yet, so no panel
    const ranked = (await w.headA({ method: 'GET', url: `/api/requests/${id}/matches?limit=50` })).json<Suggestion[]>()
    const first = ranked.find((m) => m.person.name !== 'Expert B0')!

    expect((await sweep(t.database.db, new Date())).expired).toBe(1)
    // The sweeper runs again (a second process, a retry): nothing more happens.
    expect((await sweep(t.database.db, new Date())).expired).toBe(0)

    const rows = await offersOn(id)
    expect(rows.filter((o) => o.status === 'invited').map((o) => o.personId)).toEqual([first.person.id])
    const system = await invitedBySystem(id)
    expect(system).toEqual([{ actorId: null, objectId: rows.find((o) => o.status === 'invited')!.id, detail: { requestId: id, automatic: true, after: silent } }])

    const notices = (await inbox(w.headA)).filter((n) => n.kind === 'invitation_expired' && n.link === `/requests/${id}`)
    expect(notices).toHaveLength(1)
    expect(notices[0]!.title).toBe(`No answer from Expert B0: “Automatic after silence” — ${first.person.name} invited instead`)
    expect(notices[0]!.body).toContain(`As you asked, we have invited the next suggestion for you: ${first.person.name} of ${w.schoolB} (“${first.expertise.title}”). They have 5 school days to answer.`)
    const invitee = await w.s.api(Object.entries(w.s.ids).find(([, v]) => v === first.person.id)![0])
    expect((await inbox(invitee)).filter((n) => n.link === `/requests/${id}`)).toEqual([
      expect.objectContaining({ kind: 'invitation_received', title: `${w.schoolA} invites you to help: “Automatic after silence”` }),
    ])
  })

  it('When an invited expert declines on a request that asks for it, then the next free suggestion is invited and the head is told who', async () => {
    const w = await world(2)
    const id = await openRequest(w.headA, { title: 'Automatic after a no', autoInvite: true })
    const invitation = (await invite(w.headA, id, w.s.ids.eX0!)).json().id as string
    const res = await (await w.expert(0))({ method: 'POST', url: `/api/offers/${invitation}/decline`, payload: { reason: 'Ofsted next week.' } })
    expect(res.statusCode).toBe(200)
    const rows = await offersOn(id)
    const invited = rows.filter((o) => o.status === 'invited')
    expect(invited).toHaveLength(1)
    expect(invited[0]!.personId).not.toBe(w.s.ids.expertB0)
    const notice = (await inbox(w.headA)).find((n) => n.kind === 'invitation_declined' && n.link === `/requests/${id}`)!
    expect(notice.title).toMatch(/^Expert B0 cannot help with “Automatic after a no” — .+ invited instead$/)
    expect(notice.body).toMatch(/^Expert B0 has declined your invitation\.\n\n“Ofsted next week\.”\n\nAs you asked, we have invited the next suggestion for you: /)
    expect(await invitedBySystem(id)).toHaveLength(1)
  })

  it('When an invited expert pauses their availability, then the next free suggestion is invited for the head and they are told who', async () => {
    const w = await world(2)
    const id = await openRequest(w.headA, { title: 'Automatic after a pause', autoInvite: true })
    await invite(w.headA, id, w.s.ids.eX0!)
    expect((await (await w.expert(0))({ method: 'PATCH', url: '/api/me/availability', payload: { paused: true } })).json()).toMatchObject({ paused: true, declinedInvitations: 1 })
    const rows = await offersOn(id)
    expect(rows.find((o) => o.personId === w.s.ids.expertB0)).toMatchObject({ status: 'declined', closedReason: 'paused' })
    const invited = rows.filter((o) => o.status === 'invited')
    expect(invited).toHaveLength(1)
    expect(await invitedBySystem(id)).toEqual([expect.objectContaining({ actorId: null, objectId: invited[0]!.id })])
    const notice = (await inbox(w.headA)).find((n) => n.kind === 'invitation_declined' && n.link === `/requests/${id}`)!
    expect(notice.body).toMatch(/^Expert B0 has paused their availability for now, so your invitation was declined for them\.\n\nAs you asked, we have invited the next suggestion for you: .+ They have 5 school days to answer\./)
    expect(await nextFor(w.headA, id)).toMatchObject({ lapsed: { expertName: 'Expert B0', expired: false }, placesOpen: 0, suggestions: [] })
  })

  it('When the places wanted are already covered by invitations, offers or accepted experts, then nobody more is invited', async () => {
    const w = await world(4)
    // Two wanted: one accepted, one still invited. The third invitation lapses.
    const id = await openRequest(w.headA, { title: 'Covered places', expertsWanted: 2, autoInvite: true })
    const accepted = await offer(w.teacherB1, id, w.s.ids.eB1!, 3)
    expect((await w.headA({ method: 'POST', url: `/api/offers/${accepted}/accept` })).statusCode).toBe(200)
    await invite(w.headA, id, w.s.ids.eX0!)
    const extra = (await invite(w.headA, id, w.s.ids.eX1!)).json().id as string
    await lapse(extra)
    await expireInvitations(t.database.db, new Date())
    expect((await offersOn(id)).filter((o) => o.status === 'invited')).toHaveLength(1)
    expect(await invitedBySystem(id)).toEqual([])
    const notice = (await inbox(w.headA)).find((n) => n.kind === 'invitation_expired' && n.link === `/requests/${id}`)!
    expect(notice.body).toContain('Your other invitations and offers cover the places you want, so there is nothing to do for now; if one of them lapses, you will be told who is next.')
    expect(await nextFor(w.headA, id)).toMatchObject({ lapsed: { offerId: extra, expired: true }, placesOpen: 0, suggestions: [] })
  })

  it('When every other expert has been asked or is ruled out, then the one free is invited, and after them nobody is', async () => {
    const w = await world(2)
    // Turned on later, while open: the option is editable like the rest of the request.
    const id = await openRequest(w.headA, { title: 'Down to the last', autoInvite: false })
    const first = (await invite(w.headA, id, w.s.ids.eB1!)).json().id as string
    await w.teacherB1({ method: 'POST', url: `/api/offers/${first}/decline`, payload: {} })
    expect((await w.headB({ method: 'PATCH', url: '/api/me/availability', payload: { paused: true } })).statusCode).toBe(200)
    const silent = (await invite(w.headA, id, w.s.ids.eX0!)).json().id as string
    const version = (await w.headA({ method: 'GET', url: `/api/requests/${id}` })).json().version as number
    const edited = await w.headA({ method: 'PATCH', url: `/api/requests/${id}`, payload: { version, autoInvite: true } })
    expect(edited.statusCode).toBe(200)
    expect(edited.json().autoInvite).toBe(true)

    // Asked: teacherB1 (declined), Expert B0 (expires now). Ruled out: headB (paused), teacherA1 (school A's own). Free: Expert B1.
    await lapse(silent)
    await expireInvitations(t.database.db, new Date())
    const invited = (await offersOn(id)).filter((o) => o.status === 'invited')
    expect(invited.map((o) => o.personId)).toEqual([w.s.ids.expertB1])

    const last = await (await w.expert(1))({ method: 'POST', url: `/api/offers/${invited[0]!.id}/decline`, payload: {} })
    expect(last.statusCode).toBe(200)
    expect((await offersOn(id)).filter((o) => o.status === 'invited')).toEqual([])
    const notice = (await inbox(w.headA)).find((n) => n.kind === 'invitation_declined' && n.title.startsWith('Expert B1'))!
    expect(notice).toMatchObject({
      title: 'Expert B1 cannot help with “Down to the last”',
      body: 'Expert B1 has declined your invitation.\n\nNobody else suggested is free for this request just now. Open the request to widen its areas or its window, or find a colleague in the expertise directory.',
    })
    expect(await nextFor(w.headA, id)).toMatchObject({ lapsed: { expertName: 'Expert B1', expired: false }, placesOpen: 1, suggestions: [] })
  })
})
