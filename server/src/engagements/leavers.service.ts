import type { PageQuery } from '@ee/shared/common'
import type { AskColleagueBody, ColleagueList, EndEarlyBody, Engagement, EngagementStatus, NameColleagueBody } from '@ee/shared/engagements'
import { ENGAGEMENT_LIFECYCLE } from '@ee/shared/lifecycles'
import type { HandoverAsk } from '@ee/shared/releases'
import { makeCaseIfReady } from '../cases/cases.service.ts'
import { calendarFor } from '../calendar/calendar.service.ts'
import type { Db, Executor, Tx } from '../db/client.ts'
import { inTransaction } from '../db/transaction.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import type { Calendar } from '../lib/calendar.ts'
import { pageOf } from '../lib/page.ts'
import { assertCan, requestTitleFor } from '../lib/policy.ts'
import { step } from '../lib/lifecycle.ts'
import { conflict, invalid, notFound } from '../lib/problem.ts'
import { headsOf, notify, notifyHeads, notifyMany } from '../notifications/notify.ts'
import { freeDays, freeDaysMany } from '../offers/capacity.ts'
import { closeOffer, offerColleague } from '../offers/offers.service.ts'
import { type RequestRow, lockRequestForChange } from '../requests/requests.service.ts'
import { engagementStep } from './engagement-status.ts'
import { engagementObject, engagementView, settleRequest } from './engagements.service.ts'
import { type EngagementRow, findEngagement, insertEngagement, lockEngagement, lockProviderSchool, updateEngagement } from './engagements.repo.ts'
import { declineOpenExtensionsOf, lockExpertiseRow } from './extensions.repo.ts'
import { type Charge, daysKept, splitCharges } from './handover-days.ts'
import {
  activeEngagementIdsOf,
  awayEngagementsToRemind,
  chargesOf,
  colleagueEntries,
  colleagueOffersOf,
  handoversAskedOf,
  personState,
  replaceCharges,
  schoolNames,
} from './leavers.repo.ts'
import {
  type AwayReason,
  colleagueAsked,
  colleagueNamedToColleague,
  colleagueNamedToReceiver,
  endedEarly,
  expertAwayToProvider,
  expertAwayToReceiver,
  expertBack,
  handedOver,
  stillWaitingToProvider,
  stillWaitingToReceiver,
} from './notices.ts'

/**
 * People who leave (docs/design.md §3, docs/decisions/012-people-who-leave.md). When an expert is
 * deactivated or pauses with work under way, the engagement records it and both heads are told. The
 * receiving head then ends it with what was delivered (their reflection alone makes the case, and the days
 * not delivered go back), or asks the expert's school for a colleague; the colleague's offer, accepted by
 * the receiving head, opens a successor engagement with the days left. Nothing waits for ever: the
 * sweeper reminds whoever is still to act after a few school days.
 */

/** School days after which the sweeper reminds the heads that work still waits on someone who has gone. */
export const AWAY_SCHOOL_DAYS = 5

type SystemActor = Pick<Actor, 'id' | 'trustId'>

const daysLeft = (g: Pick<EngagementRow, 'days' | 'deliveredDays'>) => Math.max(0, g.days - daysKept(g.deliveredDays))

async function loadFor(tx: Executor, actor: Actor, id: string, action: 'engagement.endEarly' | 'engagement.askColleague' | 'engagement.nameColleague') {
  const found = await findEngagement(tx, id)
  if (!found || found.trustId !== actor.trustId) return notFound('engagement')
  assertCan(actor, action, engagementObject(found), 'engagement')
  return found
}

async function expertName(ex: Executor, g: EngagementRow) {
  return (await personState(ex, g.expertId))?.name ?? 'The expert'
}

/** Whether the expert is here: deactivated or paused is away (the reason names which). */
const awayReasonOf = (p: { active: boolean; pausedAt: Date | null }): AwayReason | null => (!p.active ? 'deactivated' : p.pausedAt ? 'paused' : null)

/**
 * Brings a person's work under way in line with whether they are here, in the caller's transaction
 * (deactivation in people, a pause in expertise): work whose expert has gone is marked and both heads are
 * told what they can do; work whose expert is back is unmarked and both heads are told so. Answers how
 * many engagements changed.
 */
