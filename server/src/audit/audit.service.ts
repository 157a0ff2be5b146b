import type { AuditEvent, AuditList, AuditListQuery } from '@ee/shared/audit'
import type { Db } from '../db/client.ts'
import type { Actor } from '../lib/actor.ts'
import { pageFromWindow, pageWindow } from '../lib/page.ts'
import { assertRole } from '../lib/policy.ts'
import { Problem } from '../lib/problem.ts'
import { type AuditFilter, type AuditRow, findAuditEvents } from './audit.repo.ts'
import { linkFor } from './links.ts'

/** More rows than one file should carry: the administrator narrows the dates and downloads each part. */
export const MAX_AUDIT_CSV_ROWS = 100_000

const filterOf = (actor: Actor, q: AuditListQuery): AuditFilter => ({
  trustId: actor.trustId, person: q.person, action: q.action, objectType: q.objectType, objectId: q.objectId, outcome: q.outcome, from: q.from, to: q.to,
})

function toEvent(r: AuditRow): AuditEvent {
  const detail = r.detail && typeof r.detail === 'object' && !Array.isArray(r.detail) ? (r.detail as Record<string, unknown>) : null
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actorId ? { id: r.actorId, name: r.actorName } : null,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    link: linkFor({ objectType: r.objectType, objectId: r.objectId, detail, personEmail: r.personEmail }),
    outcome: r.outcome,
    detail,
    requestId: r.requestId,
  }
}

/** One page of the trust's audit trail, newest first, with the filters of the audit page. */
export async function listAudit(db: Db, actor: Actor, query: AuditListQuery): Promise<AuditList> {
  assertRole(actor, 'audit.read')
  const rows = await findAuditEvents(db, filterOf(actor, query), pageWindow(query))
  return pageFromWindow(rows.map(toEvent), query)
}

/** Every row the filters match, for the CSV file: one read, bounded. */
export async function allAudit(db: Db, actor: Actor, query: AuditListQuery): Promise<AuditEvent[]> {
  assertRole(actor, 'audit.read')
  const rows = await findAuditEvents(db, filterOf(actor, query), { offset: 0, limit: MAX_AUDIT_CSV_ROWS + 1 })
  if (rows.length > MAX_AUDIT_CSV_ROWS) {
    throw new Problem(422, '/problems/too-many-rows', 'Too many rows for one file',
      `More than ${MAX_AUDIT_CSV_ROWS.toLocaleString('en-GB')} events match. Choose a shorter range of dates, or a person or an action, and download each part.`)
  }
  return rows.map(toEvent)
}
