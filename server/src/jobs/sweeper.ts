import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/client.ts'
import { remindAwayEngagements } from '../engagements/leavers.service.ts'
import { purgeIdempotencyKeys } from '../offers/idempotency.ts'
import { expireInvitations } from '../offers/offers.service.ts'
import { flagStaleRequests } from '../requests/stale.ts'

/**
 * Expires unanswered invitations, flags requests left without offers, reminds heads of work still waiting
 * on someone who has gone, and drops idempotency keys past their 24 hours.
 */
export async function sweep(db: Db, now: Date) {
  const expired = await expireInvitations(db, now)
  const stale = await flagStaleRequests(db, now)
  const awayReminded = await remindAwayEngagements(db, now)
  await purgeIdempotencyKeys(db, now)
  return { expired, stale, awayReminded }
}

/** Runs the sweep every few minutes in the serving process; tests call the functions directly. */
export function startSweeper(app: FastifyInstance, intervalMs = 5 * 60_000): () => Promise<void> {
  let running: Promise<void> | undefined
  const tick = () => {
    running ??= sweep(app.db, app.clock.now())
      .then(
        (r) => void ((r.expired || r.stale || r.awayReminded) && app.log.info(r, 'sweeper: invitations expired, requests flagged, heads reminded')),
        (err: unknown) => app.log.error({ err }, 'sweeper failed'),
      )
      .finally(() => (running = undefined))
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  const first = setTimeout(tick, 10_000)
  first.unref()
  // Stopping lets a sweep already running finish, so shutdown closes the pool under nobody.
  return async () => {
    clearInterval(timer)
    clearTimeout(first)
    await running
  }
}
