import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import type { Db, Executor } from '../db/client.ts'
import { emailOutbox } from '../db/schema/index.ts'

export type Email = { trustId: string | null; to: string; subject: string; text: string }

/** Written in the caller's transaction: a rolled-back change sends nothing. */
export async function enqueueEmail(tx: Executor, email: Email): Promise<void> {
  await tx.insert(emailOutbox).values(email)
}

export type Deliver = (email: { to: string; subject: string; text: string }) => Promise<void>

export function smtpDeliver(smtpUrl: string, from: string): Deliver {
  const transport = nodemailer.createTransport(smtpUrl)
  return async (email) => {
    await transport.sendMail({ from, ...email })
  }
}

const MAX_ATTEMPTS = 8

/**
 * Sends what is due, oldest first. Each row is claimed with `for update skip locked`, so two
 * workers never send the same e-mail; a failure is retried with exponential back-off.
 */
export async function deliverDueEmails(db: Db, deliver: Deliver, batch = 20): Promise<number> {
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
        await deliver({ to: row.to, subject: row.subject, text: row.text })
        await tx.update(emailOutbox).set({ sentAt: sql`now()`, attempts: row.attempts + 1 }).where(eq(emailOutbox.id, row.id))
        return true
      } catch (err) {
        const delaySeconds = 30 * 2 ** row.attempts
        await tx
          .update(emailOutbox)
          .set({ attempts: row.attempts + 1, lastError: String(err).slice(0, 500), nextAttemptAt: sql`now() + make_interval(secs => ${delaySeconds})` })
          .where(eq(emailOutbox.id, row.id))
        return false
      }
    })
    if (done === null) break
    if (done) sent++
  }
  return sent
}
