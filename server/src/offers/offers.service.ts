import { and, eq } from 'drizzle-orm'
import type {
  AcceptOfferResult,
  CreateInvitationToOfferBody,
  CreateOfferBody,
  DeclineOfferBody,
  NextSuggestions,
  Offer,
  OfferList,
  OfferStatus,
  UpdateOfferBody,
} from '@ee/shared/offers'
import { LAPSED_INVITATION_REASONS, NEXT_SUGGESTIONS } from '@ee/shared/offers'
import type { Match } from '@ee/shared/matching'
import type { RequestStatus } from '@ee/shared/requests'
import { OFFER_LIFECYCLE, REQUEST_LIFECYCLE, allows, startsOf } from '@ee/shared/lifecycles'
import type { Term } from '../lib/calendar.ts'
import { calendarFor } from '../calendar/calendar.service.ts'
import { type Db, type Executor, type Tx, readTogether } from '../db/client.ts'
import { offers } from '../db/schema/index.ts'
import { inTransaction } from '../db/transaction.ts'
import { openEngagement } from '../engagements/engagements.service.ts'
import { handOver } from '../engagements/leavers.service.ts'
import { releaseOnAcceptance } from '../engagements/releases.service.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { nextFreeSuggestions } from '../matching/matching.service.ts'
import type { PageQuery } from '@ee/shared/common'
import { pageOf } from '../lib/page.ts'
import { assertCan, can } from '../lib/policy.ts'
import { conflict, invalid, notFound } from '../lib/problem.ts'
import { notify, notifyHeads } from '../notifications/notify.ts'
import { type RequestRow, commissionRequest, requestStep, loadRequestFor, loadVisibleRequest, lockRequestForChange, placesFilled } from '../requests/requests.service.ts'
import { freeDays, freeDaysMany } from './capacity.ts'
import { withIdempotency } from './idempotency.ts'
import { KeyedMutex } from './keyed-mutex.ts'
import { type NextExpert, type NextStep, colleagueDeclined, invitationDeclined, nextStepWords, invitationExpired, invitationReceived, offerAccepted, offerDeclined, offerReceived, offerWithdrawn, releasePending } from './notices.ts'
import { offerStep } from './offer-status.ts'
import {
  type OfferDetail,
  type OfferRow,
  dueInvitations,
  expertiseWithOwner,
  findOffer,
  insertOffer,
  lastLapsedInvitation,
  liveOfferOf,
  lockExpertise,
  moveOffer,
  offerDetails,
  offerRow,
  pastImpactByPerson,
  personName,
  requestForInvitation,
  waitingOffers,
} from './offers.repo.ts'

/** An invitation not answered in this many school days expires (docs/design.md §3). */
export const INVITATION_SCHOOL_DAYS = 5

/** Accepts queue here by request and expertise before they take a connection (see KeyedMutex). */
const acceptQueue = new KeyedMutex()

const systemActor = (trustId: string) => ({ id: null as unknown as string, trustId })

function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2
  return Math.round(2 * 6371 * Math.asin(Math.sqrt(h)) * 10) / 10
}

async function toOfferViews(ex: Executor, details: OfferDetail[]): Promise<Offer[]> {
  if (details.length === 0) return []
  // Every offer listed together belongs to one request, so to one trust.
  const calendar = await calendarFor(ex, details[0]!.trustId)
  const termOf = (d: OfferDetail) => calendar.termOf(d.requestWindowStart)
  const [impact, free] = await readTogether(ex, [
    () => pastImpactByPerson(ex, details.map((d) => d.personId)),
    () => freeDaysMany(ex, details.map((d) => ({ expertiseId: d.expertiseId, term: termOf(d) }))),
  ])
  return details.map((d) => ({
    id: d.id,
    requestId: d.requestId,
    requestTitle: d.requestTitle,
    status: d.status as OfferStatus,
    closedReason: d.closedReason,
    inviteNote: d.inviteNote,
    message: d.message,
    days: d.days,
    proposedStart: d.proposedStart,
    proposedEnd: d.proposedEnd,
    invitedAt: d.invitedAt?.toISOString() ?? null,
    expiresAt: d.expiresAt?.toISOString() ?? null,
    decidedAt: d.decidedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    expert: { id: d.personId, name: d.expertName, lastActiveAt: d.expertLastActiveAt?.toISOString() ?? null },
    school: d.schoolId ? { id: d.schoolId, name: d.schoolName ?? '' } : null,
    expertise: { id: d.expertiseId, title: d.expertiseTitle, summary: d.expertiseSummary, evidence: d.expertiseEvidence },
    distanceKm: d.schoolLat !== null && d.schoolLng !== null ? distanceKm({ lat: d.schoolLat, lng: d.schoolLng }, { lat: d.requestLat, lng: d.requestLng }) : null,
    pastImpact: impact.get(d.personId) ?? { average: null, count: 0 },
    freeDays: Math.max(0, free.get(`${d.expertiseId}|${termOf(d).start}`) ?? 0),
    engagementId: d.engagementId,
  }))
}

