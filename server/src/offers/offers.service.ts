import { and, eq, inArray, lte, ne } from 'drizzle-orm'
import type {
  AcceptOfferResult,
  CreateInvitationToOfferBody,
  CreateOfferBody,
  DeclineOfferBody,
  Offer,
  OfferList,
  OfferStatus,
  UpdateOfferBody,
} from '@ee/shared/offers'
import { type Db, type Executor, type Tx, readTogether } from '../db/client.ts'
import { engagementTerms, engagements, expertise, offers, people, schools } from '../db/schema/index.ts'
import { calendarFor } from '../calendar/calendar.service.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertCan, can } from '../lib/policy.ts'
import { conflict, invalid, notFound } from '../lib/problem.ts'
import { headsOf, notify, notifyMany } from '../notifications/notify.ts'
import { auditMany } from '../requests/audit-many.ts'
import { assertRequestTransition } from '../requests/request-status.ts'
import { loadRequestFor, loadVisibleRequest } from '../requests/requests.service.ts'
import { lockRequest, placesFilledByRequest, updateRequestRow } from '../requests/requests.repo.ts'
import { inTransaction } from '../requests/transaction.ts'
import { freeDays, freeDaysMany, schoolApprovedDays } from './capacity.ts'
import { withIdempotency } from './idempotency.ts'
import { KeyedMutex } from './keyed-mutex.ts'
import { assertOfferTransition } from './offer-status.ts'
import { type OfferDetail, type OfferRow, findOffer, liveOfferOf, lockExpertise, moveOffer, offerDetails, pastImpactByPerson } from './offers.repo.ts'

/** An invitation not answered in this many school days expires (DESIGN §3). */
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
  const [row] = await ex
    .select({ e: expertise, personActive: people.active, pausedAt: people.pausedAt, personName: people.name, personSchoolId: people.schoolId })
    .from(expertise)
    .innerJoin(people, eq(people.id, expertise.personId))
    .where(eq(expertise.id, expertiseId))
  if (!row || row.e.trustId !== actor.trustId) return invalid([{ path: 'expertiseId', message: 'We could not find that expertise in your trust' }])
  return row
}

function assertOpen(status: string, doing: string): void {
  if (status === 'draft') conflict(`Publish the request before ${doing}.`)
  if (status !== 'open') conflict(`This request is ${status}, so it is no longer open for ${doing}.`)
}

export async function inviteExpert(db: Db, actor: Actor, requestId: string, body: CreateInvitationToOfferBody, now: Date): Promise<Offer> {
  return inTransaction(db, async (tx) => {
    const { row: request } = await loadRequestFor(tx, actor, requestId, 'request.invite')
    const locked = (await lockRequest(tx, requestId))!
    assertOpen(locked.status, 'inviting experts')
    const found = await availableExpertise(tx, actor, body.expertiseId)
    if (!found.e.active || found.e.archivedAt) conflict(`${found.personName} is not offering this expertise at the moment.`)
    if (!found.personActive || found.pausedAt) conflict(`${found.personName} has paused their availability, so they cannot be invited now.`)
    if (found.e.schoolId === request.schoolId || found.personSchoolId === request.schoolId) {
      invalid([{ path: 'expertiseId', message: 'Invite someone from another school: your own staff do not need an invitation' }])
    }
    if (await liveOfferOf(tx, requestId, found.e.personId)) conflict(`${found.personName} has already been invited to, or offered on, this request.`)
    const [offer] = await tx
      .insert(offers)
      .values({
        trustId: actor.trustId, requestId, expertiseId: found.e.id, personId: found.e.personId, schoolId: found.personSchoolId,
        status: 'invited', inviteNote: body.note, days: request.daysPerExpert, invitedAt: now,
        expiresAt: (await calendarFor(tx, actor.trustId)).addSchoolDays(now, INVITATION_SCHOOL_DAYS), createdAt: now, updatedAt: now,
      })
      .returning()
    await notify(tx, {
      personId: found.e.personId, trustId: actor.trustId, kind: 'invitation_received', link: `/requests/${requestId}`,
      title: `${request.schoolName} invites you to help: “${request.title}”`,
      body: `${actor.name}, headteacher of ${request.schoolName}, would value your expertise (“${found.e.title}”) for ${request.daysPerExpert} days.${body.note ? `\n\n“${body.note}”` : ''}\n\nPlease answer within ${INVITATION_SCHOOL_DAYS} school days: offer help, or decline.`,
    })
    await audit(tx, actor, { action: 'offer.invited', objectType: 'offer', objectId: offer!.id, detail: { requestId } })
    return offerView(tx, offer!.id)
  })
}

