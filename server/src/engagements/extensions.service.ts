import { eq } from 'drizzle-orm'
import type { Engagement, EngagementStatus, ExtensionDecision, ExtensionDecisionBody, ProposeExtensionBody, ReleaseStatus } from '@ee/shared/engagements'
import type { ExtensionStatus } from '@ee/shared/lifecycles'
import type { Db, Tx } from '../db/client.ts'
import { engagements } from '../db/schema/index.ts'
import { inTransaction } from '../db/transaction.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import type { Term } from '../lib/calendar.ts'
import { assertCan } from '../lib/policy.ts'
import { conflict, notFound } from '../lib/problem.ts'
import { toIsoDate } from '../lib/terms.ts'
import { ukDate } from '../calendar/validate.ts'
import { calendarFor } from '../calendar/calendar.service.ts'
import { notify, notifyHeads } from '../notifications/notify.ts'
import { freeDays, schoolApprovedDays } from '../offers/capacity.ts'
import { type RequestRow, lockRequestForChange } from '../requests/requests.service.ts'
import { assertReleased, engagementStep, extensionStep } from './engagement-status.ts'
import { assertNotHandedToColleague, engagementObject, engagementView } from './engagements.service.ts'
import { type EngagementRow, engagementDetails, findEngagement, lockEngagement, lockProviderSchool } from './engagements.repo.ts'
import {
  type ExtensionRow,
  addEngagementDays,
  findExtension,
  insertExtension,
  lockExpertiseRow,
  lockExtension,
  moveExtension,
  openExtensionOf,
} from './extensions.repo.ts'
import { extensionAgreed, extensionDeclined, extensionProposed, extensionReleased, extensionToProvider } from './notices.ts'

/**
 * More days on an engagement (docs/design.md §3). The expert proposes, the receiving head agrees or
 * declines; agreed days are released exactly as the first ones were on acceptance: in one transaction
 * that locks the request, the expertise, the providing school and the engagement (the acceptance's
 * order), checks the expert has the days free in the term and charges them at once while the providing
 * school stays within its releaseDaysPerTerm, otherwise leaves them pending for its head.
 */

const changedMeanwhile = () => conflict('This request for more days changed a moment ago. Please reload.')

/** The days go to the term the work is in now (or the window's first term, before it starts); none after the window. */
function chargeTerm(calendar: Awaited<ReturnType<typeof calendarFor>>, request: RequestRow, now: Date): Term {
  const today = toIsoDate(now)
  if (today > request.windowEnd) conflict(`The window for this work ended on ${ukDate(request.windowEnd)}; more days cannot be added after it.`)
  return calendar.termOf(today < request.windowStart ? request.windowStart : today)
}

async function expertHasDays(tx: Tx, g: EngagementRow, term: Term, days: number) {
  const free = await freeDays(tx, g.expertiseId, term)
  if (free < days) {
    conflict(`The expert has only ${Math.max(free, 0)} ${free === 1 ? 'day' : 'days'} free in ${term.label}, fewer than the ${days} more asked for. Agree fewer days, or decline.`)
  }
}

export async function proposeExtension(db: Db, actor: Actor, engagementId: string, body: ProposeExtensionBody, now: Date): Promise<Engagement> {
  return inTransaction(db, async (tx) => {
    const found = await findEngagement(tx, engagementId)
    if (!found || found.trustId !== actor.trustId) return notFound('engagement')
    assertCan(actor, 'engagement.extend', engagementObject(found), 'engagement')
    const request = await lockRequestForChange(tx, found.requestId)
    const g = (await lockEngagement(tx, engagementId))!
    engagementStep(g.status as EngagementStatus, 'extend')
    assertReleased(g.release as ReleaseStatus)
    assertNotHandedToColleague(g)
    chargeTerm(await calendarFor(tx, g.trustId), request, now)
    if (await openExtensionOf(tx, engagementId)) conflict('You have already asked for more days on this engagement. Wait for the answer before asking again.')
    const x = await insertExtension(tx, { trustId: g.trustId, engagementId, days: body.days, reason: body.reason, status: 'proposed', proposedById: actor.id, createdAt: now })
    await notifyHeads(tx, g.receiverSchoolId, g.trustId, extensionProposed(request, engagementId, actor.name, body.days, body.reason))
    await audit(tx, actor, { action: 'extension.proposed', objectType: 'extension', objectId: x.id, detail: { engagementId, days: body.days } })
    return engagementView(tx, actor, engagementId)
  })
}

type Locked = { x: ExtensionRow; g: EngagementRow; request: RequestRow; provider: { id: string; releaseDaysPerTerm: number } | undefined }

/** Find (404), authorise (403), then lock request → expertise → school → engagement → extension. */
async function lockForDecision(tx: Tx, actor: Actor, id: string, by: 'receiving' | 'providing'): Promise<Locked> {
  const found = await findExtension(tx, id)
  if (!found || found.trustId !== actor.trustId) return notFound('request for more days')
  const g0 = (await findEngagement(tx, found.engagementId))!
  if (by === 'receiving') assertCan(actor, 'extension.decide', engagementObject(g0), 'request for more days')
  else assertCan(actor, 'release.decide', { trustId: g0.trustId, providerSchoolId: g0.providerSchoolId }, 'request for more days')
  const request = await lockRequestForChange(tx, g0.requestId)
  await lockExpertiseRow(tx, g0.expertiseId)
  const provider = g0.providerSchoolId ? await lockProviderSchool(tx, g0.providerSchoolId) : undefined
  const g = (await lockEngagement(tx, g0.id))!
  return { x: await lockExtension(tx, id), g, request, provider }
}

