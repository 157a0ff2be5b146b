import { type SQL, and, eq, or, sql } from 'drizzle-orm'
import type {
  CancelEngagementBody,
  CompleteEngagementBody,
  Engagement,
  EngagementList,
  EngagementListQuery,
  EngagementStatus,
  ExpertAwayReason,
  LogSessionBody,
  ReflectionBody,
  ReleaseStatus,
} from '@ee/shared/engagements'
import type { RequestStatus } from '@ee/shared/requests'
import { makeCaseIfReady } from '../cases/cases.service.ts'
import type { Db, Executor, Tx } from '../db/client.ts'
import { engagements } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { pageFromWindow, pageWindow } from '../lib/page.ts'
import { assertCan, can, requestTitleFor } from '../lib/policy.ts'
import { conflict, invalid, notFound } from '../lib/problem.ts'
import { toIsoDate } from '../lib/terms.ts'
import { ukDate } from '../calendar/validate.ts'
import { ENGAGEMENT_LIFECYCLE, type EngagementAction, type ExtensionStatus, allows } from '@ee/shared/lifecycles'
import { extensionsByEngagement } from './extensions.repo.ts'
import { daysKept } from './handover-days.ts'
import { colleagueOffersOf, expertsOf } from './leavers.repo.ts'
import { calendarFor } from '../calendar/calendar.service.ts'
import { headsOf, notify, notifyHeads } from '../notifications/notify.ts'
import { lockRequestForChange, moveRequest } from '../requests/requests.service.ts'
import { inTransaction } from '../db/transaction.ts'
import { assertReleased, engagementStep } from './engagement-status.ts'
import { casePublished, engagementCancelled, engagementCompleted } from './notices.ts'
import {
  type EngagementDetail,
  type EngagementRow,
  engagementDetails,
  engagementStatusesOfRequest,
  findEngagement,
  insertEngagement,
  insertLog,
  lockEngagement,
  logsByEngagement,
  updateEngagement,
} from './engagements.repo.ts'

export const engagementObject = (g: Pick<EngagementRow, 'trustId' | 'expertId' | 'receiverSchoolId' | 'providerSchoolId'>) => ({
  trustId: g.trustId, expertId: g.expertId, receiverSchoolId: g.receiverSchoolId, providerSchoolId: g.providerSchoolId,
})

const headOf = (actor: Actor, schoolId: string | null) => actor.role === 'headteacher' && schoolId !== null && actor.schoolId === schoolId