/**
 * An expert offers on an open request they can read. If the head had invited them, the invitation
 * becomes this offer (the answer to it).
 */
export async function makeOffer(db: Db, actor: Actor, requestId: string, body: CreateOfferBody, now: Date): Promise<Offer> {
  return inTransaction(db, async (tx) => {
    const { row: request } = await loadRequestFor(tx, actor, requestId, 'offer.create')
    assertOpen(request.status, 'offers')
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
      assertOfferTransition(existing.status as OfferStatus, 'proposed')
      const moved = await moveOffer(tx, existing.id, ['invited'], { ...fields, status: 'proposed' })
      if (!moved) return conflict('Your invitation changed while you were answering it. Please reload.')
      offerId = moved.id
    } else {
      const [created] = await tx
        .insert(offers)
        .values({ ...fields, trustId: actor.trustId, requestId, personId: actor.id, schoolId: actor.schoolId, status: 'proposed', createdAt: now })
        .returning({ id: offers.id })
      offerId = created!.id
    }
    for (const head of await headsOf(tx, request.schoolId)) {
      await notify(tx, {
        personId: head, trustId: actor.trustId, kind: 'offer_received', link: `/requests/${requestId}`,
        title: existing ? `${actor.name} answered your invitation: “${request.title}”` : `New offer of help: “${request.title}”`,
        body: `${actor.name} offers ${body.days} ${body.days === 1 ? 'day' : 'days'} with “${found.e.title}”.\n\n“${body.message}”`,
      })
    }
    await audit(tx, actor, { action: existing ? 'offer.answered' : 'offer.proposed', objectType: 'offer', objectId: offerId, detail: { requestId } })
    return offerView(tx, offerId)
  })
}