async function offerView(ex: Executor, id: string): Promise<Offer> {
  const [view] = await toOfferViews(ex, await offerDetails(ex, eq(offers.id, id)))
  return view!
}

const offerObject = (o: OfferRow & { requestSchoolId: string }) => ({ trustId: o.trustId, personId: o.personId, requestSchoolId: o.requestSchoolId })

async function loadOffer(ex: Executor, actor: Actor, id: string) {
  const offer = await findOffer(ex, id)
  if (!offer || offer.trustId !== actor.trustId) return notFound('offer')
  return offer
}

/** An expertise entry someone can be invited with, or offer: active, in the trust, its owner available. */
async function availableExpertise(ex: Executor, actor: Actor, expertiseId: string) {
  const row = await expertiseWithOwner(ex, expertiseId)
  if (!row || row.e.trustId !== actor.trustId) return invalid([{ path: 'expertiseId', message: 'We could not find that expertise in your trust' }])
  return row
}


const changedMeanwhile = () => conflict('This offer changed a moment ago. Please reload.')

export async function inviteExpert(db: Db, actor: Actor, requestId: string, body: CreateInvitationToOfferBody, now: Date): Promise<Offer> {
  return inTransaction(db, async (tx) => {
    const { row: request } = await loadRequestFor(tx, actor, requestId, 'request.invite')
    requestStep((await lockRequestForChange(tx, requestId)).status as RequestStatus, 'invite')
    const found = await availableExpertise(tx, actor, body.expertiseId)
    if (!found.e.active || found.e.archivedAt) conflict(`${found.personName} is not offering this expertise at the moment.`)
    if (!found.personActive || found.pausedAt) conflict(`${found.personName} has paused their availability, so they cannot be invited now.`)
    if (found.e.schoolId === request.schoolId || found.personSchoolId === request.schoolId) {
      invalid([{ path: 'expertiseId', message: 'Invite someone from another school: your own staff do not need an invitation' }])
    }
    if (await liveOfferOf(tx, requestId, found.e.personId)) conflict(`${found.personName} has already been invited to, or offered on, this request.`)
    const offerId = await sendInvitation(tx, actor.name, request, { expertiseId: found.e.id, personId: found.e.personId, schoolId: found.personSchoolId, title: found.e.title }, body.note, now)
    await audit(tx, actor, { action: 'offer.invited', objectType: 'offer', objectId: offerId, detail: { requestId } })
    return offerView(tx, offerId)
  })
}

type InvitingRequest = { id: string; trustId: string; title: string; schoolName: string; daysPerExpert: number }
type Invitee = { expertiseId: string; personId: string; schoolId: string | null; title: string }

/** The invitation itself, answered within INVITATION_SCHOOL_DAYS of the trust's calendar, and the expert told. */
async function sendInvitation(tx: Executor, headName: string, request: InvitingRequest, who: Invitee, note: string, now: Date): Promise<string> {
  const offer = await insertOffer(tx, {
    trustId: request.trustId, requestId: request.id, expertiseId: who.expertiseId, personId: who.personId, schoolId: who.schoolId,
    status: 'invited', inviteNote: note, days: request.daysPerExpert, invitedAt: now,
    expiresAt: (await calendarFor(tx, request.trustId)).addSchoolDays(now, INVITATION_SCHOOL_DAYS), createdAt: now, updatedAt: now,
  })
  await notify(tx, { personId: who.personId, trustId: request.trustId, ...invitationReceived(request, headName, who.title, note, INVITATION_SCHOOL_DAYS) })
  return offer.id
}

