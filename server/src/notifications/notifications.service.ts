import { and, count, desc, eq, isNull } from 'drizzle-orm'
import { pageFromWindow, pageWindow } from '../lib/page.ts'
import type { AppNotification, NotificationList, NotificationListQuery } from '@ee/shared/notifications'
import type { Db } from '../db/client.ts'
import { notifications } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { notFound } from '../lib/problem.ts'

type Row = typeof notifications.$inferSelect
const toView = (r: Row): AppNotification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  read: r.readAt !== null,
  createdAt: r.createdAt.toISOString(),
})

const mine = (actor: Actor) => and(eq(notifications.personId, actor.id), eq(notifications.trustId, actor.trustId))

export async function listNotifications(db: Db, actor: Actor, query: { unread?: 'true' | 'false'; limit: number } & NotificationListQuery): Promise<NotificationList> {
  const where = query.unread === 'true' ? and(mine(actor), isNull(notifications.readAt)) : mine(actor)
  const { offset, limit } = pageWindow(query)
  const rows = await db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit).offset(offset)
  const [unread] = await db.select({ n: count() }).from(notifications).where(and(mine(actor), isNull(notifications.readAt)))
  const page = pageFromWindow(rows.map(toView), query)
  return { ...page, unread: unread?.n ?? 0 }
}

/** Only one's own notifications can be marked; anyone else's answers 404 like a missing one. */
export async function markRead(db: Db, actor: Actor, id: string, now: Date): Promise<AppNotification> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(notifications).where(and(eq(notifications.id, id), mine(actor)))
    if (!row) return notFound('notification')
    if (row.readAt) return toView(row)
    const [updated] = await tx.update(notifications).set({ readAt: now }).where(eq(notifications.id, id)).returning()
    await audit(tx, actor, { action: 'notification.read', objectType: 'notification', objectId: id })
    return toView(updated!)
  })
}

export async function markAllRead(db: Db, actor: Actor, now: Date): Promise<{ updated: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx.update(notifications).set({ readAt: now }).where(and(mine(actor), isNull(notifications.readAt))).returning({ id: notifications.id })
    if (rows.length) await audit(tx, actor, { action: 'notification.read_all', objectType: 'notification', detail: { count: rows.length } })
    return { updated: rows.length }
  })
}
