import { type SQL, and, desc, eq, gte, lt, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Executor } from '../db/client.ts'
import { auditEvents, people } from '../db/schema/index.ts'

export type AuditFilter = {
  trustId: string
  person?: string | undefined
  action?: string | undefined
  objectType?: string | undefined
  objectId?: string | undefined
  outcome?: string | undefined
  from?: string | undefined
  to?: string | undefined
}

const actor = alias(people, 'actor')
const subject = alias(people, 'subject')

/** Days are UK days: 2027-01-12 runs from midnight to midnight in London, whatever the season. */
const londonMidnight = (day: string, plusDays = 0) => sql`((${day}::date + ${plusDays}::int)::timestamp at time zone 'Europe/London')`

function where(f: AuditFilter): SQL | undefined {
  return and(
    eq(auditEvents.trustId, f.trustId),
    f.person ? eq(auditEvents.actorId, f.person) : undefined,
    // `request` matches request.created, request.published, …; `request.created` only itself.
    f.action ? or(eq(auditEvents.action, f.action), sql`starts_with(${auditEvents.action}, ${`${f.action}.`})`) : undefined,
    f.objectType ? eq(auditEvents.objectType, f.objectType) : undefined,
    f.objectId ? eq(auditEvents.objectId, f.objectId) : undefined,
    f.outcome ? eq(auditEvents.outcome, f.outcome) : undefined,
    f.from ? gte(auditEvents.createdAt, londonMidnight(f.from)) : undefined,
    f.to ? lt(auditEvents.createdAt, londonMidnight(f.to, 1)) : undefined,
  )
}

/** A trust's audit rows, newest first, with the acting person's name (none for another trust's person). */
export function findAuditEvents(ex: Executor, f: AuditFilter, window: { offset: number; limit: number }) {
  return ex
    .select({
      id: auditEvents.id,
      at: auditEvents.createdAt,
      actorId: auditEvents.actorId,
      actorName: actor.name,
      action: auditEvents.action,
      objectType: auditEvents.objectType,
      objectId: auditEvents.objectId,
      outcome: auditEvents.outcome,
      detail: auditEvents.detail,
      requestId: auditEvents.requestId,
      personEmail: subject.email,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorId))
    .leftJoin(subject, and(eq(auditEvents.objectType, 'person'), eq(sql`${subject.id}::text`, auditEvents.objectId)))
    .where(where(f))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .offset(window.offset)
    .limit(window.limit)
}
export type AuditRow = Awaited<ReturnType<typeof findAuditEvents>>[number]