/** How many more experts the head may still ask: places wanted less those filled and those waiting on an invitation or an offer. */
async function placesOpen(tx: Executor, request: Pick<RequestRow, 'id' | 'expertsWanted'>): Promise<number> {
  return request.expertsWanted - (await placesFilled(tx, request.id)) - (await waitingOffers(tx, request.id))
}

const nextExpert = (m: Match): NextExpert => ({ name: m.person.name, schoolName: m.school.name, expertiseTitle: m.expertise.title })

/**
 * An invitation on this request has just expired or been declined (docs/design.md §3: nobody waits on
 * silence). While the request is open with a place left, the next suggestions still free are found
 * through matching (never a ruled-out expert, never anyone already asked on it); with the head's
 * "invite the next suggestion automatically" on, the first is invited for them here, as a system
 * action, in the caller's transaction. The caller holds the request's lock, so two sweeps cannot both invite.
 */
async function moveOn(tx: Executor, request: RequestRow, lapsedOfferId: string, now: Date): Promise<NextStep> {
  if (!allows(REQUEST_LIFECYCLE, request.status as RequestStatus, 'invite', 'system')) return { invited: null, suggestions: [], placesOpen: 0 }
  const open = await placesOpen(tx, request)
  if (open <= 0) return { invited: null, suggestions: [], placesOpen: open }
  const next = await nextFreeSuggestions(tx, request.id, now, NEXT_SUGGESTIONS + (request.autoInvite ? 1 : 0))
  const first = next[0]
  if (!request.autoInvite || !first) return { invited: null, suggestions: next.map(nextExpert), placesOpen: open }
  const inviting = await requestForInvitation(tx, request.id)
  const offerId = await sendInvitation(
    tx, inviting.raisedByName, { ...inviting, trustId: request.trustId },
    { expertiseId: first.expertise.id, personId: first.person.id, schoolId: first.school.id, title: first.expertise.title }, '', now,
  )
  await audit(tx, systemActor(request.trustId), { action: 'offer.invited', objectType: 'offer', objectId: offerId, detail: { requestId: request.id, automatic: true, after: lapsedOfferId } })
  return { invited: nextExpert(first), suggestions: next.slice(1).map(nextExpert), placesOpen: open - 1 }
}

/**
 * For the expertise and people features: invitations they declined because the expert paused, withdrew
 * an entry or left. Each request moves on as after any decline (its lock taken in id order, so two such
 * changes cannot deadlock); answers, per request, the words its heads read about what happens next.
 */
export async function moveOnAfterDeclines(tx: Executor, declined: readonly { id: string; requestId: string }[], now: Date): Promise<Map<string, string>> {
  const words = new Map<string, string>()
  for (const d of [...declined].sort((a, b) => a.requestId.localeCompare(b.requestId))) {
    if (words.has(d.requestId)) continue
    const request = await lockRequestForChange(tx, d.requestId)
    words.set(d.requestId, nextStepWords(await moveOn(tx, request, d.id, now), INVITATION_SCHOOL_DAYS))
  }
  return words
}

/** An expired invitation lapsed at its answer-by date (the sweep may come later); a declined one when it was declined. */
const lapsedAt = (o: { closedReason: string | null; expiresAt: Date | null; decidedAt: Date | null; updatedAt: Date }) =>
  (o.closedReason === 'expired' ? o.expiresAt : null) ?? o.decidedAt ?? o.updatedAt

/**
 * What the head's request page shows once an invitation has expired or been declined: the latest such
 * invitation, the places still open and, while one is, the next suggestions still free.
 */
