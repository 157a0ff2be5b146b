import type { CaseList } from '@ee/shared/cases'
import type { Mode, Phase } from '@ee/shared/common'
import type { CommissioningRequest, CreateRequestBody, RequestList, RequestStatus, UpdateRequestBody } from '@ee/shared/requests'
import { pupilDataWarnings } from '@ee/shared/requests'
import { findSimilarCases } from '../cases/cases.service.ts'
import { type Db, type Executor, readTogether } from '../db/client.ts'
import { inTransaction } from '../db/transaction.ts'
import type { Actor } from '../lib/actor.ts'
import type { PageQuery } from '@ee/shared/common'
import { pageOf, rowsUpTo } from '../lib/page.ts'
import { audit, auditMany } from '../lib/audit.ts'
import { type Action, type PolicyObject, assertCan, can, requestTitleFor } from '../lib/policy.ts'
import { type FieldError, conflict, invalid, notFound } from '../lib/problem.ts'
import { toIsoDate } from '../lib/terms.ts'
import { calendarFor } from '../calendar/calendar.service.ts'
import { notifyMany } from '../notifications/notify.ts'
import { offerClosedNotice } from './notices.ts'
import type { RequestAction } from '@ee/shared/lifecycles'
import { requestStep } from './request-status.ts'

export { requestStep }
import {
  type RequestRow,
  activeEngagementIds,
  closeLiveOffers,
  type RequestWithNames,
  areaIdsOfRequest,
  areaRefsByRequest,
  areasBySlug,
  findRequest,
  insertRequest,
  listRequestRows,
  liveOffersByRequest,
  lockRequest,
  myOffersByRequest,
  participantIds,
  placesFilledByRequest,
  setRequestAreas,
  updateRequestRow,
} from './requests.repo.ts'

export type { RequestRow }

export type RequestPolicyObject = PolicyObject<'request.read'>

export function requestObject(row: Pick<RequestRow, 'trustId' | 'schoolId' | 'confidentiality' | 'status'>, participants: readonly string[] = []): RequestPolicyObject {
  return { trustId: row.trustId, schoolId: row.schoolId, confidentiality: row.confidentiality as 'trust' | 'invited', status: row.status, participantIds: participants }
}

/** The words of a request: its head and participants, and everyone who may see a trust-wide one (policy `request.readText`). */
export const mayReadText = (actor: Actor, o: RequestPolicyObject) => can(actor, 'request.readText', o)

/**
 * Loads a request the reader may know of, or answers 404 exactly as for a missing one (another
 * trust, someone else's draft, a confidential request they were not invited to).
 */
export async function loadVisibleRequest(ex: Executor, actor: Actor, id: string): Promise<{ row: RequestWithNames; object: RequestPolicyObject }> {
  const row = await findRequest(ex, id)
  if (!row || row.trustId !== actor.trustId) return notFound('request')
  const object = requestObject(row, await participantIds(ex, id))
  if (!can(actor, 'request.see', object)) return notFound('request')
  return { row, object }
}

/**
 * For actions: another trust's object is 404; a role that may never do this gets 403 before we
 * check whether the reader can see this particular request (the commissioning right, docs/design.md §1).
 */
export async function loadRequestFor(ex: Executor, actor: Actor, id: string, action: Action): Promise<{ row: RequestWithNames; object: RequestPolicyObject }> {
  const row = await findRequest(ex, id)
  if (!row || row.trustId !== actor.trustId) return notFound('request')
  const object = requestObject(row, await participantIds(ex, id))
  assertCan(actor, action as 'request.update', object, 'request')
  if (!can(actor, 'request.see', object)) return notFound('request')
  return { row, object }
}

