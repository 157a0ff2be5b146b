import type { PutRetentionBody, Retention } from '@ee/shared/audit'
import type { Db } from '../db/client.ts'
import { inTransaction } from '../db/transaction.ts'
import type { Actor } from '../lib/actor.ts'
import { audit, auditMany } from '../lib/audit.ts'
import { assertRole } from '../lib/policy.ts'
import { notFound } from '../lib/problem.ts'
import { type Cleared, clearDueEngagements, clearDueRequests, clearEngagementNotes, countCleared, findRetentionMonths, updateRetentionMonths } from './retention.repo.ts'

/**
 * Retention (issue 14, docs/design.md §11): the words of closed work are kept for the trust's chosen
 * number of months after closing (24 unless the administrator changes it), then removed by the daily
 * job (jobs/retention.ts). What the trust counts stays: days, dates, impact, areas, flows.
 */

export async function readRetention(db: Db, actor: Actor): Promise<Retention> {
  const months = (await findRetentionMonths(db, actor.trustId)) ?? notFound('trust')
  return { months, removed: await countCleared(db, actor.trustId) }
}

export async function setRetention(db: Db, actor: Actor, body: PutRetentionBody): Promise<Retention> {
  assertRole(actor, 'retention.edit')
  return inTransaction(db, async (tx) => {
    const before = (await findRetentionMonths(tx, actor.trustId)) ?? notFound('trust')
    if (before !== body.months) {
      await updateRetentionMonths(tx, actor.trustId, body.months)
      await audit(tx, actor, { action: 'retention.changed', objectType: 'trust', objectId: actor.trustId, detail: { from: before, to: body.months } })
    }
    return { months: body.months, removed: await countCleared(tx, actor.trustId) }
  })
}

function byTrust(rows: Cleared[]): Map<string, Cleared[]> {
  const out = new Map<string, Cleared[]>()
  for (const r of rows) out.set(r.trustId, [...(out.get(r.trustId) ?? []), r])
  return out
}

/**
 * Removes the words of every trust's closed work past its retention, in one transaction, and records
 * each cleared request and engagement in its trust's audit trail (by the service, no person).
 */
export async function applyRetention(db: Db, now: Date): Promise<{ requests: number; engagements: number }> {
  return inTransaction(db, async (tx) => {
    const requests = await clearDueRequests(tx, now)
    const engagements = await clearDueEngagements(tx, now)
    await clearEngagementNotes(tx, engagements.map((g) => g.id))
    for (const [trustId, rows] of byTrust(requests)) {
      await auditMany(tx, { id: null as unknown as string, trustId }, rows.map((r) => ({ action: 'request.text_removed', objectType: 'request', objectId: r.id, detail: { months: r.months } })))
    }
    for (const [trustId, rows] of byTrust(engagements)) {
      await auditMany(tx, { id: null as unknown as string, trustId }, rows.map((g) => ({ action: 'engagement.notes_removed', objectType: 'engagement', objectId: g.id, detail: { months: g.months } })))
    }
    return { requests: requests.length, engagements: engagements.length }
  })
}
