import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import type { Db, Executor } from '../db/client.ts'
import { emailOutbox } from '../db/schema/index.ts'

/** `link` is an app path (e.g. /requests/…); the worker turns it into an address with PUBLIC_URL. */
export type Email = { trustId: string | null; to: string; subject: string; text: string; link?: string | null }

/** Written in the caller's transaction: a rolled-back change sends nothing. */
export async function enqueueEmail(tx: Executor, email: Email): Promise<void> {
  await tx.insert(emailOutbox).values(email)
}

/**
 * Many e-mails (an import's invitations) in statements of 100 rows: one round trip per 100, not per
 * person, and short synchronous steps in between so that other requests keep being answered.
 */
export async function enqueueEmails(tx: Executor, emails: Email[]): Promise<void> {
  for (let i = 0; i < emails.length; i += 100) await tx.insert(emailOutbox).values(emails.slice(i, i + 100))
}

export type OutgoingEmail = { to: string; subject: string; text: string }
export type Deliver = (email: OutgoingEmail) => Promise<void>

/**
 * The claim on an outbox row is a transaction held while the server answers, and PostgreSQL ends a
 * transaction idle for 10 s (db/client.ts): nodemailer's own waits (2 min to connect, 10 min idle)
 * are cut well below that, so a silent server is a failed attempt with back-off, not a dropped claim.
 */
export function smtpDeliver(smtpUrl: string, from: string): Deliver {
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 4000, greetingTimeout: 3000, socketTimeout: 6000 })
  return async (email) => {
    await transport.sendMail({ from, ...email })
  }
}

/** The text as sent: an app path becomes a link on the configured public address, never a request's host. */
export function composeText(row: { text: string; link: string | null }, publicUrl: string): string {
  return row.link ? `${row.text}\n\nOpen it in Expertise Exchange: ${publicUrl}${row.link}\n` : row.text
}

const MAX_ATTEMPTS = 8

export type DeliveryOptions = {
  publicUrl: string
  batch?: number
  /** The first retry waits this long, each next one twice as long (default 30 s). */
  retryBaseMs?: number
}

/**
 * Sends what is due, oldest first. Each row is claimed with `for update skip locked`, so two
 * workers never send the same e-mail; a failure is retried with exponential back-off.
 */
export async function deliverDueEmails(db: Db, deliver: Deliver, opts: DeliveryOptions): Promise<number> {
  const { batch = 20, retryBaseMs = 30_000 } = opts
  let sent = 0
  for (let i = 0; i < batch; i++) {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(emailOutbox)
        .where(and(isNull(emailOutbox.sentAt), lte(emailOutbox.nextAttemptAt, sql`now()`), sql`${emailOutbox.attempts} < ${MAX_ATTEMPTS}`))
        .orderBy(asc(emailOutbox.createdAt))
        .limit(1)
        .for('update', { skipLocked: true })
      if (!row) return null
      try {
        await deliver({ to: row.to, subject: row.subject, text: composeText(row, opts.publicUrl) })
        await tx.update(emailOutbox).set({ sentAt: sql`now()`, attempts: row.attempts + 1 }).where(eq(emailOutbox.id, row.id))
        return true
      } catch (err) {
        const delayMs = retryBaseMs * 2 ** row.attempts
        await tx
          .update(emailOutbox)
          .set({ attempts: row.attempts + 1, lastError: String(err).slice(0, 500), nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})` })
          .where(eq(emailOutbox.id, row.id))
        return false
      }
    })
    if (done === null) break
    if (done) sent++
  }
  return sent
}
