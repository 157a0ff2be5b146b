import { and, eq, inArray } from 'drizzle-orm'
import type { ExtensionRelease, RefuseReleaseBody, Release, ReleaseDecision, ReleaseList, ReleaseListQuery } from '@ee/shared/releases'
import type { ExtensionStatus } from '@ee/shared/lifecycles'
import { extensionsForProvider } from './extensions.repo.ts'
import { handoversFor } from './leavers.service.ts'
import type { EngagementStatus, ReleaseStatus } from '@ee/shared/engagements'
import type { Db, Executor } from '../db/client.ts'
import { engagements } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { pageOf } from '../lib/page.ts'
import { assertCan, assertRole, requestTitleFor } from '../lib/policy.ts'
import { conflict, notFound } from '../lib/problem.ts'
import { toIsoDate } from '../lib/terms.ts'
import type { Calendar, Term } from '../lib/calendar.ts'
import { calendarFor } from '../calendar/calendar.service.ts'
import { headsOf, notify } from '../notifications/notify.ts'
import { schoolApprovedDays, schoolPendingDays } from '../offers/capacity.ts'
import { lockRequestForChange, moveRequest } from '../requests/requests.service.ts'
import { inTransaction } from '../db/transaction.ts'
import { engagementStep, releaseStep } from './engagement-status.ts'
import { engagementDetails, findEngagement, lockEngagement, lockProviderSchool, schoolReleaseCap, updateEngagement } from './engagements.repo.ts'
import { releaseApproved, releaseRefusedToExpert, releaseRefusedToReceiver } from './notices.ts'

/** The providing head's view: my staff lent to other schools, and my school's days against its cap. */
export async function listReleases(db: Db, actor: Actor, query: { status: 'pending' | 'decided' | 'all'; limit: number } & ReleaseListQuery, now: Date): Promise<ReleaseList> {
  assertRole(actor, 'release.list')
  const schoolId = actor.schoolId!
  const release = query.status === 'pending' ? ['pending'] : query.status === 'decided' ? ['approved', 'refused'] : ['pending', 'approved', 'refused']
  const rows = await engagementDetails(db, and(eq(engagements.trustId, actor.trustId), eq(engagements.providerSchoolId, schoolId), inArray(engagements.release, release)))
  const capDays = (await schoolReleaseCap(db, schoolId)) ?? 0
  const calendar = await calendarFor(db, actor.trustId)
  const term = calendar.termOf(toIsoDate(now))
  const usedByTerm = new Map<string, number>()
  for (const t of new Set([term.start, ...rows.map((r) => r.termStart)])) usedByTerm.set(t, await schoolApprovedDays(db, schoolId, t))
  const items: Release[] = rows.map((g) => ({
    id: g.id,
    expert: { id: g.expertId, name: g.expertName },
    // The providing head is one of the engagement's parties: they read the title of the work they release.
    request: { id: g.requestId, title: requestTitleFor(actor, { title: g.requestTitle, confidentiality: g.requestConfidentiality }, 'engagement.readText', g) },
    receiverSchool: { id: g.receiverSchoolId, name: g.receiverSchoolName },
    days: g.days,
    termStart: g.termStart,
    termLabel: calendar.termOf(g.termStart).label,
    release: g.release as ReleaseStatus,
    engagementStatus: g.status,
    decidedAt: g.releaseDecidedAt?.toISOString() ?? null,
    decidedBy: g.releaseDecidedByName,
    createdAt: g.createdAt.toISOString(),
    termUsedDays: usedByTerm.get(g.termStart) ?? 0,
  }))
  items.sort((a, b) => Number(b.release === 'pending') - Number(a.release === 'pending'))
  // One school's releases, read whole (pending first) and answered a page at a time.
  return {
    ...pageOf(items, query),
    extensions: await extensionReleases(db, actor, schoolId, calendar),
    handovers: await handoversFor(db, actor, schoolId),
    summary: {
      termLabel: term.label,
      termStart: term.start,
      capDays,
      approvedDays: usedByTerm.get(term.start) ?? 0,
      pendingDays: await schoolPendingDays(db, schoolId, term.start),
    },
  }
}

/**
 * The release an accepted offer starts with: approved while the providing school stays within its
 * releaseDaysPerTerm in every term the work falls in, otherwise pending for its head. The school's
 * row is locked (after the request's and the expertise's), so two accepts cannot both spend its last days.
 */
