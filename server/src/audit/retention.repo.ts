import { and, count, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'
import { queryRows } from '../db/client.ts'
import { engagementExtensions, engagementLogs, engagements, requests, trusts } from '../db/schema/index.ts'

export async function findRetentionMonths(ex: Executor, trustId: string): Promise<number | undefined> {
  const [row] = await ex.select({ months: trusts.retentionMonths }).from(trusts).where(eq(trusts.id, trustId))
  return row?.months
}

export async function updateRetentionMonths(ex: Executor, trustId: string, months: number): Promise<void> {
  await ex.update(trusts).set({ retentionMonths: months }).where(eq(trusts.id, trustId))
}

export async function countCleared(ex: Executor, trustId: string): Promise<{ requests: number; engagements: number }> {
  const [r] = await ex.select({ n: count() }).from(requests).where(and(eq(requests.trustId, trustId), isNotNull(requests.textRemovedAt)))
  const [g] = await ex.select({ n: count() }).from(engagements).where(and(eq(engagements.trustId, trustId), isNotNull(engagements.textRemovedAt)))
  return { requests: r?.n ?? 0, engagements: g?.n ?? 0 }
}

export type Cleared = { id: string; trustId: string; months: number }

/**
 * Every trust's closed requests (completed or withdrawn) that closed more than its retention months
 * before `now` and still hold their words: the problem, what was tried and the outcome hoped for.
 */
export function clearDueRequests(ex: Executor, now: Date): Promise<Cleared[]> {
  // What a cleared request says instead of its words; its title, areas, days and dates stay.
  return queryRows<Cleared>(ex, sql`
    update ${requests} r
       set problem = 'The words of this request were removed ' || t.retention_months || ' months after it closed, as the trust’s retention setting asks.',
           tried = '', outcome = '', text_removed_at = ${now}
      from ${trusts} t
     where t.id = r.trust_id and r.text_removed_at is null and r.closed_at is not null
       and r.status in ('completed', 'withdrawn')
       and r.closed_at < ${now}::timestamptz - make_interval(months => t.retention_months)
    returning r.id, r.trust_id as "trustId", t.retention_months as months`)
}

/**
 * Every trust's completed or cancelled engagements past their retention months that still hold their
 * notes: both reflections and the reason for cancelling go; days, impact and dates stay.
 */
export function clearDueEngagements(ex: Executor, now: Date): Promise<Cleared[]> {
  return queryRows<Cleared>(ex, sql`
    update ${engagements} e
       set head_reflection = null, expert_reflection = null, cancel_reason = null, text_removed_at = ${now}
      from ${trusts} t
     where t.id = e.trust_id and e.text_removed_at is null and e.status <> 'active'
       and coalesce(e.completed_at, e.cancelled_at) < ${now}::timestamptz - make_interval(months => t.retention_months)
    returning e.id, e.trust_id as "trustId", t.retention_months as months`)
}

/** The session notes and the reasons given for more days, of engagements just cleared. */
export async function clearEngagementNotes(ex: Executor, engagementIds: string[]): Promise<void> {
  if (!engagementIds.length) return
  await ex.update(engagementLogs).set({ note: '' }).where(inArray(engagementLogs.engagementId, engagementIds))
  await ex.update(engagementExtensions).set({ reason: '', declineReason: null }).where(inArray(engagementExtensions.engagementId, engagementIds))
}