export async function noteExpertAvailability(tx: Tx, actor: SystemActor, personId: string, now: Date): Promise<number> {
  const person = await personState(tx, personId)
  if (!person) return 0
  const reason = awayReasonOf(person)
  let changed = 0
  for (const id of await activeEngagementIdsOf(tx, personId)) {
    const found = (await findEngagement(tx, id))!
    const request = await lockRequestForChange(tx, found.requestId)
    const g = (await lockEngagement(tx, id))!
    if (g.status !== 'active' || (g.expertAwayReason ?? null) === reason) continue
    const details = await namesOf(tx, g)
    if (reason) {
      await updateEngagement(tx, id, { expertAwayAt: g.expertAwayAt ?? now, expertAwayReason: reason })
      const left = daysLeft(g)
      await notifyHeads(tx, g.receiverSchoolId, g.trustId, expertAwayToReceiver(request, id, person.name, reason, g.deliveredDays, g.days, left, details.providerSchool))
      if (g.providerSchoolId) await notifyHeads(tx, g.providerSchoolId, g.trustId, expertAwayToProvider(request, id, person.name, reason, details.receiverSchool, g.deliveredDays, g.days))
      await audit(tx, actor, { action: 'engagement.expertAway', objectType: 'engagement', objectId: id, detail: { reason, personId } })
    } else {
      await updateEngagement(tx, id, { expertAwayAt: null, expertAwayReason: null, awayRemindedAt: null })
      const notice = expertBack(request, id, person.name, g.colleagueAskedAt !== null)
      await notifyMany(tx, (await bothHeads(tx, g)).map((personId) => ({ personId, trustId: g.trustId, ...notice })))
      await audit(tx, actor, { action: 'engagement.expertBack', objectType: 'engagement', objectId: id, detail: { personId } })
    }
    changed++
  }
  return changed
}

async function bothHeads(tx: Executor, g: EngagementRow): Promise<string[]> {
  return [...new Set([...(await headsOf(tx, g.receiverSchoolId)), ...(g.providerSchoolId ? await headsOf(tx, g.providerSchoolId) : [])])]
}

async function namesOf(ex: Executor, g: EngagementRow) {
  const names = await schoolNames(ex, [g.receiverSchoolId, ...(g.providerSchoolId ? [g.providerSchoolId] : [])])
  return { receiverSchool: names.get(g.receiverSchoolId) ?? 'the receiving school', providerSchool: g.providerSchoolId ? (names.get(g.providerSchoolId) ?? null) : null }
}

const stillHere = (expert: string) =>
  conflict(`${expert} is still working on this. Complete the engagement when the work is done, or cancel it.`)

/**
 * The receiving head ends the work with what was delivered: it is completed with the days logged (whole
 * days), the days not delivered go back to the expert's capacity and the school's budget, and the head's
 * reflection and rating make the case without the reflection of someone who has gone.
 */
export async function endEarly(db: Db, actor: Actor, id: string, body: EndEarlyBody, now: Date): Promise<Engagement> {
  return inTransaction(db, async (tx) => {
    const found = await loadFor(tx, actor, id, 'engagement.endEarly')
    const request = await lockRequestForChange(tx, found.requestId)
    const g = (await lockEngagement(tx, id))!
    const status = engagementStep(g.status as EngagementStatus, 'endEarly')
    const expert = await expertName(tx, g)
    if (!g.expertAwayAt && !g.colleagueAskedAt) stillHere(expert)
    if (g.deliveredDays <= 0) {
      conflict('No session was logged on this engagement, so there is nothing delivered to end it with. Cancel it instead, or ask for a colleague to take it over.')
    }
    const keep = daysKept(g.deliveredDays)
    const { kept } = splitCharges(await chargesOf(tx, g), keep)
    await replaceCharges(tx, g, kept)
    const returned = g.days - keep
    await updateEngagement(tx, id, {
      status, completedAt: now, impact: body.impact, headReflection: body.reflection, caseVisibility: body.shareWithTrust ? 'trust' : 'schools',
      days: keep, returnedDays: returned,
    })
    await declineOpenExtensionsOf(tx, id, actor.id, now, 'The engagement ended with what was delivered.')
    const withdrawn = await closeColleagueOffer(tx, id, now)
    await audit(tx, actor, { action: 'engagement.endedEarly', objectType: 'engagement', objectId: id, detail: { delivered: g.deliveredDays, kept: keep, returned, impact: body.impact, ...(withdrawn ? { colleagueOfferClosed: withdrawn } : {}) } })
    await makeCaseIfReady(tx, actor, id)
    const notice = endedEarly(request, id, actor.name, g.deliveredDays, returned)
    const tell = new Set([g.expertId, ...(g.providerSchoolId ? await headsOf(tx, g.providerSchoolId) : [])])
    tell.delete(actor.id)
    await notifyMany(tx, [...tell].map((personId) => ({ personId, trustId: g.trustId, ...notice })))
    await settleRequest(tx, actor, g.requestId, now)
    return engagementView(tx, actor, id)
  })
}

