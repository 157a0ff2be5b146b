import { and, eq, isNull, lte, notExists, sql } from 'drizzle-orm'
import { NOTIFICATION_KIND_INFO, type NotificationKind } from '@ee/shared/notifications'
import type { Db } from '../db/client.ts'
import { notificationDigests, notifications, people } from '../db/schema/index.ts'
import { enqueueEmail } from './outbox.ts'

/** The daily digest goes out from 4 pm UK time, after the school day. */
export const DIGEST_HOUR = 16

const londonParts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })

/** The UK calendar day (YYYY-MM-DD) and hour of an instant. */
export function londonDayAndHour(now: Date): { day: string; hour: number } {
  const parts = Object.fromEntries(londonParts.formatToParts(now).map((p) => [p.type, p.value]))
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) }
}

const pending = (now: Date) => and(eq(notifications.delivery, 'digest'), isNull(notifications.digestedAt), lte(notifications.createdAt, now))

/**
 * From DIGEST_HOUR on, each person with digest items still unsent gets one e-mail listing them. The
 * (person, day) primary key of notification_digests is claimed in the same transaction that marks the
 * items and enqueues the e-mail, so two processes running this at once send one digest, not two.
 */
export async function sendDueDigests(db: Db, now: Date, publicUrl: string): Promise<number> {
  const { day, hour } = londonDayAndHour(now)
  if (hour < DIGEST_HOUR) return 0
  const due = await db
    .selectDistinct({ personId: notifications.personId })
    .from(notifications)
    .where(
      and(
        pending(now),
        notExists(db.select({ one: sql`1` }).from(notificationDigests).where(and(eq(notificationDigests.personId, notifications.personId), eq(notificationDigests.day, day)))),
      ),
    )
  let sent = 0
  for (const { personId } of due) {
    const done = await db.transaction(async (tx) => {
      const [claimed] = await tx.insert(notificationDigests).values({ personId, day, items: 0 }).onConflictDoNothing().returning()
      if (!claimed) return false
      const items = await tx
        .update(notifications)
        .set({ digestedAt: now })
        .where(and(eq(notifications.personId, personId), pending(now)))
        .returning({ id: notifications.id, trustId: notifications.trustId, kind: notifications.kind, title: notifications.title, link: notifications.link, createdAt: notifications.createdAt })
      await tx.update(notificationDigests).set({ items: items.length }).where(and(eq(notificationDigests.personId, personId), eq(notificationDigests.day, day)))
      const [person] = await tx.select({ email: people.email, name: people.name, active: people.active }).from(people).where(eq(people.id, personId))
      if (!items.length || !person?.active) return false
      items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      await enqueueEmail(tx, {
        trustId: items[0]!.trustId,
        to: person.email,
        subject: `Your Expertise Exchange digest: ${items.length} ${items.length === 1 ? 'update' : 'updates'}`,
        text: digestText(person.name, items, publicUrl),
      })
      return true
    })
    if (done) sent++
  }
  return sent
}

function digestText(name: string, items: { kind: string; title: string; link: string | null }[], publicUrl: string): string {
  const lines = items.flatMap((i) => [
    `- ${i.title}${i.kind in NOTIFICATION_KIND_INFO ? ` (${NOTIFICATION_KIND_INFO[i.kind as NotificationKind].label.toLowerCase()})` : ''}`,
    ...(i.link ? [`  ${publicUrl}${i.link}`] : []),
  ])
  return [
    `Dear ${name},`,
    '',
    `Here is what happened for you on Expertise Exchange since your last digest:`,
    '',
    ...lines,
    '',
    `Choose how each kind of notification reaches you: ${publicUrl}/notifications`,
  ].join('\n')
}