async function toViews(ex: Executor, actor: Actor, rows: EngagementDetail[]): Promise<Engagement[]> {
  const logs = await logsByEngagement(ex, rows.map((r) => r.id))
  const extensions = await extensionsByEngagement(ex, rows.map((r) => r.id))
  const calendar = await calendarFor(ex, actor.trustId)
  // People who leave (docs/decisions/012-people-who-leave.md): the colleague named, and the work handed over or taken over.
  const colleagues = await colleagueOffersOf(ex, rows.filter((r) => r.colleagueAskedAt).map((r) => r.id))
  const linked = await expertsOf(ex, rows.flatMap((r) => [r.handedOverToId, r.takesOverId].filter((x): x is string => x !== null)))
  return rows.map((g) => {
    const roles: Engagement['viewer']['roles'] = []
    if (g.expertId === actor.id) roles.push('expert')
    if (headOf(actor, g.receiverSchoolId)) roles.push('receiving')
    if (headOf(actor, g.providerSchoolId)) roles.push('providing')
    if (actor.role === 'central') roles.push('central')
    // The central team reads who worked with whom and for how long, not what was written (policy `engagement.readText`).
    const o = engagementObject(g)
    const words = can(actor, 'engagement.readText', o)
    const may = (action: EngagementAction) => allows(ENGAGEMENT_LIFECYCLE, g.status as EngagementStatus, action)
    const released = g.release === 'approved'
    const colleague = colleagues.get(g.id)
    const gone = g.expertAwayAt !== null
    const asked = g.colleagueAskedAt !== null
    return {
      id: g.id,
      request: { id: g.requestId, title: requestTitleFor(actor, { title: g.requestTitle, confidentiality: g.requestConfidentiality }, 'engagement.readText', o) },
      offerId: g.offerId,
      expert: { id: g.expertId, name: g.expertName },
      expertise: { id: g.expertiseId, title: g.expertiseTitle },
      providerSchool: g.providerSchoolId ? { id: g.providerSchoolId, name: g.providerSchoolName ?? '' } : null,
      receiverSchool: { id: g.receiverSchoolId, name: g.receiverSchoolName },
      days: g.days,
      daysLogged: g.daysLogged,
      termStart: g.termStart,
      termLabel: calendar.termOf(g.termStart).label,
      status: g.status as EngagementStatus,
      release: g.release as ReleaseStatus,
      releaseDecidedAt: g.releaseDecidedAt?.toISOString() ?? null,
      createdAt: g.createdAt.toISOString(),
      completedAt: g.completedAt?.toISOString() ?? null,
      cancelledAt: g.cancelledAt?.toISOString() ?? null,
      cancelReason: words ? g.cancelReason : null,
      impact: g.impact,
      headReflection: words ? g.headReflection : null,
      expertReflection: words ? g.expertReflection : null,
      shareWithTrust: g.caseVisibility === 'trust',
      caseId: g.caseId,
      logs: words ? (logs.get(g.id) ?? []).map((l) => ({ ...l, createdAt: l.createdAt.toISOString() })) : [],
      extensions: (extensions.get(g.id) ?? []).map((x) => ({
        id: x.id, engagementId: x.engagementId, days: x.days, reason: words ? x.reason : '', status: x.status as ExtensionStatus,
        termStart: x.termStart, termLabel: x.termStart ? calendar.termOf(x.termStart).label : null, proposedAt: x.createdAt.toISOString(),
        decidedAt: x.decidedAt?.toISOString() ?? null, declineReason: words ? x.declineReason : null, releaseDecidedAt: x.releaseDecidedAt?.toISOString() ?? null,
      })),
      away: g.expertAwayAt ? { since: g.expertAwayAt.toISOString(), reason: g.expertAwayReason as ExpertAwayReason } : null,
      colleagueAskedAt: g.colleagueAskedAt?.toISOString() ?? null,
      colleagueOffer: colleague
        ? {
          id: colleague.id, expert: { id: colleague.personId, name: colleague.personName }, expertise: { id: colleague.expertiseId, title: colleague.expertiseTitle },
          days: colleague.days, message: words ? colleague.message : '', createdAt: colleague.createdAt.toISOString(),
        }
        : null,
      returnedDays: g.returnedDays,
      handedOverTo: g.handedOverToId ? (linked.get(g.handedOverToId) ?? null) : null,
      takesOver: g.takesOverId ? (linked.get(g.takesOverId) ?? null) : null,
      viewer: {
        roles,
        // What the reader may do next: a step in the engagement's table, by a party they are (policy.ts).
        canLog: may('log') && released && can(actor, 'engagement.log', o) && g.daysLogged < g.days && !asked,
        canComplete: may('complete') && released && can(actor, 'engagement.complete', o) && !gone && !asked,
        canReflect: may('reflect') && released && !g.expertReflection && can(actor, 'engagement.reflect', o),
        canCancel: may('cancel') && can(actor, 'engagement.cancel', o),
        canExtend: may('extend') && released && can(actor, 'engagement.extend', o) && !asked
          && !(extensions.get(g.id) ?? []).some((x) => x.status === 'proposed' || x.status === 'pending'),
        canEndEarly: may('endEarly') && can(actor, 'engagement.endEarly', o) && (gone || asked) && g.deliveredDays > 0,
        canAskColleague: may('askColleague') && can(actor, 'engagement.askColleague', o) && gone && !asked && g.providerSchoolId !== null
          && g.days - daysKept(g.deliveredDays) >= 1,
        canNameColleague: may('nameColleague') && can(actor, 'engagement.nameColleague', o) && asked && !colleague,
      },
    }
  })
}

export async function engagementView(ex: Executor, actor: Actor, id: string): Promise<Engagement> {
  const [view] = await toViews(ex, actor, await engagementDetails(ex, eq(engagements.id, id)))
  return view!
}

/** Mine: as the expert, as the receiving head, as the providing head; the central team sees all. */
export async function listEngagements(db: Db, actor: Actor, query: EngagementListQuery): Promise<EngagementList> {
  const head = actor.role === 'headteacher' && actor.schoolId
  const parts: Record<'expert' | 'receiving' | 'providing', SQL | undefined> = {
    expert: eq(engagements.expertId, actor.id),
    receiving: head ? eq(engagements.receiverSchoolId, actor.schoolId) : undefined,
    providing: head ? eq(engagements.providerSchoolId, actor.schoolId) : undefined,
  }
  let scope: SQL | undefined
  if (query.as) scope = parts[query.as] ?? sql`false`
  else scope = actor.role === 'central' ? sql`true` : or(...Object.values(parts).filter(Boolean))
  const where = and(eq(engagements.trustId, actor.trustId), scope, query.status ? eq(engagements.status, query.status) : undefined)
  const page = pageFromWindow(await engagementDetails(db, where, pageWindow(query)), query)
  return { items: await toViews(db, actor, page.items), nextCursor: page.nextCursor }
}

