import { eq, sql } from 'drizzle-orm'
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_KIND_INFO,
  type Delivery,
  type NotificationPreferences,
  type UpdateNotificationPreferencesBody,
} from '@ee/shared/notifications'
import type { Db, Executor } from '../db/client.ts'
import { notificationPreferences } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'

async function readPreferences(db: Executor, personId: string): Promise<NotificationPreferences> {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.personId, personId))
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery as Delivery]))
  return {
    kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, label: NOTIFICATION_KIND_INFO[kind].label, delivery: chosen.get(kind) ?? NOTIFICATION_KIND_INFO[kind].delivery })),
  }
}

/** Every kind, with the person's choice or the kind's default. */
export function getNotificationPreferences(db: Db, actor: Actor): Promise<NotificationPreferences> {
  return readPreferences(db, actor.id)
}

/** Only the kinds named change. */
export async function updateNotificationPreferences(db: Db, actor: Actor, body: UpdateNotificationPreferencesBody): Promise<NotificationPreferences> {
  return db.transaction(async (tx) => {
    const rows = Object.entries(body).flatMap(([kind, delivery]) => (delivery ? [{ personId: actor.id, kind, delivery }] : []))
    if (rows.length) {
      await tx
        .insert(notificationPreferences)
        .values(rows)
        .onConflictDoUpdate({ target: [notificationPreferences.personId, notificationPreferences.kind], set: { delivery: sql`excluded.delivery`, updatedAt: sql`now()` } })
      await audit(tx, actor, { action: 'notification_preferences.updated', objectType: 'person', objectId: actor.id, detail: body })
    }
    return readPreferences(tx, actor.id)
  })
}