const decision = (x: ExtensionRow, status: ExtensionStatus, engagementDays: number): ExtensionDecision => ({ id: x.id, engagementId: x.engagementId, status, engagementDays })

/** The receiving head agrees: released at once within the providing school's budget, else pending for its head. */
export async function agreeExtension(db: Db, actor: Actor, id: string, now: Date): Promise<ExtensionDecision> {
  return inTransaction(db, async (tx) => {
    const { x, g, request, provider } = await lockForDecision(tx, actor, id, 'receiving')
    extensionStep(x.status as ExtensionStatus, 'agree')
    engagementStep(g.status as EngagementStatus, 'extend')
    assertReleased(g.release as ReleaseStatus)
    const term = chargeTerm(await calendarFor(tx, g.trustId), request, now)
    await expertHasDays(tx, g, term, x.days)
    const used = provider ? await schoolApprovedDays(tx, provider.id, term.start) : 0
    const within = !provider || used + x.days <= provider.releaseDaysPerTerm
    const to = extensionStep('proposed', 'agree', within ? 'approved' : 'pending')
    const moved = await moveExtension(tx, id, 'proposed', {
      status: to, termStart: term.start, decidedById: actor.id, decidedAt: now, ...(within ? { releaseDecidedAt: now } : {}),
    })
    if (!moved) changedMeanwhile()
    const days = within ? await addEngagementDays(tx, g, term.start, x.days) : g.days
    await audit(tx, actor, { action: 'extension.agreed', objectType: 'extension', objectId: id, detail: { engagementId: g.id, days: x.days, term: term.label } })
    await audit(tx, actor, { action: within ? 'release.approved' : 'release.pending', objectType: 'extension', objectId: id, detail: { automatic: true } })
    await notify(tx, { personId: g.expertId, trustId: g.trustId, ...extensionAgreed(request, g.id, actor.name, x.days, within) })
    if (provider) await notifyHeads(tx, provider.id, g.trustId, extensionToProvider(request, await expertName(tx, g), x.days, term.label, !within))
    return decision(x, to, days)
  })
}

export async function declineExtension(db: Db, actor: Actor, id: string, body: ExtensionDecisionBody, now: Date): Promise<ExtensionDecision> {
  return inTransaction(db, async (tx) => {
    const { x, g, request } = await lockForDecision(tx, actor, id, 'receiving')
    const to = extensionStep(x.status as ExtensionStatus, 'decline')
    if (!(await moveExtension(tx, id, x.status, { status: to, decidedById: actor.id, decidedAt: now, declineReason: body.reason }))) changedMeanwhile()
    await audit(tx, actor, { action: 'extension.declined', objectType: 'extension', objectId: id, detail: body.reason ? { reason: body.reason } : undefined })
    await notify(tx, { personId: g.expertId, trustId: g.trustId, ...extensionDeclined(request, g.id, actor.name, x.days, body.reason) })
    return decision(x, to, g.days)
  })
}

/** The providing head approves days past the budget (their explicit approval), or refuses them. */
async function decideRelease(db: Db, actor: Actor, id: string, action: 'approve' | 'refuse', reason: string, now: Date): Promise<ExtensionDecision> {
  return inTransaction(db, async (tx) => {
    const { x, g, request } = await lockForDecision(tx, actor, id, 'providing')
    const to = extensionStep(x.status as ExtensionStatus, action)
    let days = g.days
    if (to === 'approved') {
      engagementStep(g.status as EngagementStatus, 'extend')
      const term = (await calendarFor(tx, g.trustId)).termOf(x.termStart!)
      // The expert's days were not held while the head decided: check again under the same locks.
      await expertHasDays(tx, g, term, x.days)
      days = await addEngagementDays(tx, g, term.start, x.days)
    }
    if (!(await moveExtension(tx, id, x.status, { status: to, releaseDecidedById: actor.id, releaseDecidedAt: now, ...(reason ? { declineReason: reason } : {}) }))) changedMeanwhile()
    await audit(tx, actor, { action: to === 'approved' ? 'release.approved' : 'release.refused', objectType: 'extension', objectId: id, detail: reason ? { reason } : undefined })
    const notice = extensionReleased(request, g.id, actor.name, x.days, to === 'approved', reason)
    await notify(tx, { personId: g.expertId, trustId: g.trustId, ...notice })
    await notifyHeads(tx, g.receiverSchoolId, g.trustId, notice)
    return decision(x, to, days)
  })
}

export const approveExtension = (db: Db, actor: Actor, id: string, now: Date) => decideRelease(db, actor, id, 'approve', '', now)
export const refuseExtension = (db: Db, actor: Actor, id: string, body: ExtensionDecisionBody, now: Date) => decideRelease(db, actor, id, 'refuse', body.reason, now)

async function expertName(tx: Tx, g: EngagementRow): Promise<string> {
  const [detail] = await engagementDetails(tx, eq(engagements.id, g.id))
  return detail?.expertName ?? 'A member of your staff'
}