export async function releaseOnAcceptance(tx: Executor, providerSchoolId: string | null, shares: { term: Pick<Term, 'start'>; days: number }[]) {
  const provider = providerSchoolId ? await lockProviderSchool(tx, providerSchoolId) : undefined
  let release: 'approved' | 'pending' = 'approved'
  if (provider) {
    for (const share of shares) {
      const used = await schoolApprovedDays(tx, provider.id, share.term.start)
      if (used + share.days > provider.releaseDaysPerTerm) release = 'pending'
    }
  }
  return { release, provider }
}

async function decide(db: Db, actor: Actor, id: string, to: 'approved' | 'refused', reason: string, now: Date): Promise<ReleaseDecision> {
  return inTransaction(db, async (tx) => {
    const found = await findEngagement(tx, id)
    if (!found || found.trustId !== actor.trustId) return notFound('release')
    assertCan(actor, 'release.decide', { trustId: found.trustId, providerSchoolId: found.providerSchoolId }, 'release')
    const request = await lockRequestForChange(tx, found.requestId)
    const g = (await lockEngagement(tx, id))!
    releaseStep(g.release as ReleaseStatus, to === 'approved' ? 'approve' : 'refuse')
    if (g.status !== 'active') conflict(`This engagement is ${g.status}; its release no longer needs a decision.`)
    const receivingHeads = await headsOf(tx, g.receiverSchoolId)
    if (to === 'approved') {
      await updateEngagement(tx, id, { release: 'approved', releaseDecidedById: actor.id, releaseDecidedAt: now })
      const notice = releaseApproved(request, id, actor.name, g.days)
      for (const personId of [g.expertId, ...receivingHeads]) await notify(tx, { personId, trustId: g.trustId, ...notice })
    } else {
      const why = reason ? `Release refused: ${reason}` : 'Release refused by the providing school'
      const status = engagementStep(g.status as EngagementStatus, 'refuseRelease')
      await updateEngagement(tx, id, { release: 'refused', releaseDecidedById: actor.id, releaseDecidedAt: now, status, cancelledAt: now, cancelReason: why })
      await audit(tx, actor, { action: 'engagement.cancelled', objectType: 'engagement', objectId: id, detail: { reason: 'release_refused' } })
      // The place is free again: a commissioned request reopens so the head can choose someone else.
      if (request.status === 'commissioned') {
        await moveRequest(tx, request, 'reopen', now)
        await audit(tx, actor, { action: 'request.reopened', objectType: 'request', objectId: request.id, detail: { reason: 'release_refused' } })
      }
      const notice = releaseRefusedToReceiver(request, actor.name, reason)
      for (const personId of receivingHeads) await notify(tx, { personId, trustId: g.trustId, ...notice })
      await notify(tx, { personId: g.expertId, trustId: g.trustId, ...releaseRefusedToExpert(request, id, actor.name, reason) })
    }
    await audit(tx, actor, { action: to === 'approved' ? 'release.approved' : 'release.refused', objectType: 'release', objectId: id, detail: reason ? { reason } : undefined })
    const [after] = await engagementDetails(tx, eq(engagements.id, id))
    return { id, release: after!.release as ReleaseStatus, engagementStatus: after!.status }
  })
}

export const approveRelease = (db: Db, actor: Actor, id: string, now: Date) => decide(db, actor, id, 'approved', '', now)
export const refuseRelease = (db: Db, actor: Actor, id: string, body: RefuseReleaseBody, now: Date) => decide(db, actor, id, 'refused', body.reason, now)

/** Requests for more days on my staff's work that the receiving head agreed to: pending ones wait for me. */
async function extensionReleases(db: Db, actor: Actor, schoolId: string, calendar: Calendar): Promise<ExtensionRelease[]> {
  const rows = await extensionsForProvider(db, actor.trustId, schoolId)
  if (!rows.length) return []
  const details = new Map((await engagementDetails(db, inArray(engagements.id, [...new Set(rows.map((x) => x.engagementId))]))).map((g) => [g.id, g]))
  const used = new Map<string, number>()
  for (const t of new Set(rows.flatMap((x) => (x.termStart ? [x.termStart] : [])))) used.set(t, await schoolApprovedDays(db, schoolId, t))
  return rows.flatMap((x) => {
    const g = details.get(x.engagementId)
    if (!g) return []
    return [{
      id: x.id, engagementId: x.engagementId, expert: { id: g.expertId, name: g.expertName }, request: { id: g.requestId, title: g.requestTitle },
      receiverSchool: { id: g.receiverSchoolId, name: g.receiverSchoolName }, days: x.days, reason: x.reason, status: x.status as ExtensionStatus,
      termStart: x.termStart, termLabel: x.termStart ? calendar.termOf(x.termStart).label : null,
      termUsedDays: x.termStart ? (used.get(x.termStart) ?? 0) : 0, proposedAt: x.createdAt.toISOString(),
    }]
  })
}
