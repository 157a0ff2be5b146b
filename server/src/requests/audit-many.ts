import type { Executor } from '../db/client.ts'
import { auditEvents } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import type { AuditEntry } from '../lib/audit.ts'

/** One audit row per object in one statement, as lib/audit writes them, for changes to many at once. */
export async function auditMany(tx: Executor, actor: Pick<Actor, 'id' | 'trustId'>, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return
  await tx.insert(auditEvents).values(
    entries.map((e) => ({
      trustId: actor.trustId, actorId: actor.id ?? null, action: e.action, objectType: e.objectType, objectId: e.objectId ?? null,
      outcome: e.outcome ?? 'success', detail: e.detail ?? null, requestId: e.requestId ?? null,
    })),
  )
}
