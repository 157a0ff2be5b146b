import type { FastifyInstance } from 'fastify'
import { type Deliver, deliverDueEmails, smtpDeliver } from './outbox.ts'

/** Without SMTP_URL, e-mails stay in the outbox and show in the log instead. */
export function startOutboxWorker(app: FastifyInstance, intervalMs = 5000): () => void {
  const deliver: Deliver = app.config.smtpUrl
    ? smtpDeliver(app.config.smtpUrl, app.config.mailFrom)
    : async (email) => app.log.info({ to: email.to, subject: email.subject }, 'e-mail (no SMTP_URL set, not sent)')
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    deliverDueEmails(app.db, deliver)
      .catch((err: unknown) => app.log.error({ err }, 'outbox delivery failed'))
      .finally(() => (running = false))
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
