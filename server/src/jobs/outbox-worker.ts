import type { FastifyInstance } from 'fastify'
import { sendDueDigests } from '../notifications/digest.ts'
import { type Deliver, deliverDueEmails, smtpDeliver } from '../notifications/outbox.ts'

export type OutboxWorkerOptions = { intervalMs?: number; retryBaseMs?: number }

/**
 * Every few seconds: enqueue the day's digests that are due, then send what the outbox holds. Any
 * number of processes may run it (skip-locked claims, one digest per person per day). Without
 * SMTP_URL, e-mails stay in the outbox and show in the log instead.
 */
export function startOutboxWorker(app: FastifyInstance, opts: OutboxWorkerOptions = {}): () => Promise<void> {
  const deliver: Deliver = app.config.smtpUrl
    ? smtpDeliver(app.config.smtpUrl, app.config.mailFrom)
    : async (email) => app.log.info({ to: email.to, subject: email.subject }, 'e-mail (no SMTP_URL set, not sent)')
  let running: Promise<void> | undefined
  const tick = () => {
    running ??= sendDueDigests(app.db, app.clock.now(), app.config.publicUrl)
      .then(() => deliverDueEmails(app.db, deliver, { publicUrl: app.config.publicUrl, retryBaseMs: opts.retryBaseMs }))
      .then(() => undefined, (err: unknown) => app.log.error({ err }, 'outbox delivery failed'))
      .finally(() => (running = undefined))
  }
  const timer = setInterval(tick, opts.intervalMs ?? app.config.outboxIntervalMs ?? 5000)
  timer.unref()
  // Stopping lets a round already sending finish, so shutdown closes the pool under nobody (docs/design.md §9).
  return async () => {
    clearInterval(timer)
    await running
  }
}