async function loadEngagement(ex: Executor, actor: Actor, id: string): Promise<EngagementRow> {
  const g = await findEngagement(ex, id)
  if (!g || g.trustId !== actor.trustId) return notFound('engagement')
  return g
}

/**
 * The start of every change to an engagement: find it (404), check the actor may
 * (403), then lock its request before the engagement itself, the order every writer keeps.
 */
async function lockForChange(tx: Tx, actor: Actor, id: string, action: 'engagement.complete' | 'engagement.reflect' | 'engagement.cancel') {
  const found = await loadEngagement(tx, actor, id)
  assertCan(actor, action, engagementObject(found), 'engagement')
  const request = await lockRequestForChange(tx, found.requestId)
  const g = (await lockEngagement(tx, id))!
  return { request, g }
}

export async function getEngagement(db: Db, actor: Actor, id: string): Promise<Engagement> {
  const g = await loadEngagement(db, actor, id)
  assertCan(actor, 'engagement.read', engagementObject(g), 'engagement')
  return engagementView(db, actor, id)
}

/**
 * Days that add up (docs/design.md §3): a session lies inside the engagement, which runs from the day the
 * offer was accepted (work may begin once agreed) to the end of the request's window, and is not in the
 * future; the days logged never pass the days agreed, and more need a request for more days. Checked
 * under the engagement's row lock, so two logs at once cannot both take the last day.
 */
function assertLogFits(g: EngagementRow, request: { windowEnd: string }, body: LogSessionBody, now: Date): void {
  const today = toIsoDate(now)
  const accepted = toIsoDate(g.createdAt)
  const on = ukDate(body.date)
  if (body.date > today) invalid([{ path: 'date', message: `A session can be logged once it has happened: ${on} is after today (${ukDate(today)})` }])
  if (body.date < accepted) invalid([{ path: 'date', message: `The offer was accepted on ${ukDate(accepted)}; log only sessions from that day on, not ${on}` }])
  if (body.date > request.windowEnd) invalid([{ path: 'date', message: `The window for this work ended on ${ukDate(request.windowEnd)}; ${on} is after it` }])
  const left = g.days - g.deliveredDays
  if (body.days > left) {
    const have = `${g.days} ${g.days === 1 ? 'day was' : 'days were'} agreed and ${g.deliveredDays} ${g.deliveredDays === 1 ? 'is' : 'are'} logged`
    conflict(`${have}, so at most ${Math.max(left, 0)} more can be logged, not ${body.days}. To do more, ask for more days.`)
  }
}

export async function logSession(db: Db, actor: Actor, id: string, body: LogSessionBody, now: Date): Promise<Engagement> {
  return inTransaction(db, async (tx) => {
    const found = await loadEngagement(tx, actor, id)
    assertCan(actor, 'engagement.log', engagementObject(found), 'engagement')
    const request = await lockRequestForChange(tx, found.requestId)
    const g = (await lockEngagement(tx, id))!
    engagementStep(g.status as EngagementStatus, 'log')
    assertReleased(g.release as ReleaseStatus)
    assertNotHandedToColleague(g)
    assertLogFits(g, request, body, now)
    const logId = await insertLog(tx, { trustId: g.trustId, engagementId: id, date: body.date, days: body.days, note: body.note, loggedById: actor.id, createdAt: now })
    if (!g.startedAt || body.date < g.startedAt) await updateEngagement(tx, id, { startedAt: body.date })
    await audit(tx, actor, { action: 'engagement.logged', objectType: 'engagement', objectId: id, detail: { logId, days: body.days } })
    return engagementView(tx, actor, id)
  })
}

/** Once a colleague is asked for, the days left are theirs to take over: the expert who went logs and asks for no more. */
export function assertNotHandedToColleague(g: Pick<EngagementRow, 'colleagueAskedAt'>): void {
  if (g.colleagueAskedAt) conflict("A colleague has been asked for to take this work over, so no more can be logged or asked for on it.")
}

type Commissioned = {
  request: { id: string; trustId: string; schoolId: string; confidentiality: string }
  offer: { id: string; expertiseId: string; personId: string; schoolId: string | null; days: number }
  termStart: string
  shares: { term: { start: string }; days: number }[]
  release: 'approved' | 'pending'
}

/**
 * Accepting an offer opens its engagement (docs/design.md §3), charging the offer's days to each term the
 * window covers. Its case will be as visible as the request was.
 */
