import { sql } from 'drizzle-orm'
import { boolean, check, date, doublePrecision, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { PHASES, ROLES } from '@ee/shared/common'
import { createdAt, id, oneOf, ts } from './columns.ts'

export const trusts = pgTable('trusts', {
  id: id(),
  name: text().notNull(),
  /**
   * Moved forward by triggers whenever anything matching reads changes (expertise, engagements, the
   * people and schools behind them), so an in-memory matching index knows when it is stale.
   */
  matchingVersion: integer().notNull().default(0),
  /**
   * Moved forward by triggers on the commissioning side (requests, their areas, offers, schools,
   * clusters). With matchingVersion it says whether an answer computed from the trust's data is
   * still current: see lib/trust-cache.ts and docs/decisions/008-trust-version-cache.md.
   */
  activityVersion: integer().notNull().default(0),
  /** Months after closing that a closed request's words and an engagement's notes are kept (jobs/retention.ts). */
  retentionMonths: integer().notNull().default(24),
  createdAt: createdAt(),
}, (t) => [check('trusts_retention_months', sql`${t.retentionMonths} between 6 and 120`)])

export const clusters = pgTable(
  'clusters',
  {
    id: id(),
    trustId: uuid().notNull().references(() => trusts.id),
    name: text().notNull(),
  },
  (t) => [uniqueIndex('clusters_trust_name').on(t.trustId, t.name)],
)

export const schools = pgTable(
  'schools',
  {
    id: id(),
    trustId: uuid().notNull().references(() => trusts.id),
    clusterId: uuid().references(() => clusters.id),
    urn: integer().notNull(),
    name: text().notNull(),
    phase: text().notNull(),
    type: text().notNull().default(''),
    postcode: text().notNull().default(''),
    lat: doublePrecision().notNull(),
    lng: doublePrecision().notNull(),
    releaseDaysPerTerm: integer().notNull().default(10),
    /** GIAS's EstablishmentStatus: a closed school is kept (its history stays) and marked, never deleted. */
    status: text().notNull().default('open'),
    closedOn: date({ mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('schools_urn').on(t.urn),
    check('schools_status', sql`${t.status} in ('open', 'closed')`),
    index('schools_trust').on(t.trustId),
    check('schools_phase', sql`${t.phase} in (${oneOf(PHASES)})`),
    check('schools_release_days', sql`${t.releaseDaysPerTerm} >= 0`),
  ],
)

export const people = pgTable(
  'people',
  {
    id: id(),
    trustId: uuid().notNull().references(() => trusts.id),
    schoolId: uuid().references(() => schools.id),
    email: text().notNull(),
    name: text().notNull(),
    role: text().notNull(),
    passwordHash: text(),
    active: boolean().notNull().default(true),
    /** Set while the person has paused all their availability. */
    pausedAt: ts(),
    lastActiveAt: ts(),
    /** Sessions issued before this instant are void: logout and deactivation move it forward. */
    tokensValidAfter: ts().notNull().defaultNow(),
    /** When the trust erased them (migration 0024): name, e-mail and their words are gone, the figures stay. */
    erasedAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('people_email').on(t.email),
    index('people_trust_school').on(t.trustId, t.schoolId),
    check('people_role', sql`${t.role} in (${oneOf(ROLES)})`),
    check(
      'people_school_by_role',
      sql`(${t.role} in ('headteacher', 'teacher')) = (${t.schoolId} is not null)`,
    ),
  ],
)

export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    trustId: uuid().notNull().references(() => trusts.id),
    schoolId: uuid().references(() => schools.id),
    email: text().notNull(),
    role: text().notNull(),
    tokenHash: text().notNull(),
    invitedById: uuid().references(() => people.id),
    expiresAt: ts().notNull(),
    acceptedAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invitations_token').on(t.tokenHash),
    index('invitations_trust').on(t.trustId),
    check('invitations_role', sql`${t.role} in (${oneOf(ROLES)})`),
  ],
)
