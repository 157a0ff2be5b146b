import { type SQL, and, eq, or, sql } from 'drizzle-orm'
import type {
  CancelEngagementBody,
  CompleteEngagementBody,
  Engagement,
  EngagementList,
  EngagementListQuery,
  EngagementStatus,
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
import { conflict, notFound } from '../lib/problem.ts'
import { calendarFor } from '../calendar/calendar.service.ts'
import { headsOf, notify, notifyHeads } from '../notifications/notify.ts'
import { lockRequestForChange, moveRequest } from '../requests/requests.service.ts'
import { inTransaction } from '../db/transaction.ts'
import { assertEngagementTransition, assertReleased } from './engagement-status.ts'
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
  const calendar = await calendarFor(ex, actor.trustId)
  return rows.map((g) => {
    const roles: Engagement['viewer']['roles'] = []
    if (g.expertId === actor.id) roles.push('expert')
    if (headOf(actor, g.receiverSchoolId)) roles.push('receiving')
    if (headOf(actor, g.providerSchoolId)) roles.push('providing')
    if (actor.role === 'central') roles.push('central')
    // The central team reads who worked with whom and for how long, not what was written (policy `engagement.readText`).
    const o = engagementObject(g)
    const words = can(actor, 'engagement.readText', o)
    const active = g.status === 'active'
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
      viewer: {
        roles,
        canLog: active && g.release === 'approved' && can(actor, 'engagement.log', o),
        canComplete: active && g.release === 'approved' && can(actor, 'engagement.complete', o),
        canReflect: g.status !== 'cancelled' && g.release === 'approved' && !g.expertReflection && can(actor, 'engagement.reflect', o),
        canCancel: active && can(actor, 'engagement.cancel', o),
      },
    }
  })
}

async function viewOf(ex: Executor, actor: Actor, id: string): Promise<Engagement> {
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
  return viewOf(db, actor, id)
}

export async function logSession(db: Db, actor: Actor, id: string, body: LogSessionBody, now: Date): Promise<Engagement> {
  return inTransaction(db, async (tx) => {
    const found = await loadEngagement(tx, actor, id)
    assertCan(actor, 'engagement.log', engagementObject(found), 'engagement')
    const g = (await lockEngagement(tx, id))!
    assertReleased(g.status as EngagementStatus, g.release as ReleaseStatus)
    const logId = await insertLog(tx, { trustId: g.trustId, engagementId: id, date: body.date, days: body.days, note: body.note, loggedById: actor.id, createdAt: now })
    if (!g.startedAt || body.date < g.startedAt) await updateEngagement(tx, id, { startedAt: body.date })
    await audit(tx, actor, { action: 'engagement.logged', objectType: 'engagement', objectId: id, detail: { logId, days: body.days } })
    return viewOf(tx, actor, id)
  })
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
 * every engagement fell through, its places are free again and it reopens.
 */
export async function settleRequest(tx: Tx, actor: Pick<Actor, 'id' | 'trustId'>, requestId: string, now: Date): Promise<void> {
  const request = await lockRequestForChange(tx, requestId)
  if (request.status !== 'commissioned') return
  const statuses = await engagementStatusesOfRequest(tx, requestId)
  if (statuses.includes('active')) return
  const to: RequestStatus = statuses.includes('completed') ? 'completed' : 'open'
  await moveRequest(tx, request, to, now)
  await audit(tx, actor, { action: to === 'completed' ? 'request.completed' : 'request.reopened', objectType: 'request', objectId: requestId })
}

export async function completeEngagement(db: Db, actor: Actor, id: string, body: CompleteEngagementBody, now: Date): Promise<Engagement> {
  return inTransaction(db, async (tx) => {
    const { request, g } = await lockForChange(tx, actor, id, 'engagement.complete')
    assertEngagementTransition(g.status as EngagementStatus, 'completed')
    assertReleased(g.status as EngagementStatus, g.release as ReleaseStatus)
    await updateEngagement(tx, id, {
      status: 'completed', completedAt: now, impact: body.impact, headReflection: body.reflection,
      caseVisibility: body.shareWithTrust ? 'trust' : 'schools',
    })
    await audit(tx, actor, { action: 'engagement.completed', objectType: 'engagement', objectId: id, detail: { impact: body.impact } })
    const caseId = await makeCaseIfReady(tx, actor, id)
    await notify(tx, { personId: g.expertId, trustId: g.trustId, ...engagementCompleted(request, id, actor.name, body.impact, caseId) })
    await settleRequest(tx, actor, g.requestId, now)
    return viewOf(tx, actor, id)
  })
}

export async function addReflection(db: Db, actor: Actor, id: string, body: ReflectionBody, now: Date): Promise<Engagement> {
  return inTransaction(db, async (tx) => {
    const { request, g } = await lockForChange(tx, actor, id, 'engagement.reflect')
    if (g.status === 'cancelled') conflict('This engagement was cancelled, so there is nothing to reflect on.')
    if (g.release !== 'approved') conflict("Your own school has not approved your release for this work yet.")
    if (g.expertReflection) conflict('You have already added your reflection.')
    await updateEngagement(tx, id, { expertReflection: body.reflection })
    await audit(tx, actor, { action: 'engagement.reflected', objectType: 'engagement', objectId: id })
    const caseId = await makeCaseIfReady(tx, actor, id)
    if (caseId) await notifyHeads(tx, g.receiverSchoolId, g.trustId, casePublished(request, caseId, actor.name))
    await settleRequest(tx, actor, g.requestId, now)
    return viewOf(tx, actor, id)
  })
}

/** The receiving head or the expert calls the work off; the expert's days are free again. */
export async function cancelEngagement(db: Db, actor: Actor, id: string, body: CancelEngagementBody, now: Date): Promise<Engagement> {
  return inTransaction(db, async (tx) => {
    const { request, g } = await lockForChange(tx, actor, id, 'engagement.cancel')
    assertEngagementTransition(g.status as EngagementStatus, 'cancelled')
    await updateEngagement(tx, id, { status: 'cancelled', cancelledAt: now, cancelReason: body.reason })
    await audit(tx, actor, { action: 'engagement.cancelled', objectType: 'engagement', objectId: id, detail: { reason: body.reason } })
    const tell = new Set<string>([g.expertId, ...(await headsOf(tx, g.receiverSchoolId)), ...(g.providerSchoolId ? await headsOf(tx, g.providerSchoolId) : [])])
    tell.delete(actor.id)
    const notice = engagementCancelled(request, id, actor.name, body.reason)
    for (const personId of tell) await notify(tx, { personId, trustId: g.trustId, ...notice })
    await settleRequest(tx, actor, g.requestId, now)
    return viewOf(tx, actor, id)
  })
}