/** A colleague named but not accepted when the work ends otherwise: their offer closes. */
async function closeColleagueOffer(tx: Tx, engagementId: string, now: Date): Promise<string | null> {
  const offer = (await colleagueOffersOf(tx, [engagementId])).get(engagementId)
  if (!offer) return null
  await closeOffer(tx, offer.id, 'engagement_ended', now)
  return offer.id
}

/** The receiving head asks the expert's school to name a colleague for the days left. */
export async function askColleague(db: Db, actor: Actor, id: string, body: AskColleagueBody, now: Date): Promise<Engagement> {
  return inTransaction(db, async (tx) => {
    const found = await loadFor(tx, actor, id, 'engagement.askColleague')
    const request = await lockRequestForChange(tx, found.requestId)
    const g = (await lockEngagement(tx, id))!
    engagementStep(g.status as EngagementStatus, 'askColleague')
    const expert = await expertName(tx, g)
    const { receiverSchool, providerSchool } = await namesOf(tx, g)
    if (g.colleagueAskedAt) conflict(`You have already asked ${providerSchool ?? 'their school'} for a colleague. Wait for their answer, or end the engagement with what was delivered.`)
    if (!g.expertAwayAt) stillHere(expert)
    if (!g.providerSchoolId) conflict(`${expert} does not belong to a school, so there is no school to ask for a colleague. End the engagement with what was delivered, or cancel it.`)
    const left = daysLeft(g)
    if (left < 1) conflict(`All ${g.days} agreed ${g.days === 1 ? 'day was' : 'days were'} delivered, so there is nothing to hand over. End the engagement with what was delivered.`)
    await updateEngagement(tx, id, { colleagueAskedAt: now })
    await notifyHeads(tx, g.providerSchoolId!, g.trustId, colleagueAsked(request, id, actor.name, receiverSchool, expert, left, body.note))
    await audit(tx, actor, { action: 'engagement.colleagueAsked', objectType: 'engagement', objectId: id, detail: { daysLeft: left } })
    return engagementView(tx, actor, id)
  })
}

/** The charges of the days left, each with its term: what a colleague takes over. */
async function remainingShares(ex: Executor, g: EngagementRow, calendar: Calendar) {
  const { rest } = splitCharges(await chargesOf(ex, g), daysKept(g.deliveredDays))
  return rest.map((c) => ({ ...c, term: calendar.termOf(c.termStart) }))
}

/** The providing head's choice of colleagues: their school's people who are here, by each entry they offer. */
export async function listColleagues(db: Db, actor: Actor, id: string, query: PageQuery): Promise<ColleagueList> {
  const g = await loadFor(db, actor, id, 'engagement.nameColleague')
  const calendar = await calendarFor(db, g.trustId)
  const shares = await remainingShares(db, g, calendar)
  const first = shares[0]?.term ?? calendar.termOf(g.termStart)
  const entries = g.providerSchoolId ? await colleagueEntries(db, g.providerSchoolId, g.expertId) : []
  const free = await freeDaysMany(db, entries.map((e) => ({ expertiseId: e.expertiseId, term: first })))
  const items = entries.map((e) => ({
    person: { id: e.personId, name: e.personName }, expertise: { id: e.expertiseId, title: e.title },
    daysFree: Math.max(0, free.get(`${e.expertiseId}|${first.start}`) ?? 0),
  }))
  return { ...pageOf(items, query), daysLeft: daysLeft(g), termLabel: [...new Set(shares.map((s) => s.term.label))].join(' and ') || first.label }
}

/** The colleague must have the days free in each term the days left fall in. */
async function assertColleagueHasDays(tx: Executor, expertiseId: string, colleague: string, shares: (Charge & { term: { start: string; name: 'autumn' | 'spring' | 'summer'; label: string } })[]) {
  for (const s of shares) {
    const free = await freeDays(tx, expertiseId, s.term)
    if (free < s.days) conflict(`${colleague} has only ${Math.max(free, 0)} ${free === 1 ? 'day' : 'days'} free in ${s.term.label}, fewer than the ${s.days} left to take over there. Name someone else, or ask them to give more days.`)
  }
}