export async function nextSuggestions(db: Db, actor: Actor, requestId: string, now: Date): Promise<NextSuggestions> {
  const { row } = await loadRequestFor(db, actor, requestId, 'request.matches')
  const lapsed = await lastLapsedInvitation(db, requestId, LAPSED_INVITATION_REASONS)
  const open = row.status === 'open' ? await placesOpen(db, row) : 0
  const suggestions = lapsed && open > 0 ? await nextFreeSuggestions(db, requestId, now, NEXT_SUGGESTIONS) : []
  return {
    lapsed: lapsed ? { offerId: lapsed.id, expertName: lapsed.expertName, expired: lapsed.closedReason === 'expired', at: lapsedAt(lapsed).toISOString() } : null,
    placesOpen: Math.max(0, open),
    suggestions,
  }
}

/**
 * An expert offers on an open request they can read. If the head had invited them, the invitation
 * becomes this offer (the answer to it).
 */
export async function makeOffer(db: Db, actor: Actor, requestId: string, body: CreateOfferBody, now: Date): Promise<Offer> {
  return inTransaction(db, async (tx) => {
    const { row: request } = await loadRequestFor(tx, actor, requestId, 'offer.create')
    requestStep(request.status as RequestStatus, 'offer')
    const found = await availableExpertise(tx, actor, body.expertiseId)
    if (found.e.personId !== actor.id) invalid([{ path: 'expertiseId', message: 'Offer with one of your own expertise entries' }])
    if (!found.e.active || found.e.archivedAt) invalid([{ path: 'expertiseId', message: 'This expertise entry is archived or paused; choose an active one' }])
    const fields = {
      expertiseId: found.e.id, message: body.message, days: body.days,
      proposedStart: body.proposedStart ?? null, proposedEnd: body.proposedEnd ?? null, updatedAt: now,
    }
    const existing = await liveOfferOf(tx, requestId, actor.id)
    let offerId: string
    if (existing) {
      offerStep(existing.status as OfferStatus, 'answer')
      const moved = await moveOffer(tx, existing.id, ['invited'], { ...fields, status: 'proposed' })
      if (!moved) return conflict('Your invitation changed while you were answering it. Please reload.')
      offerId = moved.id
    } else {
      offerId = (await insertOffer(tx, { ...fields, trustId: actor.trustId, requestId, personId: actor.id, schoolId: actor.schoolId, status: 'proposed', createdAt: now })).id
    }
    await notifyHeads(tx, request.schoolId, actor.trustId, offerReceived(request, actor.name, body, found.e.title, existing !== undefined))
    await audit(tx, actor, { action: existing ? 'offer.answered' : 'offer.proposed', objectType: 'offer', objectId: offerId, detail: { requestId } })
    return offerView(tx, offerId)
  })
}

/** The head sees every offer side by side; an expert sees only their own. */
export async function listOffers(db: Db, actor: Actor, requestId: string, query: PageQuery): Promise<OfferList> {
  const { row, object } = await loadVisibleRequest(db, actor, requestId)
  assertCan(actor, 'offer.list', object, 'request')
  const all = can(actor, 'offer.decide', { trustId: row.trustId, personId: '', requestSchoolId: row.schoolId })
  const where = all ? eq(offers.requestId, requestId) : and(eq(offers.requestId, requestId), eq(offers.personId, actor.id))!
  // One request's offers: as many as were invited and offered, read whole and answered a page at a time.
  const page = pageOf(await offerDetails(db, where), query)
  return { items: await toOfferViews(db, page.items), nextCursor: page.nextCursor }
}

export type AcceptOptions = {
  now: Date
  idempotencyKey?: string
  /** Runs inside the transaction after every write and notice: tests use it to force a rollback. */
  beforeCommit?: (tx: Tx) => Promise<void>
  /** Skip the in-process queue: tests use it to show the row locks alone cannot over-commit. */
  unqueued?: boolean
}

/**
 * Accepting is commissioning (docs/design.md §3), in one transaction that cannot over-commit: lock the
 * request, then the expertise (always that order); check the request is open, a place is left, the
 * offer is still proposed and the expert has the days free in the window's term; then create the
 * engagement with its release — approved while the providing school stays within its
 * releaseDaysPerTerm, otherwise pending for its head. The last place commissions the request and
 * closes the other offers courteously.
 */
