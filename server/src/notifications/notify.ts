import { and, eq } from 'drizzle-orm'
import type { NotificationKind } from '@ee/shared/notifications'
import type { Executor } from '../db/client.ts'
import { notifications, people } from '../db/schema/index.ts'
import { enqueueEmail } from './outbox.ts'

export type Notice = {
  personId: string
  trustId: string
  kind: NotificationKind
  title: string
  body: string
  /** An app path, e.g. /requests/… */
  link: string | null
}

/**
 * Tells one person: the in-app row and its e-mail, both in the caller's transaction, so a change
 * that rolls back announces nothing (RELIABILITY §3, outbox).
 */
export async function notify(tx: Executor, notice: Notice): Promise<void> {
  const [person] = await tx
    .select({ email: people.email, name: people.name, active: people.active })
    .from(people)
    .where(and(eq(people.id, notice.personId), eq(people.trustId, notice.trustId)))
  if (!person) return
  await tx.insert(notifications).values({
    trustId: notice.trustId,
    personId: notice.personId,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    link: notice.link,
  })
  if (!person.active) return
  await enqueueEmail(tx, {
    trustId: notice.trustId,
    to: person.email,
    subject: notice.title,
    text: [`Dear ${person.name},`, '', notice.body, ...(notice.link ? ['', `Open it in Expertise Exchange: ${notice.link}`] : []), '', 'Expertise Exchange'].join('\n'),
  })
}

/** The headteachers of a school: who decides on its requests and on releasing its staff. */
export async function headsOf(tx: Executor, schoolId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.schoolId, schoolId), eq(people.role, 'headteacher'), eq(people.active, true)))
  return rows.map((r) => r.id)
}