export async function openEngagement(tx: Tx, { request, offer, termStart, shares, release }: Commissioned, now: Date): Promise<EngagementRow> {
  return insertEngagement(
    tx,
    {
      trustId: request.trustId, offerId: offer.id, requestId: request.id, expertiseId: offer.expertiseId, expertId: offer.personId,
      providerSchoolId: offer.schoolId, receiverSchoolId: request.schoolId, days: offer.days, termStart,
      status: 'active', release, releaseDecidedAt: release === 'approved' ? now : null, createdAt: now,
      caseVisibility: request.confidentiality === 'invited' ? 'schools' : 'trust',
    },
    shares.map((s) => ({ termStart: s.term.start, days: s.days })),
  )
}

/**
 * A commissioned request is completed once none of its work is under way and some was done; if
 * every engagement fell through, or one did while others go on, a place is free again and it
 * reopens (as after a refused release), so the head can fill it.
 */
export async function settleRequest(tx: Tx, actor: Pick<Actor, 'id' | 'trustId'>, requestId: string, now: Date): Promise<void> {
  const request = await lockRequestForChange(tx, requestId)
  if (request.status !== 'commissioned') return
  const statuses = await engagementStatusesOfRequest(tx, requestId)
  const filled = statuses.filter((s) => s === 'active' || s === 'completed').length
  if (statuses.includes('active') && filled >= request.expertsWanted) return
  const to: RequestStatus = await moveRequest(tx, request, !statuses.includes('active') && statuses.includes('completed') ? 'complete' : 'reopen', now)
  await audit(tx, actor, { action: to === 'completed' ? 'request.completed' : 'request.reopened', objectType: 'request', objectId: requestId })
}

export async function completeEngagement(db: Db, actor: Actor, id: string, body: CompleteEngagementBody, now: Date): Promise<Engagement> {
  return inTransaction(db, async (tx) => {
    const { request, g } = await lockForChange(tx, actor, id, 'engagement.complete')
    const status = engagementStep(g.status as EngagementStatus, 'complete')
    assertReleased(g.release as ReleaseStatus)
    if (g.expertAwayAt || g.colleagueAskedAt) {
      conflict("The expert has left or is away, so their reflection may never come: end the engagement with what was delivered instead, and your reflection alone makes the case.")
    }
    await updateEngagement(tx, id, {
      status, completedAt: now, impact: body.impact, headReflection: body.reflection,
      caseVisibility: body.shareWithTrust ? 'trust' : 'schools',
    })
    await audit(tx, actor, { action: 'engagement.completed', objectType: 'engagement', objectId: id, detail: { impact: body.impact } })
    const caseId = await makeCaseIfReady(tx, actor, id)
    await notify(tx, { personId: g.expertId, trustId: g.trustId, ...engagementCompleted(request, id, actor.name, body.impact, caseId) })
    await settleRequest(tx, actor, g.requestId, now)
    return engagementView(tx, actor, id)
  })
}

export async function addReflection(db: Db, actor: Actor, id: string, body: ReflectionBody, now: Date): Promise<Engagement> {
  return inTransaction(db, async (tx) => {
    const { request, g } = await lockForChange(tx, actor, id, 'engagement.reflect')
    engagementStep(g.status as EngagementStatus, 'reflect')
    if (g.release !== 'approved') conflict("Your own school has not approved your release for this work yet.")
    if (g.expertReflection) conflict('You have already added your reflection.')
    await updateEngagement(tx, id, { expertReflection: body.reflection })
    await audit(tx, actor, { action: 'engagement.reflected', objectType: 'engagement', objectId: id })
    const caseId = await makeCaseIfReady(tx, actor, id)
    if (caseId) await notifyHeads(tx, g.receiverSchoolId, g.trustId, casePublished(request, caseId, actor.name))
    await settleRequest(tx, actor, g.requestId, now)
    return engagementView(tx, actor, id)
  })
}

/** The receiving head or the expert calls the work off; the expert's days are free again. */
export async function cancelEngagement(db: Db, actor: Actor, id: string, body: CancelEngagementBody, now: Date): Promise<Engagement> {
  return inTransaction(db, async (tx) => {
    const { request, g } = await lockForChange(tx, actor, id, 'engagement.cancel')
    const status = engagementStep(g.status as EngagementStatus, 'cancel')
    await updateEngagement(tx, id, { status, cancelledAt: now, cancelReason: body.reason })
    await audit(tx, actor, { action: 'engagement.cancelled', objectType: 'engagement', objectId: id, detail: { reason: body.reason } })
    const tell = new Set<string>([g.expertId, ...(await headsOf(tx, g.receiverSchoolId)), ...(g.providerSchoolId ? await headsOf(tx, g.providerSchoolId) : [])])
    tell.delete(actor.id)
    const notice = engagementCancelled(request, id, actor.name, body.reason)
    for (const personId of tell) await notify(tx, { personId, trustId: g.trustId, ...notice })
    await settleRequest(tx, actor, g.requestId, now)
    return engagementView(tx, actor, id)
  })
}