export async function acceptOffer(db: Db, actor: Actor, offerId: string, body: { note: string }, opts: AcceptOptions): Promise<AcceptOfferResult> {
  const { now } = opts
  const target = await findOffer(db, offerId)
  const keys = target && !opts.unqueued ? [`request:${target.requestId}`, `expertise:${target.expertiseId}`] : []
  return acceptQueue.run(keys, () => inTransaction(db, async (tx) => {
    const { value } = await withIdempotency(tx, actor, opts.idempotencyKey, `POST /offers/${offerId}/accept`, body, async () => {
      const { request, offer, expertiseFound } = await lockForAcceptance(tx, actor, offerId)
      if (offer.takesOverId) return acceptColleague(tx, actor, request, { ...offer, takesOverId: offer.takesOverId }, body.note, now)
      const filled = await assertPlaceLeft(tx, request, offer)
      const { term, shares } = await assertDaysFree(tx, request, offer, expertiseFound)
      const { release, provider } = await releaseOnAcceptance(tx, offer.schoolId, shares)
      const engagement = await openEngagement(tx, { request, offer, termStart: term.start, shares, release }, now)
      if (!(await moveOffer(tx, offerId, ['proposed'], { status: 'accepted', decidedAt: now, updatedAt: now }))) changedMeanwhile()
      await auditAcceptance(tx, actor, { request, offer, engagementId: engagement.id, term, shares, release })
      await notify(tx, { personId: offer.personId, trustId: request.trustId, ...offerAccepted(request, actor.name, offer.days, body.note, release, engagement.id) })
      if (release === 'pending' && provider) {
        const expertName = (await personName(tx, offer.personId)) ?? 'a member of your staff'
        await notifyHeads(tx, provider.id, request.trustId, releasePending(request, expertName, offer.days, term, shares, provider))
      }
      const requestStatus = filled + 1 >= request.expertsWanted ? await commissionRequest(tx, actor, request, offerId, now) : requestStep(request.status as RequestStatus, 'accept', 'open')
      if (opts.beforeCommit) await opts.beforeCommit(tx)
      return { offer: await offerView(tx, offerId), engagementId: engagement.id, release, requestStatus }
    })
    return value
  }))
}

/**
 * A colleague named to take over work whose expert has gone (docs/decisions/012-people-who-leave.md): the
 * place is the one the engagement already holds, so no place is counted; the engagement hands over.
 */
async function acceptColleague(tx: Tx, actor: Actor, request: RequestRow, offer: OfferRow & { takesOverId: string }, note: string, now: Date): Promise<AcceptOfferResult> {
  offerStep(offer.status as OfferStatus, 'accept')
  const { engagementId } = await handOver(tx, actor, request, offer, now)
  if (!(await moveOffer(tx, offer.id, ['proposed'], { status: 'accepted', decidedAt: now, updatedAt: now }))) changedMeanwhile()
  await audit(tx, actor, { action: 'offer.accepted', objectType: 'offer', objectId: offer.id, detail: { requestId: request.id, engagementId, takesOver: offer.takesOverId } })
  await notify(tx, { personId: offer.personId, trustId: request.trustId, ...offerAccepted(request, actor.name, offer.days, note, 'approved', engagementId) })
  return { offer: await offerView(tx, offer.id), engagementId, release: 'approved', requestStatus: request.status }
}

/** A colleague named by the expert's own head, born proposed with the days left; answers its id. */
export async function offerColleague(
  tx: Tx,
  v: { trustId: string; requestId: string; expertiseId: string; personId: string; personName: string; schoolId: string; message: string; days: number; takesOverId: string },
  now: Date,
): Promise<string> {
  if (await liveOfferOf(tx, v.requestId, v.personId)) conflict(`${v.personName} already has an invitation or an offer on this request. Name someone else, or ask the receiving headteacher to decide on it.`)
  const { personName: _name, ...values } = v
  return (await insertOffer(tx, { ...values, status: 'proposed', createdAt: now, updatedAt: now })).id
}

/** Closes a proposed offer the product no longer needs (a colleague's, once the work ended otherwise). */
export async function closeOffer(tx: Tx, id: string, reason: string, now: Date): Promise<void> {
  await moveOffer(tx, id, startsOf(OFFER_LIFECYCLE, 'close'), { status: offerStep('proposed', 'close'), closedReason: reason, decidedAt: now, updatedAt: now })
}

