import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { createdAt, id, oneOf, ts, tsvector } from './columns.ts'
import { expertise } from './expertise.ts'
import { people, schools, trusts } from './trusts.ts'

export const REQUEST_STATUSES = ['draft', 'open', 'commissioned', 'completed', 'withdrawn'] as const
export const OFFER_STATUSES = ['invited', 'proposed', 'accepted', 'declined', 'withdrawn'] as const

export const requests = pgTable(
  'requests',
  {
    id: id(),
    trustId: uuid().notNull().references(() => trusts.id),
    schoolId: uuid().notNull().references(() => schools.id),
    raisedById: uuid().notNull().references(() => people.id),
    title: text().notNull(),
    problem: text().notNull(),
    tried: text().notNull().default(''),
    outcome: text().notNull().default(''),
    subjects: text().array().notNull().default(sql`'{}'::text[]`),
    phases: text().array().notNull().default(sql`'{}'::text[]`),
    modes: text().array().notNull().default(sql`'{}'::text[]`),
    expertsWanted: integer().notNull(),
    daysPerExpert: integer().notNull(),
    windowStart: date({ mode: 'string' }).notNull(),
    windowEnd: date({ mode: 'string' }).notNull(),
    confidentiality: text().notNull().default('trust'),
    status: text().notNull().default('draft'),
    publishedAt: ts(),
    commissionedAt: ts(),
    closedAt: ts(),
    /** When the head was told that nobody has offered for 14 days. */
    staleNotifiedAt: ts(),
    /** When an invitation expires or is declined, the next free suggestion is invited for the head. */
    autoInvite: boolean().notNull().default(false),
    /** When the retention job removed its words (migration 0022); its figures stay. */
    textRemovedAt: ts(),
    search: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(problem, '') || ' ' || coalesce(outcome, '')), 'B') || setweight(to_tsvector('english', coalesce(tried, '')), 'C')`,
    ),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('requests_trust_status').on(t.trustId, t.status),
    /** Flows: requests raised (published) in a period, per trust. */
    index('requests_trust_published').on(t.trustId, t.publishedAt),
    index('requests_school').on(t.schoolId),
    index('requests_search').using('gin', t.search),
    index('requests_retention_due').on(t.trustId, t.closedAt).where(sql`${t.textRemovedAt} IS NULL AND ${t.closedAt} IS NOT NULL`),
    check('requests_status', sql`${t.status} in (${oneOf(REQUEST_STATUSES)})`),
    check('requests_confidentiality', sql`${t.confidentiality} in ('trust', 'invited')`),
    check('requests_experts_wanted', sql`${t.expertsWanted} between 1 and 5`),
    check('requests_days', sql`${t.daysPerExpert} >= 1`),
    check('requests_window', sql`${t.windowEnd} >= ${t.windowStart}`),
  ],
)

export const requestAreas = pgTable(
  'request_areas',
  {
    requestId: uuid().notNull().references(() => requests.id, { onDelete: 'cascade' }),
    areaId: uuid().notNull().references(() => areas.id),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.areaId] }),
    /** With request_id in the key, "requests of these areas" is an index-only scan (flows' area filter). */
    index('request_areas_area').on(t.areaId, t.requestId),
  ],
)

export const offers = pgTable(
  'offers',
  {
    id: id(),
    trustId: uuid().notNull().references(() => trusts.id),
    requestId: uuid().notNull().references(() => requests.id),
    expertiseId: uuid().notNull().references(() => expertise.id),
    /** The expert, and the school they would be released from. */
    personId: uuid().notNull().references(() => people.id),
    schoolId: uuid().references(() => schools.id),
    status: text().notNull(),
    inviteNote: text().notNull().default(''),
    message: text().notNull().default(''),
    days: integer().notNull(),
    proposedStart: date({ mode: 'string' }),
    proposedEnd: date({ mode: 'string' }),
    invitedAt: ts(),
    expiresAt: ts(),
    decidedAt: ts(),
    closedReason: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
    /**
     * A colleague named by the expert's own head to take over an engagement whose expert has gone
     * (migration 0019); the engagement it takes over (engagements.ts, not referenced here to keep the
     * schema modules acyclic; the foreign key is in the migration).
     */
    takesOverId: uuid(),
  },
  (t) => [
    index('offers_request').on(t.requestId, t.status),
    index('offers_takes_over').on(t.takesOverId).where(sql`${t.takesOverId} is not null`),
    index('offers_person').on(t.personId, t.status),
    /** One live offer per expert per request. */
    uniqueIndex('offers_live_per_person')
      .on(t.requestId, t.personId)
      .where(sql`status in ('invited', 'proposed', 'accepted')`),
    check('offers_status', sql`${t.status} in (${oneOf(OFFER_STATUSES)})`),
    check('offers_days', sql`${t.days} >= 1`),
  ],
)
