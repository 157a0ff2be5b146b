import type { Db } from '../db/client.ts'
import { inTransaction } from '../db/transaction.ts'
import { audit } from '../lib/audit.ts'
import { notifyHeads } from '../notifications/notify.ts'
import { staleRequestNotice } from './notices.ts'
import { lockRequest, staleOpenRequests, updateRequestRow } from './requests.repo.ts'

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
      await notifyHeads(tx, r.schoolId, r.trustId, staleRequestNotice(r, STALE_AFTER_DAYS))
      await audit(tx, { id: null as unknown as string, trustId: r.trustId }, { action: 'request.stale_flagged', objectType: 'request', objectId: r.id })
      return true
    })
    if (done) flagged++
  }
  return flagged
}