export async function toRequestViews(ex: Executor, actor: Actor, rows: RequestWithNames[]): Promise<CommissioningRequest[]> {
  const ids = rows.map((r) => r.id)
  const [areaRefs, filled, live, mine] = await readTogether(ex, [
    () => areaRefsByRequest(ex, ids),
    () => placesFilledByRequest(ex, ids),
    () => liveOffersByRequest(ex, ids),
    () => myOffersByRequest(ex, ids, actor.id),
  ])
  const calendar = await calendarFor(ex, actor.trustId)
  return rows.map((r) => {
    const myOffer = mine.get(r.id) ?? null
    const object = requestObject(r, myOffer ? [actor.id] : [])
    const showText = mayReadText(actor, object)
    const isOwner = can(actor, 'request.update', object)
    const liveMine = myOffer && ['proposed', 'accepted'].includes(myOffer.status)
    const canOffer = r.status === 'open' && can(actor, 'offer.create', object) && !liveMine
    return {
      id: r.id,
      schoolId: r.schoolId,
      schoolName: r.schoolName,
      raisedBy: { id: r.raisedById, name: r.raisedByName },
      title: requestTitleFor(actor, r, 'request.readText', object),
      problem: showText ? r.problem : null,
      tried: showText ? r.tried : null,
      outcome: showText ? r.outcome : null,
      textHidden: !showText,
      areas: areaRefs.get(r.id) ?? [],
      subjects: r.subjects,
      phases: r.phases as Phase[],
      modes: r.modes as Mode[],
      expertsWanted: r.expertsWanted,
      daysPerExpert: r.daysPerExpert,
      window: { start: r.windowStart, end: r.windowEnd },
      termLabel: calendar.termOf(r.windowStart).label,
      confidentiality: r.confidentiality as 'trust' | 'invited',
      autoInvite: r.autoInvite,
      status: r.status as RequestStatus,
      placesFilled: filled.get(r.id) ?? 0,
      liveOffers: live.get(r.id) ?? 0,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      commissionedAt: r.commissionedAt?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
      stale: r.status === 'open' && r.staleNotifiedAt !== null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      version: r.version,
      viewer: { isOwner, canOffer, myOffer },
      warnings: isOwner ? pupilDataWarnings(r) : [],
    }
  })
}

async function viewOf(ex: Executor, actor: Actor, id: string): Promise<CommissioningRequest> {
  const row = await findRequest(ex, id)
  const [view] = await toRequestViews(ex, actor, [row!])
  return view!
}

export async function listRequests(
  db: Db,
  actor: Actor,
  query: { status?: RequestStatus[]; mine?: boolean; area?: string } & PageQuery,
): Promise<RequestList> {
  const rows = await listRequestRows(db, actor, { statuses: query.status, mine: query.mine, area: query.area, limit: rowsUpTo(query) })
  const page = pageOf(rows, query)
  return { items: await toRequestViews(db, actor, page.items), nextCursor: page.nextCursor }
}

export async function getRequest(db: Db, actor: Actor, id: string): Promise<CommissioningRequest> {
  const { row } = await loadVisibleRequest(db, actor, id)
  const [view] = await toRequestViews(db, actor, [row])
  return view!
}

/** Unknown slugs are refused; a retired area stays on a request that had it but cannot be newly chosen. */
async function resolveAreas(ex: Executor, trustId: string, slugs: string[], keep: string[] = []): Promise<string[]> {
  const found = await areasBySlug(ex, trustId, slugs)
  const errors: FieldError[] = []
  const ids: string[] = []
  slugs.forEach((slug, i) => {
    const area = found.get(slug)
    if (!area) errors.push({ path: `areas[${i}]`, message: `There is no area "${slug}" in your trust's framework` })
    else if (area.retired && !keep.includes(area.id)) errors.push({ path: `areas[${i}]`, message: `The area "${slug}" has been retired; choose another` })
    else ids.push(area.id)
  })
  if (errors.length) invalid(errors)
  return ids
}

