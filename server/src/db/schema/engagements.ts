import { sql } from 'drizzle-orm'
import { type AnyPgColumn, check, date, doublePrecision, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { createdAt, id, oneOf, ts, tsvector } from './columns.ts'
import { expertise } from './expertise.ts'
import { offers, requests } from './requests.ts'
import { people, schools, trusts } from './trusts.ts'

export const ENGAGEMENT_STATUSES = ['active', 'completed', 'cancelled'] as const
export const RELEASE_STATUSES = ['approved', 'pending', 'refused'] as const

export const engagements = pgTable(
  'engagements',
  {
    id: id(),
    trustId: uuid().notNull().references(() => trusts.id),
    offerId: uuid().notNull().references(() => offers.id),
    requestId: uuid().notNull().references(() => requests.id),
    expertiseId: uuid().notNull().references(() => expertise.id),
    expertId: uuid().notNull().references(() => people.id),
    /** The flow: the providing school lends the expert to the receiving school. */
    providerSchoolId: uuid().references(() => schools.id),
    receiverSchoolId: uuid().notNull().references(() => schools.id),
    days: integer().notNull(),
    /**
     * Days logged so far: the sum of this engagement's engagement_logs, kept by the database trigger
     * engagement_logs_delivered (migration 0003) so the flows views add it up without visiting the logs.
     */
    deliveredDays: doublePrecision().notNull().default(0),
    /** First day of the English academic term the work falls in; capacity and release caps count per term. */
    termStart: date({ mode: 'string' }).notNull(),
    status: text().notNull().default('active'),
    release: text().notNull(),
    releaseDecidedById: uuid().references(() => people.id),
    releaseDecidedAt: ts(),
    startedAt: date({ mode: 'string' }),
    completedAt: ts(),
    cancelledAt: ts(),
    cancelReason: text(),
    impact: integer(),
    headReflection: text(),
    expertReflection: text(),
    caseVisibility: text().notNull().default('trust'),
    /** When the retention job removed its notes and reflections (migration 0022); its days stay. */
    textRemovedAt: ts(),
    createdAt: createdAt(),
    // People who leave (migration 0019, docs/decisions/012-people-who-leave.md).
    /** Since when the expert has been deactivated or paused with this work under way; null while they are here. */
    expertAwayAt: ts(),
    expertAwayReason: text(),
    /** The receiving head asked the expert's school for a colleague to take the work over. */
    colleagueAskedAt: ts(),
    /** The sweeper reminded the receiving head that the work still waits on someone who has gone. */
    awayRemindedAt: ts(),
    /** Ended with what was delivered: the agreed days given back to the expert's capacity and the school's budget. */
    returnedDays: integer(),
    /** Handed over: the colleague's engagement that continues this work, and on it, the one it continues. */
    handedOverToId: uuid().references((): AnyPgColumn => engagements.id),
    takesOverId: uuid().references((): AnyPgColumn => engagements.id),
  },
  (t) => [
    uniqueIndex('engagements_offer').on(t.offerId),
    uniqueIndex('engagements_takes_over').on(t.takesOverId).where(sql`${t.takesOverId} is not null`),
    index('engagements_away').on(t.expertAwayAt).where(sql`${t.expertAwayAt} is not null or ${t.colleagueAskedAt} is not null`),
    check('engagements_away_reason', sql`${t.expertAwayReason} is null or ${t.expertAwayReason} in ('deactivated', 'paused')`),
    check('engagements_returned_days', sql`${t.returnedDays} is null or ${t.returnedDays} >= 0`),
    // Covers the flows aggregates: a trust's term is read from the index alone, however many
    // engagements other trusts hold (issue 5's bench: 1,000,000 nationally).
    index('engagements_trust_term').on(t.trustId, t.termStart, t.status, t.release, t.providerSchoolId, t.receiverSchoolId, t.requestId, t.expertiseId, t.days, t.deliveredDays),
    index('engagements_expertise_term').on(t.expertiseId, t.termStart),
    index('engagements_provider_term').on(t.providerSchoolId, t.termStart),
    index('engagements_receiver').on(t.receiverSchoolId),
    index('engagements_expert').on(t.expertId),
    index('engagements_retention_due').on(t.trustId, sql`coalesce(${t.completedAt}, ${t.cancelledAt})`).where(sql`${t.textRemovedAt} IS NULL AND ${t.status} <> 'active'`),
    check('engagements_status', sql`${t.status} in (${oneOf(ENGAGEMENT_STATUSES)})`),
    check('engagements_release', sql`${t.release} in (${oneOf(RELEASE_STATUSES)})`),
    check('engagements_days', sql`${t.days} >= 0`),
    check('engagements_impact', sql`${t.impact} is null or ${t.impact} between 1 and 5`),
    check('engagements_case_visibility', sql`${t.caseVisibility} in ('trust', 'schools')`),
  ],
)

/**
 * The days an engagement charges to each term its request's window covers (calendar splitDays):
 * capacity and release budgets count these. An engagement with no rows here charges all its days
 * to its termStart.
 */
export const engagementTerms = pgTable(
  'engagement_terms',
  {
    engagementId: uuid().notNull().references(() => engagements.id, { onDelete: 'cascade' }),
    trustId: uuid().notNull().references(() => trusts.id),
    termStart: date({ mode: 'string' }).notNull(),
    days: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.engagementId, t.termStart] }),
    index('engagement_terms_trust_term').on(t.trustId, t.termStart),
    check('engagement_terms_days', sql`${t.days} >= 0`),
  ],
)

