import { lt } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/client.ts'
import { idempotencyKeys } from '../db/schema/index.ts'
import { audit } from '../lib/audit.ts'
import { headsOf, notify } from '../notifications/notify.ts'
import { expireInvitations } from '../offers/offers.service.ts'
import { lockRequest, staleOpenRequests, updateRequestRow } from './requests.repo.ts'
import { inTransaction } from './transaction.ts'

export const STALE_AFTER_DAYS = 14
const DAY_MS = 24 * 60 * 60 * 1000

/**
 * An open request with no offer 14 days after publishing is flagged to its head, once
 * (staleNotifiedAt), and shows on the central team's left-behind list.
 */
export async function flagStaleRequests(db: Db, now: Date): Promise<number> {
  const due = await staleOpenRequests(db, new Date(now.getTime() - STALE_AFTER_DAYS * DAY_MS))
  let flagged = 0
  for (const candidate of due) {
    const done = await inTransaction(db, async (tx) => {
      const r = await lockRequest(tx, candidate.id)
      if (!r || r.status !== 'open' || r.staleNotifiedAt) return false
      await updateRequestRow(tx, r.id, { staleNotifiedAt: now }, now)
      for (const head of await headsOf(tx, r.schoolId)) {
        await notify(tx, {
          personId: head, trustId: r.trustId, kind: 'request_stale', link: `/requests/${r.id}`,
          title: `No offers yet: “${r.title}”`,
          body: `Your request has been open for ${STALE_AFTER_DAYS} days without an offer. You could invite suggested experts directly, widen its areas, or adjust its window or days.`,
        })
      }
      await audit(tx, { id: null as unknown as string, trustId: r.trustId }, { action: 'request.stale_flagged', objectType: 'request', objectId: r.id })
      return true
    })
    if (done) flagged++
  }
  return flagged
}

/** Idempotency keys are kept for 24 hours (published in the accept route's description). */
export async function purgeIdempotencyKeys(db: Db, now: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - DAY_MS)))
}

export async function sweep(db: Db, now: Date) {
  const expired = await expireInvitations(db, now)
  const stale = await flagStaleRequests(db, now)
  await purgeIdempotencyKeys(db, now)
  return { expired, stale }
}

/** Runs the sweep every few minutes in the serving process; tests call the functions directly. */
export function startSweeper(app: FastifyInstance, intervalMs = 5 * 60_000): () => void {
  let running = false
  const tick = () => {
    if (running) return
    running = true
    sweep(app.db, app.clock.now())
      .then((r) => (r.expired || r.stale) && app.log.info(r, 'sweeper: invitations expired, requests flagged'))
      .catch((err: unknown) => app.log.error({ err }, 'sweeper failed'))
      .finally(() => (running = false))
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  setTimeout(tick, 10_000).unref()
  return () => clearInterval(timer)
}