/**
 * The providing head names a colleague: an offer from the same school on the same request, carrying the
 * days left, which the receiving head accepts or declines like any other.
 */
export async function nameColleague(db: Db, actor: Actor, id: string, body: NameColleagueBody, now: Date): Promise<Engagement> {
  return inTransaction(db, async (tx) => {
    const found = await loadFor(tx, actor, id, 'engagement.nameColleague')
    const request = await lockRequestForChange(tx, found.requestId)
    await lockExpertiseRow(tx, body.expertiseId)
    const g = (await lockEngagement(tx, id))!
    engagementStep(g.status as EngagementStatus, 'nameColleague')
    if (!g.colleagueAskedAt) conflict("The receiving school has not asked for a colleague on this work, so there is nobody to name yet.")
    const pending = (await colleagueOffersOf(tx, [id])).get(id)
    if (pending) conflict(`You have already named ${pending.personName}; the receiving headteacher is deciding.`)
    const entry = (await colleagueEntries(tx, g.providerSchoolId!, g.expertId)).find((e) => e.expertiseId === body.expertiseId)
    if (!entry) invalid([{ path: 'expertiseId', message: 'Choose a colleague at your school who is available and offers this expertise now' }])
    const calendar = await calendarFor(tx, g.trustId)
    const shares = await remainingShares(tx, g, calendar)
    const left = shares.reduce((n, s) => n + s.days, 0)
    if (left < 1) conflict('Every agreed day was delivered, so there is nothing left to hand over.')
    await assertColleagueHasDays(tx, entry!.expertiseId, entry!.personName, shares)
    const offerId = await offerColleague(tx, {
      trustId: g.trustId, requestId: g.requestId, expertiseId: entry!.expertiseId, personId: entry!.personId, personName: entry!.personName,
      schoolId: g.providerSchoolId!, message: body.message, days: left, takesOverId: id,
    }, now)
    const expert = await expertName(tx, g)
    await notifyHeads(tx, g.receiverSchoolId, g.trustId, colleagueNamedToReceiver(request, id, actor.name, entry!.personName, expert, left, body.message))
    await notify(tx, { personId: entry!.personId, trustId: g.trustId, ...colleagueNamedToColleague(request, id, actor.name, expert, left) })
    await audit(tx, actor, { action: 'offer.colleagueNamed', objectType: 'offer', objectId: offerId, detail: { engagementId: id, days: left } })
    return engagementView(tx, actor, id)
  })
}

/**
 * The receiving head accepts the colleague's offer (offers.service acceptOffer, after locking the request
 * and the colleague's entry): the engagement keeps what was delivered and is completed (cancelled when
 * nothing was), and a successor engagement opens for the colleague with the days left, charged to the
 * same terms, released at once since their own head named them. Answers the successor's id.
 */
export async function handOver(tx: Tx, actor: Actor, request: RequestRow, offer: { id: string; expertiseId: string; personId: string; takesOverId: string }, now: Date) {
  const found = (await findEngagement(tx, offer.takesOverId))!
  if (found.providerSchoolId) await lockProviderSchool(tx, found.providerSchoolId)
  const g = (await lockEngagement(tx, found.id))!
  const keep = daysKept(g.deliveredDays)
  // What was delivered stays a completed engagement; with nothing delivered there is nothing to keep.
  const end = step(ENGAGEMENT_LIFECYCLE, g.status as EngagementStatus, 'handOver', keep > 0 ? 'completed' : 'cancelled')
  if (!g.colleagueAskedAt) conflict('No colleague was asked for on this work.')
  const colleague = await personState(tx, offer.personId)
  if (!colleague || !colleague.active || colleague.pausedAt) return conflict(`${colleague?.name ?? 'This colleague'} is no longer available. Decline this offer so their school can name someone else.`)
  const calendar = await calendarFor(tx, g.trustId)
  const { kept, rest } = splitCharges(await chargesOf(tx, g), keep)
  const left = rest.reduce((n, c) => n + c.days, 0)
  if (left < 1) conflict('Every agreed day was delivered, so there is nothing left to hand over. End the engagement with what was delivered.')
  await assertColleagueHasDays(tx, offer.expertiseId, colleague.name, rest.map((c) => ({ ...c, term: calendar.termOf(c.termStart) })))
  const successor = await insertEngagement(tx, {
    trustId: g.trustId, offerId: offer.id, requestId: g.requestId, expertiseId: offer.expertiseId, expertId: offer.personId,
    providerSchoolId: g.providerSchoolId, receiverSchoolId: g.receiverSchoolId, days: left, termStart: rest[0]!.termStart,
    status: 'active', release: 'approved', releaseDecidedAt: now, createdAt: now, caseVisibility: g.caseVisibility, takesOverId: g.id,
  }, rest)
  await replaceCharges(tx, g, kept)
  await updateEngagement(tx, g.id, {
    status: end, days: keep, handedOverToId: successor.id,
    ...(end === 'completed' ? { completedAt: now } : { cancelledAt: now, cancelReason: `Handed over to ${colleague.name} before any session was logged` }),
  })
  await declineOpenExtensionsOf(tx, g.id, actor.id, now, `The work was handed over to ${colleague.name}.`)
  await audit(tx, actor, { action: 'engagement.handedOver', objectType: 'engagement', objectId: g.id, detail: { to: successor.id, kept: keep, daysLeft: left } })
  await audit(tx, actor, { action: 'engagement.created', objectType: 'engagement', objectId: successor.id, detail: { days: left, takesOver: g.id, terms: rest } })
  await audit(tx, actor, { action: 'release.approved', objectType: 'release', objectId: successor.id, detail: { automatic: true, reason: 'named by its own head' } })
  const notice = handedOver(request, successor.id, actor.name, colleague.name, left)
  const tell = new Set([g.expertId, ...(g.providerSchoolId ? await headsOf(tx, g.providerSchoolId) : [])])
  await notifyMany(tx, [...tell].map((personId) => ({ personId, trustId: g.trustId, ...notice })))
  return { engagementId: successor.id }
}

