import type { FastifyInstance } from 'fastify'
import { applyRetention } from '../audit/retention.service.ts'

const DAY_MS = 24 * 60 * 60_000

/**
 * Once a day, removes the words of closed requests and the notes of closed engagements past each trust's
 * retention (audit/retention.service.ts). It only touches what is due, so running it again, or in two
 * processes, removes nothing twice; a restart simply runs it sooner.
 */
export function startRetention(app: FastifyInstance, intervalMs = DAY_MS): () => Promise<void> {
  let running: Promise<void> | undefined
  const tick = () => {
    running ??= applyRetention(app.db, app.clock.now())
      .then(
        (r) => void ((r.requests || r.engagements) && app.log.info(r, 'retention: words of closed work removed')),
        (err: unknown) => app.log.error({ err }, 'retention failed'),
      )
      .finally(() => (running = undefined))
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  const first = setTimeout(tick, 60_000)
  first.unref()
  return async () => {
    clearInterval(timer)
    clearTimeout(first)
    await running
  }
}
