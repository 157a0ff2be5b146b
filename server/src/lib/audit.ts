import type { Executor } from '../db/client.ts'
import { auditEvents } from '../db/schema/index.ts'
import type { Actor } from './actor.ts'

export type AuditEntry = {
  action: string
  objectType: string
  objectId?: string | null
  outcome?: 'success' | 'failure' | 'denied'
  detail?: Record<string, unknown>
  requestId?: string
}

type AuditActor = Pick<Actor, 'id' | 'trustId'>

const auditRow = (actor: AuditActor | null, entry: AuditEntry) => ({
  trustId: actor?.trustId ?? null,
  actorId: actor?.id ?? null,
  action: entry.action,
  objectType: entry.objectType,
  objectId: entry.objectId ?? null,
  outcome: entry.outcome ?? 'success',
  detail: entry.detail ?? null,
  requestId: entry.requestId ?? null,
})

/** Written in the caller's transaction, so the record exists exactly when the change does. */
export async function audit(tx: Executor, actor: AuditActor | null, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values(auditRow(actor, entry))
}

/** One audit row per object in one statement, for changes to many at once. */
export async function auditMany(tx: Executor, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return
  await tx.insert(auditEvents).values(entries.map((e) => auditRow(actor, e)))
}