/** The head sees every offer side by side; an expert sees only their own. */
export async function listOffers(db: Db, actor: Actor, requestId: string): Promise<OfferList> {
  const { row, object } = await loadVisibleRequest(db, actor, requestId)
  assertCan(actor, 'offer.list', object, 'request')
  const all = can(actor, 'offer.decide', { trustId: row.trustId, personId: '', requestSchoolId: row.schoolId })
  const where = all ? eq(offers.requestId, requestId) : and(eq(offers.requestId, requestId), eq(offers.personId, actor.id))!
  return { items: await toOfferViews(db, await offerDetails(db, where)) }
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
 * Accepting is commissioning (DESIGN §3), in one transaction that cannot over-commit: lock the
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
      const found = await loadOffer(tx, actor, offerId)
      assertCan(actor, 'offer.decide', offerObject(found), 'offer')
      const request = (await lockRequest(tx, found.requestId))!
      const ex = await lockExpertise(tx, found.expertiseId)
      const [offer] = await tx.select().from(offers).where(eq(offers.id, offerId))
      if (request.status !== 'open') conflict(request.status === 'commissioned' ? 'Every place on this request has already been filled.' : `This request is ${request.status}, so no offer can be accepted.`)
      assertOfferTransition(offer!.status as OfferStatus, 'accepted')
      const filled = (await placesFilledByRequest(tx, [request.id])).get(request.id) ?? 0
      if (filled >= request.expertsWanted) conflict('Every place on this request has already been filled.')
      // The window's days are charged to each term it covers, in proportion to its school days there.
      const calendar = await calendarFor(tx, request.trustId)
      const term = calendar.termOf(request.windowStart)
      const shares = calendar.splitDays(offer!.days, { start: request.windowStart, end: request.windowEnd })
      const spread = shares.length > 1 ? ` (${shares.map((s) => `${s.days} in ${s.term.label}`).join(', ')})` : ''
      for (const share of shares) {
        const free = await freeDays(tx, found.expertiseId, share.term)
        if (!ex || free < share.days) {
          const offered = shares.length > 1 ? `the ${share.days} of this offer's ${offer!.days} days that fall in it` : `the ${offer!.days} offered`
          conflict(`The expert has only ${Math.max(free, 0)} ${free === 1 ? 'day' : 'days'} free in ${share.term.label}, fewer than ${offered}. Ask them to offer fewer days, or choose another offer.`)
        }
      }

      let release: 'approved' | 'pending' = 'approved'
      const [provider] = offer!.schoolId
        ? await tx.select().from(schools).where(eq(schools.id, offer!.schoolId)).for('no key update')
        : []
      if (provider) {
        for (const share of shares) {
          const used = await schoolApprovedDays(tx, provider.id, share.term.start)
          if (used + share.days > provider.releaseDaysPerTerm) release = 'pending'
        }
      }
      const [engagement] = await tx
        .insert(engagements)
        .values({
          trustId: request.trustId, offerId, requestId: request.id, expertiseId: found.expertiseId, expertId: offer!.personId,
          providerSchoolId: offer!.schoolId, receiverSchoolId: request.schoolId, days: offer!.days, termStart: term.start,
          status: 'active', release, releaseDecidedAt: release === 'approved' ? now : null, createdAt: now,
          caseVisibility: request.confidentiality === 'invited' ? 'schools' : 'trust',
        })
        .returning()
      await tx.insert(engagementTerms).values(shares.map((s) => ({ engagementId: engagement!.id, trustId: request.trustId, termStart: s.term.start, days: s.days })))
      const moved = await moveOffer(tx, offerId, ['proposed'], { status: 'accepted', decidedAt: now, updatedAt: now })
      if (!moved) conflict('This offer changed a moment ago. Please reload.')
      await audit(tx, actor, { action: 'offer.accepted', objectType: 'offer', objectId: offerId, detail: { requestId: request.id, engagementId: engagement!.id } })
      await audit(tx, actor, { action: 'engagement.created', objectType: 'engagement', objectId: engagement!.id, detail: { days: offer!.days, term: term.label, terms: shares.map((s) => ({ term: s.term.label, days: s.days })) } })
      await audit(tx, actor, { action: release === 'approved' ? 'release.approved' : 'release.pending', objectType: 'release', objectId: engagement!.id, detail: { automatic: true } })

      await notify(tx, {
        personId: offer!.personId, trustId: request.trustId, kind: 'offer_accepted', link: `/engagements/${engagement!.id}`,
        title: `Your offer was accepted: “${request.title}”`,
        body: `${actor.name} has accepted your offer of ${offer!.days} ${offer!.days === 1 ? 'day' : 'days'}.${body.note ? `\n\n“${body.note}”` : ''}\n\n${
          release === 'approved' ? 'Your school has released you for this work, so you can begin.' : 'Your headteacher will be asked to approve your release before the work begins.'}`,
      })
      if (release === 'pending' && provider) {
        const expertName = await personName(tx, offer!.personId)
        for (const head of await headsOf(tx, provider.id)) {
          await notify(tx, {
            personId: head, trustId: request.trustId, kind: 'release_pending', link: '/releases',
            title: `Please decide on releasing ${expertName}`,
            body: `${expertName} has been commissioned for ${offer!.days} ${offer!.days === 1 ? 'day' : 'days'} in ${shares.length > 1 ? shares.map((s) => s.term.label).join(' and ') : term.label}${spread} on “${request.title}”. This takes ${provider.name} past its ${provider.releaseDaysPerTerm} release days for the term, so it needs your approval.`,
          })
        }
      }

      let requestStatus = request.status
      if (filled + 1 >= request.expertsWanted) {
        assertRequestTransition('open', 'commissioned')
        await updateRequestRow(tx, request.id, { status: 'commissioned', commissionedAt: now }, now)
        requestStatus = 'commissioned'
        await audit(tx, actor, { action: 'request.commissioned', objectType: 'request', objectId: request.id })
        const closed = await tx
          .update(offers)
          .set({ status: 'declined', closedReason: 'filled', decidedAt: now, updatedAt: now })
          .where(and(eq(offers.requestId, request.id), inArray(offers.status, ['invited', 'proposed']), ne(offers.id, offerId)))
          .returning({ id: offers.id, personId: offers.personId })
        await notifyMany(tx, closed.map((o) => ({
          personId: o.personId, trustId: request.trustId, kind: 'offer_closed' as const, link: `/requests/${request.id}`,
          title: `“${request.title}” has been filled`,
          body: 'Thank you for offering your time. Every place on this request has now been filled, so your offer is closed. Your generosity is noticed, and we hope to see you on the next one.',
        })))
        await auditMany(tx, actor, closed.map((o) => ({ action: 'offer.closed', objectType: 'offer', objectId: o.id, detail: { reason: 'filled' } })))
      }
      if (opts.beforeCommit) await opts.beforeCommit(tx)
      return { offer: await offerView(tx, offerId), engagementId: engagement!.id, release, requestStatus }
    })
    return value
  }))
}