/** The head may decide on this offer; its request, then its expertise, are locked in that order. */
async function lockForAcceptance(tx: Tx, actor: Actor, offerId: string) {
  const found = await loadOffer(tx, actor, offerId)
  assertCan(actor, 'offer.decide', offerObject(found), 'offer')
  const request = await lockRequestForChange(tx, found.requestId)
  const expertiseFound = (await lockExpertise(tx, found.expertiseId)) !== undefined
  // The expertise locked, checked and charged is the one the accept queue was keyed on.
  return { request, offer: { ...(await offerRow(tx, offerId)), expertiseId: found.expertiseId }, expertiseFound }
}

/** The request is open, the offer still proposed, and a place is left: answers how many are filled. */
async function assertPlaceLeft(tx: Tx, request: RequestRow, offer: OfferRow): Promise<number> {
  if (request.status === 'commissioned') conflict('Every place on this request has already been filled.')
  requestStep(request.status as RequestStatus, 'accept')
  offerStep(offer.status as OfferStatus, 'accept')
  const filled = await placesFilled(tx, request.id)
  if (filled >= request.expertsWanted) conflict('Every place on this request has already been filled.')
  return filled
}

/** The window's days are charged to each term it covers, in proportion to its school days there; the expert must have them free in each. */
async function assertDaysFree(tx: Tx, request: RequestRow, offer: OfferRow, expertiseFound: boolean) {
  const calendar = await calendarFor(tx, request.trustId)
  const term = calendar.termOf(request.windowStart)
  const shares = calendar.splitDays(offer.days, { start: request.windowStart, end: request.windowEnd })
  for (const share of shares) {
    const free = await freeDays(tx, offer.expertiseId, share.term)
    if (!expertiseFound || free < share.days) {
      const offered = shares.length > 1 ? `the ${share.days} of this offer's ${offer.days} days that fall in it` : `the ${offer.days} offered`
      conflict(`The expert has only ${Math.max(free, 0)} ${free === 1 ? 'day' : 'days'} free in ${share.term.label}, fewer than ${offered}. Ask them to offer fewer days, or choose another offer.`)
    }
  }
  return { term, shares }
}

type Acceptance = { request: RequestRow; offer: OfferRow; engagementId: string; term: Term; shares: { term: Term; days: number }[]; release: 'approved' | 'pending' }

async function auditAcceptance(tx: Tx, actor: Actor, { request, offer, engagementId, term, shares, release }: Acceptance) {
  await audit(tx, actor, { action: 'offer.accepted', objectType: 'offer', objectId: offer.id, detail: { requestId: request.id, engagementId } })
  await audit(tx, actor, { action: 'engagement.created', objectType: 'engagement', objectId: engagementId, detail: { days: offer.days, term: term.label, terms: shares.map((s) => ({ term: s.term.label, days: s.days })) } })
  await audit(tx, actor, { action: release === 'approved' ? 'release.approved' : 'release.pending', objectType: 'release', objectId: engagementId, detail: { automatic: true } })
}

/** The head declines an offer or invitation; the invited expert declines an invitation. */
export async function declineOffer(db: Db, actor: Actor, offerId: string, body: DeclineOfferBody, now: Date): Promise<Offer> {
  return inTransaction(db, async (tx) => {
    const found = await loadOffer(tx, actor, offerId)
    const object = offerObject(found)
    const byHead = can(actor, 'offer.decide', object)
    if (!byHead) assertCan(actor, 'offer.respond', object, 'offer')
    const request = await lockRequestForChange(tx, found.requestId)
    const offer = await offerRow(tx, offerId)
    const status = offer.status as OfferStatus
    if (!byHead && status === 'proposed') conflict('To step back from an offer you made, withdraw it.')
    offerStep(status, 'decline')
    const moved = await moveOffer(tx, offerId, [status], {
      status: 'declined', closedReason: byHead ? 'declined' : 'invitation_declined', decidedAt: now, updatedAt: now,
    })
    if (!moved) changedMeanwhile()
    if (byHead) await notify(tx, { personId: offer.personId, trustId: request.trustId, ...offerDeclined(request, actor.name, status === 'invited', body.reason) })
    // A colleague named to take work over: their head may name someone else.
    if (byHead && offer.takesOverId && offer.schoolId) await notifyHeads(tx, offer.schoolId, request.trustId, colleagueDeclined(request, offer.takesOverId, actor.name, await personName(tx, offer.personId) ?? 'The colleague', body.reason))
    if (!byHead) await notifyHeads(tx, request.schoolId, request.trustId, invitationDeclined(request, actor.name, body.reason, await moveOn(tx, request, offerId, now), INVITATION_SCHOOL_DAYS))
    await audit(tx, actor, { action: 'offer.declined', objectType: 'offer', objectId: offerId, detail: { by: byHead ? 'head' : 'expert' } })
    return offerView(tx, offerId)
  })
}