export async function createRequest(db: Db, actor: Actor, body: CreateRequestBody, now: Date): Promise<CommissioningRequest> {
  assertCan(actor, 'request.create', { trustId: actor.trustId, schoolId: actor.schoolId })
  return inTransaction(db, async (tx) => {
    const areaIds = await resolveAreas(tx, actor.trustId, body.areas)
    const row = await insertRequest(tx, {
      trustId: actor.trustId,
      schoolId: actor.schoolId!,
      raisedById: actor.id,
      title: body.title,
      problem: body.problem,
      tried: body.tried,
      outcome: body.outcome,
      subjects: [...new Set(body.subjects)],
      phases: [...new Set(body.phases)],
      modes: [...new Set(body.modes)],
      expertsWanted: body.expertsWanted,
      daysPerExpert: body.daysPerExpert,
      windowStart: body.window.start,
      windowEnd: body.window.end,
      confidentiality: body.confidentiality,
      autoInvite: body.autoInvite,
      status: 'draft',
      createdAt: now,
      updatedAt: now,
    })
    await setRequestAreas(tx, row.id, areaIds)
    await audit(tx, actor, { action: 'request.created', objectType: 'request', objectId: row.id })
    return viewOf(tx, actor, row.id)
  })
}

export async function updateRequest(db: Db, actor: Actor, id: string, body: UpdateRequestBody, now: Date): Promise<CommissioningRequest> {
  return inTransaction(db, async (tx) => {
    const { row } = await loadRequestFor(tx, actor, id, 'request.update')
    requestStep(row.status as RequestStatus, 'edit')
    if (row.version !== body.version) staleEdit()
    const window = body.window ?? { start: row.windowStart, end: row.windowEnd }
    const areaIds = body.areas ? await resolveAreas(tx, actor.trustId, body.areas, await areaIdsOfRequest(tx, id)) : null
    if (row.status === 'open' && body.confidentiality === 'invited' && row.confidentiality === 'trust') {
      // Once published to the whole trust, the words have been read; narrowing now would promise what cannot be kept.
      conflict('This request has been published to the whole trust; it cannot be made invitation-only now.')
    }
    const filled = row.status === 'open' && body.expertsWanted !== undefined ? await placesFilled(tx, id) : 0
    if (row.status === 'open' && body.expertsWanted !== undefined && body.expertsWanted < Math.max(filled, 1)) {
      invalid([{ path: 'expertsWanted', message: `${filled} experts are already commissioned; ask for at least ${filled}` }])
    }
    const updated = await updateRequestRow(
      tx,
      id,
      {
        title: body.title,
        problem: body.problem,
        tried: body.tried,
        outcome: body.outcome,
        subjects: body.subjects ? [...new Set(body.subjects)] : undefined,
        phases: body.phases ? [...new Set(body.phases)] : undefined,
        modes: body.modes ? [...new Set(body.modes)] : undefined,
        expertsWanted: body.expertsWanted,
        daysPerExpert: body.daysPerExpert,
        windowStart: window.start,
        windowEnd: window.end,
        confidentiality: body.confidentiality,
        autoInvite: body.autoInvite,
      },
      now,
      body.version,
    )
    if (!updated) staleEdit()
    if (areaIds) await setRequestAreas(tx, id, areaIds)
    // Asking for no more experts than are already commissioned fills the request, as the last acceptance would.
    if (row.status === 'open' && filled > 0 && filled >= (body.expertsWanted ?? Infinity)) {
      await moveRequest(tx, updated, 'edit', now, 'commissioned')
      await audit(tx, actor, { action: 'request.commissioned', objectType: 'request', objectId: id })
      await closeOffers(tx, actor, updated, 'filled', now)
    }
    await audit(tx, actor, { action: 'request.updated', objectType: 'request', objectId: id, detail: { fields: Object.keys(body).filter((k) => k !== 'version') } })
    return viewOf(tx, actor, id)
  })
}

function staleEdit(): never {
  return conflict('Someone changed this request since you opened it. Reload to see their changes, then make yours again.')
}

export async function publishRequest(db: Db, actor: Actor, id: string, now: Date): Promise<CommissioningRequest> {
  return inTransaction(db, async (tx) => {
    await loadRequestFor(tx, actor, id, 'request.publish')
    const row = await lockRequestForChange(tx, id)
    // Only a draft is published (docs/design.md §3): a commissioned request is never re-opened by hand.
    requestStep(row.status as RequestStatus, 'publish')
    if (row.windowEnd < toIsoDate(now)) conflict('The window for this work has already passed. Change its dates, then publish.')
    await moveRequest(tx, row, 'publish', now)
    await audit(tx, actor, { action: 'request.published', objectType: 'request', objectId: id })
    return viewOf(tx, actor, id)
  })
}