async function personName(ex: Executor, id: string): Promise<string> {
  const [p] = await ex.select({ name: people.name }).from(people).where(eq(people.id, id))
  return p?.name ?? 'a member of your staff'
}

/** The head declines an offer or invitation; the invited expert declines an invitation. */
export async function declineOffer(db: Db, actor: Actor, offerId: string, body: DeclineOfferBody, now: Date): Promise<Offer> {
  return inTransaction(db, async (tx) => {
    const found = await loadOffer(tx, actor, offerId)
    const object = offerObject(found)
    const byHead = can(actor, 'offer.decide', object)
    if (!byHead) assertCan(actor, 'offer.respond', object, 'offer')
    const request = (await lockRequest(tx, found.requestId))!
    const [offer] = await tx.select().from(offers).where(eq(offers.id, offerId))
    const status = offer!.status as OfferStatus
    if (!byHead && status !== 'invited') conflict(status === 'proposed' ? 'To step back from an offer you made, withdraw it.' : `This offer is already ${status}.`)
    assertOfferTransition(status, 'declined')
    const moved = await moveOffer(tx, offerId, [status], {
      status: 'declined', closedReason: byHead ? 'declined' : 'invitation_declined', decidedAt: now, updatedAt: now,
    })
    if (!moved) conflict('This offer changed a moment ago. Please reload.')
    if (byHead) {
      await notify(tx, {
        personId: offer!.personId, trustId: request.trustId, kind: 'offer_declined', link: `/requests/${request.id}`,
        title: `About your ${status === 'invited' ? 'invitation' : 'offer'}: “${request.title}”`,
        body: `Thank you for your generosity. ${actor.name} has decided not to take this ${status === 'invited' ? 'invitation' : 'offer'} forward this time.${body.reason ? `\n\n“${body.reason}”` : ''}`,
      })
    } else {
      for (const head of await headsOf(tx, request.schoolId)) {
        await notify(tx, {
          personId: head, trustId: request.trustId, kind: 'invitation_declined', link: `/requests/${request.id}`,
          title: `${actor.name} cannot help with “${request.title}”`,
          body: `${actor.name} has declined your invitation.${body.reason ? `\n\n“${body.reason}”` : ''}\n\nYou could invite the next suggestion.`,
        })
      }
    }
    await audit(tx, actor, { action: 'offer.declined', objectType: 'offer', objectId: offerId, detail: { by: byHead ? 'head' : 'expert' } })
    return offerView(tx, offerId)
  })
}

