import { type SQL, and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { z } from 'zod'
import { text } from '@ee/shared/common'
import { type Db, type Executor, queryRows } from '../db/client.ts'
import {
  areas, caseAreas, cases, clusters, emailOutbox, engagementExtensions, engagementLogs, engagementTerms, engagements, expertise, expertiseAreas,
  idempotencyKeys, invitations, notificationDigests, notificationPreferences, notifications, offers, passwordResets, people, requestAreas, requests,
  schools, trustClosures, trustTerms, trusts,
} from '../db/schema/index.ts'
import { inTransaction } from '../db/transaction.ts'
import { Problem, notFound } from '../lib/problem.ts'

export const DeleteTrustInputSchema = z.object({
  trustId: z.guid({ message: 'Give the trust id that trust:create printed' }),
  confirm: text().trim().min(1, "Type the trust's name to confirm").max(200),
})
export type DeleteTrustInput = z.infer<typeof DeleteTrustInputSchema>

/**
 * Every table that holds a trust's rows, children before parents, and how to find the trust's rows in
 * each. trust-delete.api.test.ts fails when the database has a table this list does not name, so a new
 * table cannot be left behind when a trust closes its account.
 */
function trustRows(trustId: string): { name: string; table: PgTable; where: SQL | undefined }[] {
  const staff = sql`(select ${people.id} from ${people} where ${people.trustId} = ${trustId})`
  const byTrust = <T extends PgTable & { trustId: Parameters<typeof eq>[0] }>(name: string, table: T) => ({ name, table, where: eq(table.trustId, trustId) })
  return [
    { name: 'notification_digests', table: notificationDigests, where: inArray(notificationDigests.personId, staff) },
    { name: 'notification_preferences', table: notificationPreferences, where: inArray(notificationPreferences.personId, staff) },
    { name: 'password_resets', table: passwordResets, where: inArray(passwordResets.personId, staff) },
    { name: 'idempotency_keys', table: idempotencyKeys, where: inArray(idempotencyKeys.personId, staff) },
    { name: 'case_areas', table: caseAreas, where: inArray(caseAreas.caseId, sql`(select ${cases.id} from ${cases} where ${cases.trustId} = ${trustId})`) },
    byTrust('cases', cases),
    byTrust('engagement_terms', engagementTerms),
    byTrust('engagement_logs', engagementLogs),
    byTrust('engagement_extensions', engagementExtensions),
    byTrust('engagements', engagements),
    byTrust('offers', offers),
    { name: 'request_areas', table: requestAreas, where: inArray(requestAreas.requestId, sql`(select ${requests.id} from ${requests} where ${requests.trustId} = ${trustId})`) },
    byTrust('requests', requests),
    { name: 'expertise_areas', table: expertiseAreas, where: inArray(expertiseAreas.expertiseId, sql`(select ${expertise.id} from ${expertise} where ${expertise.trustId} = ${trustId})`) },
    byTrust('expertise', expertise),
    byTrust('notifications', notifications),
    // Mail without a trust to one of its people (an address another trust tried to add) goes with it.
    {
      name: 'email_outbox', table: emailOutbox,
      where: or(eq(emailOutbox.trustId, trustId), and(isNull(emailOutbox.trustId), inArray(emailOutbox.to, sql`(select ${people.email} from ${people} where ${people.trustId} = ${trustId})`))),
    },
    byTrust('invitations', invitations),
    byTrust('people', people),
    byTrust('schools', schools),
    byTrust('clusters', clusters),
    byTrust('areas', areas),
    byTrust('trust_terms', trustTerms),
    byTrust('trust_closures', trustClosures),
    { name: 'trusts', table: trusts, where: eq(trusts.id, trustId) },
  ]
}

/** The tables trustRows covers, and audit_events (deleted through the owner's function). */
export const TRUST_TABLES = [...trustRows('00000000-0000-0000-0000-000000000000').map((t) => t.name), 'audit_events']

export type TrustDeleted = { trustId: string; name: string; deleted: Record<string, number> }

/**
 * The operator closes a trust's account (issue 14): every row of the trust, its audit trail, outbox and
 * people included, in one transaction, children first. Nothing of it is kept; its schools' URNs and its
 * people's e-mails are free to register again. Runs in the system scope (operator commands).
 */
export async function deleteTrust(db: Db, input: DeleteTrustInput): Promise<TrustDeleted> {
  return inTransaction(db, async (tx) => {
    const [trust] = await tx.select({ id: trusts.id, name: trusts.name }).from(trusts).where(eq(trusts.id, input.trustId)).for('update')
    if (!trust) return notFound('trust')
    if (trust.name.trim() !== input.confirm) {
      throw new Problem(400, '/problems/validation', 'The name does not match', `Type the trust's name exactly, "${trust.name}", to confirm. Nothing was deleted.`)
    }
    const deleted: Record<string, number> = {}
    deleted.audit_events = await deleteAudit(tx, trust.id)
    for (const { name, table, where } of trustRows(trust.id)) {
      deleted[name] = (await queryRows<{ n: number }>(tx, sql`with d as (delete from ${table} where ${where} returning 1) select count(*)::int as n from d`))[0]!.n
    }
    return { trustId: trust.id, name: trust.name, deleted }
  })
}

/** Through the owner's function (migration 0024): the app's role may not delete audit rows itself. */
async function deleteAudit(ex: Executor, trustId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ex, sql`select ee_privacy_delete_trust_audit(${trustId}::uuid) as n`)
  return Number(row?.n ?? 0)
}