export const engagementLogs = pgTable(
  'engagement_logs',
  {
    id: id(),
    trustId: uuid().notNull().references(() => trusts.id),
    engagementId: uuid().notNull().references(() => engagements.id),
    date: date({ mode: 'string' }).notNull(),
    days: doublePrecision().notNull(),
    note: text().notNull().default(''),
    loggedById: uuid().notNull().references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index('engagement_logs_engagement').on(t.engagementId), check('engagement_logs_days', sql`${t.days} > 0 and ${t.days} <= 20`)],
)

export const cases = pgTable(
  'cases',
  {
    id: id(),
    trustId: uuid().notNull().references(() => trusts.id),
    engagementId: uuid().notNull().references(() => engagements.id),
    requestId: uuid().notNull().references(() => requests.id),
    providerSchoolId: uuid().references(() => schools.id),
    receiverSchoolId: uuid().notNull().references(() => schools.id),
    title: text().notNull(),
    problem: text().notNull(),
    approach: text().notNull(),
    outcome: text().notNull(),
    impact: integer().notNull(),
    /** `trust`: the whole trust learns from it; `schools`: kept between the two schools. */
    visibility: text().notNull().default('trust'),
    search: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(problem, '')), 'B') || setweight(to_tsvector('english', coalesce(approach, '') || ' ' || coalesce(outcome, '')), 'C')`,
    ),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('cases_engagement').on(t.engagementId),
    index('cases_trust').on(t.trustId),
    index('cases_search').using('gin', t.search),
    check('cases_impact', sql`${t.impact} between 1 and 5`),
    check('cases_visibility', sql`${t.visibility} in ('trust', 'schools')`),
  ],
)

export const caseAreas = pgTable(
  'case_areas',
  {
    caseId: uuid().notNull().references(() => cases.id, { onDelete: 'cascade' }),
    areaId: uuid().notNull().references(() => areas.id),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.areaId] })],
)

export const EXTENSION_STATUSES = ['proposed', 'pending', 'approved', 'declined', 'refused'] as const

/** More days asked for on an engagement (migration 0018, docs/design.md §3). */
export const engagementExtensions = pgTable(
  'engagement_extensions',
  {
    id: id(),
    trustId: uuid().notNull().references(() => trusts.id),
    engagementId: uuid().notNull().references(() => engagements.id),
    days: integer().notNull(),
    reason: text().notNull(),
    status: text().notNull().default('proposed'),
    /** The term the extra days are charged to, fixed when the receiving head agrees. */
    termStart: date({ mode: 'string' }),
    proposedById: uuid().notNull().references(() => people.id),
    decidedById: uuid().references(() => people.id),
    decidedAt: ts(),
    declineReason: text(),
    releaseDecidedById: uuid().references(() => people.id),
    releaseDecidedAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [
    index('engagement_extensions_engagement').on(t.engagementId),
    uniqueIndex('engagement_extensions_one_open').on(t.engagementId).where(sql`${t.status} in ('proposed', 'pending')`),
    check('engagement_extensions_status', sql`${t.status} in (${oneOf(EXTENSION_STATUSES)})`),
    check('engagement_extensions_days', sql`${t.days} between 1 and 50`),
  ],
)