export async function withdrawOffer(db: Db, actor: Actor, offerId: string, now: Date): Promise<Offer> {
  return inTransaction(db, async (tx) => {
    const found = await loadOffer(tx, actor, offerId)
    assertCan(actor, 'offer.withdraw', offerObject(found), 'offer')
    const request = await lockRequestForChange(tx, found.requestId)
    const status = (await offerRow(tx, offerId)).status as OfferStatus
    offerStep(status, 'withdraw')
    if (!(await moveOffer(tx, offerId, [status], { status: 'withdrawn', decidedAt: now, updatedAt: now }))) changedMeanwhile()
    if (status === 'proposed') await notifyHeads(tx, request.schoolId, request.trustId, offerWithdrawn(request, actor.name))
    await audit(tx, actor, { action: 'offer.withdrawn', objectType: 'offer', objectId: offerId })
    return offerView(tx, offerId)
  })
}

export async function updateOffer(db: Db, actor: Actor, offerId: string, body: UpdateOfferBody, now: Date): Promise<Offer> {
  return inTransaction(db, async (tx) => {
    const found = await loadOffer(tx, actor, offerId)
    assertCan(actor, 'offer.withdraw', offerObject(found), 'offer')
    const request = await lockRequestForChange(tx, found.requestId)
    const offer = await offerRow(tx, offerId)
    offerStep(offer.status as OfferStatus, 'edit')
    requestStep(request.status as RequestStatus, 'offer')
    const start = body.proposedStart === undefined ? offer.proposedStart : body.proposedStart
    const end = body.proposedEnd === undefined ? offer.proposedEnd : body.proposedEnd
    if (start && end && end < start) invalid([{ path: 'proposedEnd', message: 'The proposed end must be on or after the start' }])
    const moved = await moveOffer(tx, offerId, ['proposed'], {
      message: body.message, days: body.days, proposedStart: body.proposedStart, proposedEnd: body.proposedEnd, updatedAt: now,
    })
    if (!moved) changedMeanwhile()
    await audit(tx, actor, { action: 'offer.updated', objectType: 'offer', objectId: offerId, detail: { fields: Object.keys(body) } })
    return offerView(tx, offerId)
  })
}

/**
 * Nobody is left waiting on silence (docs/design.md §3): an invitation unanswered past its expiry is
 * declined and the head is told who is next (or who was invited for them). Each in its own transaction,
 * under the request's lock; the guarded move makes a second sweep over the same invitation do nothing.
 */
export async function expireInvitations(db: Db, now: Date): Promise<number> {
  let expired = 0
  for (const id of await dueInvitations(db, now)) {
    const done = await inTransaction(db, async (tx) => {
      const [o] = await offerDetails(tx, eq(offers.id, id))
      if (!o) return false
      const request = await lockRequestForChange(tx, o.requestId)
      const moved = await moveOffer(tx, id, startsOf(OFFER_LIFECYCLE, 'expire'), { status: offerStep('invited', 'expire'), closedReason: 'expired', decidedAt: now, updatedAt: now })
      if (!moved) return false
      await audit(tx, systemActor(o.trustId), { action: 'offer.expired', objectType: 'offer', objectId: id })
      const next = await moveOn(tx, request, id, now)
      await notifyHeads(tx, o.requestSchoolId, o.trustId, invitationExpired({ id: o.requestId, title: o.requestTitle }, o.expertName, next, INVITATION_SCHOOL_DAYS))
      return true
    })
    if (done) expired++
  }
  return expired
}