/**
 * A head may withdraw a draft or an open request nobody is yet working on. The experts with a live
 * invitation or offer are told courteously.
 */
export async function withdrawRequest(db: Db, actor: Actor, id: string, now: Date): Promise<CommissioningRequest> {
  return inTransaction(db, async (tx) => {
    await loadRequestFor(tx, actor, id, 'request.withdraw')
    const row = await lockRequestForChange(tx, id)
    requestStep(row.status as RequestStatus, 'withdraw')
    if ((await activeEngagementIds(tx, id)).length) conflict('Experts are already working on this request. Cancel their engagements first, then withdraw it.')
    await moveRequest(tx, row, 'withdraw', now)
    await closeOffers(tx, actor, row, 'request_withdrawn', now)
    await audit(tx, actor, { action: 'request.withdrawn', objectType: 'request', objectId: id })
    return viewOf(tx, actor, id)
  })
}

// What the offers and engagements features do to a request, always under its row lock.

/** The request's row lock: the first lock of every change to it, its offers or its engagements. */
export async function lockRequestForChange(tx: Executor, id: string): Promise<RequestRow> {
  return (await lockRequest(tx, id))!
}

/** Places taken on the request by engagements that still stand. */
export async function placesFilled(ex: Executor, requestId: string): Promise<number> {
  return (await placesFilledByRequest(ex, [requestId])).get(requestId) ?? 0
}

/**
 * Moves a request one step along its table (shared/src/lifecycles.ts), recording the date the step
 * stands for; `to` names which end an action with two ends reached. Answers the new status.
 */
export async function moveRequest(tx: Executor, row: Pick<RequestRow, 'id' | 'status'>, action: RequestAction, now: Date, to?: RequestStatus): Promise<RequestStatus> {
  const next = requestStep(row.status as RequestStatus, action, to)
  const dates =
    next === 'commissioned' ? { commissionedAt: now }
    : next === 'completed' || next === 'withdrawn' ? { closedAt: now }
    : action === 'publish' ? { publishedAt: now }
    : action === 'reopen' ? { commissionedAt: null }
    : {}
  await updateRequestRow(tx, row.id, { status: next, ...dates }, now)
  return next
}

/** The last place is filled: the request is commissioned and every other waiting offer is closed with thanks. */
export async function commissionRequest(tx: Executor, actor: Actor, row: RequestRow, acceptedOfferId: string, now: Date): Promise<'commissioned'> {
  await moveRequest(tx, row, 'accept', now, 'commissioned')
  await audit(tx, actor, { action: 'request.commissioned', objectType: 'request', objectId: row.id })
  await closeOffers(tx, actor, row, 'filled', now, acceptedOfferId)
  return 'commissioned'
}

async function closeOffers(tx: Executor, actor: Actor, row: RequestRow, reason: 'filled' | 'request_withdrawn', now: Date, except?: string) {
  const closed = await closeLiveOffers(tx, row.id, reason, now, except)
  await notifyMany(tx, closed.map((o) => ({ personId: o.personId, trustId: row.trustId, ...offerClosedNotice(row, reason, o.invitedAt !== null) })))
  await auditMany(tx, actor, closed.map((o) => ({ action: 'offer.closed', objectType: 'offer', objectId: o.id, detail: { reason } })))
}

export async function similarCasesForRequest(db: Db, actor: Actor, id: string): Promise<CaseList> {
  const { row, object } = await loadVisibleRequest(db, actor, id)
  // Whoever may not read a confidential request's words (central, admin) gets cases like its areas only:
  // a ranking by its words would tell them what it is about (docs/design.md §3).
  const words = mayReadText(actor, object)
  return findSimilarCases(db, actor, {
    title: words ? row.title : '',
    problem: words ? row.problem : '',
    areaIds: await areaIdsOfRequest(db, id),
    excludeRequestId: id,
    limit: 5,
  })
}
