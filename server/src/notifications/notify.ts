import { and, eq, inArray } from 'drizzle-orm'
import { type NotificationKind, NOTIFICATION_KIND_INFO } from '@ee/shared/notifications'
import type { Executor } from '../db/client.ts'
import { emailOutbox, notificationPreferences, notifications, people } from '../db/schema/index.ts'

export type Notice = {
  personId: string
  trustId: string
  kind: NotificationKind
  title: string
  body: string
  /** An app path, e.g. /requests/… */
  link: string | null
}

/** What a notice says and links to; the features keep theirs in their own `notices.ts`. */
export type NoticeText = Omit<Notice, 'personId' | 'trustId'>

/**
 * Tells one person: the in-app row and its e-mail, both in the caller's transaction, so a change
 * that rolls back announces nothing (docs/design.md §9, the outbox).
 */
export async function notify(tx: Executor, notice: Notice): Promise<void> {
  await notifyMany(tx, [notice])
}

/** The same for many people in four statements: used inside short, row-locked transactions. */
export async function notifyMany(tx: Executor, notices: Notice[]): Promise<void> {
  if (!notices.length) return
  const ids = [...new Set(notices.map((n) => n.personId))]
  const found = await tx.select({ id: people.id, trustId: people.trustId, email: people.email, name: people.name, active: people.active }).from(people).where(inArray(people.id, ids))
  const byId = new Map(found.map((p) => [p.id, p]))
  const deliverable = notices.filter((n) => byId.get(n.personId)?.trustId === n.trustId)
  if (!deliverable.length) return
  const chosen = await tx
    .select({ personId: notificationPreferences.personId, kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(inArray(notificationPreferences.personId, [...new Set(deliverable.map((n) => n.personId))]))
  const choice = new Map(chosen.map((c) => [`${c.personId}/${c.kind}`, c.delivery]))
  const deliveryOf = (n: Notice) => choice.get(`${n.personId}/${n.kind}`) ?? NOTIFICATION_KIND_INFO[n.kind].delivery
  await tx.insert(notifications).values(
    deliverable.map((n) => ({ trustId: n.trustId, personId: n.personId, kind: n.kind, title: n.title, body: n.body, link: n.link, delivery: deliveryOf(n) })),
  )
  // Only `immediate` is e-mailed now; `digest` items wait for the daily digest (digest.ts); `in_app` never.
  const emails = deliverable.flatMap((n) => {
    const person = byId.get(n.personId)!
    if (!person.active || deliveryOf(n) !== 'immediate') return []
    return [{ trustId: n.trustId, to: person.email, subject: n.title, text: [`Dear ${person.name},`, '', n.body].join('\n'), link: n.link }]
  })
  if (emails.length) await tx.insert(emailOutbox).values(emails)
}

/** The headteachers of a school: who decides on its requests and on releasing its staff. */
export async function headsOf(tx: Executor, schoolId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.schoolId, schoolId), eq(people.role, 'headteacher'), eq(people.active, true)))
  return rows.map((r) => r.id)
}

/** Tells every headteacher of a school the same thing. */
export async function notifyHeads(tx: Executor, schoolId: string, trustId: string, text: NoticeText): Promise<void> {
  await notifyMany(tx, (await headsOf(tx, schoolId)).map((personId) => ({ personId, trustId, ...text })))
}