export async function withdrawOffer(db: Db, actor: Actor, offerId: string, now: Date): Promise<Offer> {
  return inTransaction(db, async (tx) => {
    const found = await loadOffer(tx, actor, offerId)
    assertCan(actor, 'offer.withdraw', offerObject(found), 'offer')
    const request = (await lockRequest(tx, found.requestId))!
    const [offer] = await tx.select().from(offers).where(eq(offers.id, offerId))
    const status = offer!.status as OfferStatus
    assertOfferTransition(status, 'withdrawn')
    if (!(await moveOffer(tx, offerId, [status], { status: 'withdrawn', decidedAt: now, updatedAt: now }))) conflict('This offer changed a moment ago. Please reload.')
    if (status === 'proposed') {
      for (const head of await headsOf(tx, request.schoolId)) {
        await notify(tx, {
          personId: head, trustId: request.trustId, kind: 'offer_withdrawn', link: `/requests/${request.id}`,
          title: `${actor.name} withdrew their offer: “${request.title}”`,
          body: `${actor.name} is no longer able to offer help on this request.`,
        })
      }
    }
    await audit(tx, actor, { action: 'offer.withdrawn', objectType: 'offer', objectId: offerId })
    return offerView(tx, offerId)
  })
}

export async function updateOffer(db: Db, actor: Actor, offerId: string, body: UpdateOfferBody, now: Date): Promise<Offer> {
  return inTransaction(db, async (tx) => {
    const found = await loadOffer(tx, actor, offerId)
    assertCan(actor, 'offer.withdraw', offerObject(found), 'offer')
    const request = (await lockRequest(tx, found.requestId))!
    const [offer] = await tx.select().from(offers).where(eq(offers.id, offerId))
    if (offer!.status !== 'proposed') conflict(offer!.status === 'invited' ? 'Answer the invitation by offering help first.' : `This offer is ${offer!.status}; it can no longer be changed.`)
    assertOpen(request.status, 'changes to offers')
    const start = body.proposedStart === undefined ? offer!.proposedStart : body.proposedStart
    const end = body.proposedEnd === undefined ? offer!.proposedEnd : body.proposedEnd
    if (start && end && end < start) invalid([{ path: 'proposedEnd', message: 'The proposed end must be on or after the start' }])
    const moved = await moveOffer(tx, offerId, ['proposed'], {
      message: body.message, days: body.days, proposedStart: body.proposedStart, proposedEnd: body.proposedEnd, updatedAt: now,
    })
    if (!moved) conflict('This offer changed a moment ago. Please reload.')
    await audit(tx, actor, { action: 'offer.updated', objectType: 'offer', objectId: offerId, detail: { fields: Object.keys(body) } })
    return offerView(tx, offerId)
  })
}

/**
 * Nobody is left waiting on silence (DESIGN §3): an invitation unanswered past its expiry is
 * declined and the head is told, so they can invite the next suggestion. Each in its own transaction.
 */
export async function expireInvitations(db: Db, now: Date): Promise<number> {
  const due = await db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.status, 'invited'), lte(offers.expiresAt, now)))
    .limit(500)
  let expired = 0
  for (const { id } of due) {
    const done = await inTransaction(db, async (tx) => {
      const [o] = await offerDetails(tx, eq(offers.id, id))
      if (!o) return false
      const moved = await moveOffer(tx, id, ['invited'], { status: 'declined', closedReason: 'expired', decidedAt: now, updatedAt: now })
      if (!moved) return false
      for (const head of await headsOf(tx, o.requestSchoolId)) {
        await notify(tx, {
          personId: head, trustId: o.trustId, kind: 'invitation_expired', link: `/requests/${o.requestId}`,
          title: `No answer from ${o.expertName}: “${o.requestTitle}”`,
          body: `${o.expertName} did not answer your invitation within ${INVITATION_SCHOOL_DAYS} school days, so it has expired. You could invite the next suggestion.`,
        })
      }
      await audit(tx, systemActor(o.trustId), { action: 'offer.expired', objectType: 'offer', objectId: id })
      return true
    })
    if (done) expired++
  }
  return expired
}