/** The providing head's list: work of their staff for which a colleague is asked. */
export async function handoversFor(ex: Executor, actor: Actor, schoolId: string): Promise<HandoverAsk[]> {
  const rows = await handoversAskedOf(ex, actor.trustId, schoolId)
  return rows.map((r) => ({
    engagementId: r.id, expert: { id: r.expertId, name: r.expertName },
    request: { id: r.requestId, title: requestTitleFor(actor, { title: r.requestTitle, confidentiality: r.requestConfidentiality }, 'engagement.readText', { trustId: actor.trustId, expertId: r.expertId, receiverSchoolId: r.receiverSchoolId, providerSchoolId: schoolId }) },
    receiverSchool: { id: r.receiverSchoolId, name: r.receiverSchoolName }, daysLeft: daysLeft(r), askedAt: r.colleagueAskedAt!.toISOString(), colleagueNamed: r.named,
  }))
}

/**
 * Nothing waits for ever on a person who has gone: work whose expert has been away for AWAY_SCHOOL_DAYS
 * school days with no choice made, or whose school has named no colleague in as many days since it was
 * asked, is brought back to the receiving head (and the providing head, once asked), once per stage.
 */
export async function remindAwayEngagements(db: Db, now: Date): Promise<number> {
  let reminded = 0
  for (const c of await awayEngagementsToRemind(db)) {
    const since = c.colleagueAskedAt ?? c.expertAwayAt!
    const calendar = await calendarFor(db, c.trustId)
    if (calendar.addSchoolDays(since, AWAY_SCHOOL_DAYS) > now) continue
    const done = await inTransaction(db, async (tx) => {
      const found = await findEngagement(tx, c.id)
      if (!found) return false
      const request = await lockRequestForChange(tx, found.requestId)
      const g = (await lockEngagement(tx, c.id))!
      const stage = g.colleagueAskedAt ?? g.expertAwayAt
      if (g.status !== 'active' || !stage || (g.awayRemindedAt && g.awayRemindedAt >= stage) || (await colleagueOffersOf(tx, [g.id])).has(g.id)) return false
      await updateEngagement(tx, g.id, { awayRemindedAt: now })
      const expert = await expertName(tx, g)
      const asked = g.colleagueAskedAt !== null
      await notifyHeads(tx, g.receiverSchoolId, g.trustId, stillWaitingToReceiver(request, g.id, expert, asked, AWAY_SCHOOL_DAYS))
      if (asked && g.providerSchoolId) await notifyHeads(tx, g.providerSchoolId, g.trustId, stillWaitingToProvider(request, g.id, expert, AWAY_SCHOOL_DAYS))
      await audit(tx, { id: null as unknown as string, trustId: g.trustId }, { action: 'engagement.awayReminded', objectType: 'engagement', objectId: g.id, detail: { colleagueAsked: asked } })
      return true
    })
    if (done) reminded++
  }
  return reminded
}
