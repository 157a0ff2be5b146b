import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { areas } from './areas.ts'
import { createdAt, id, ts, tsvector } from './columns.ts'
import { people, schools, trusts } from './trusts.ts'

export const expertise = pgTable(
  'expertise',
  {
    id: id(),
    trustId: uuid().notNull().references(() => trusts.id),
    personId: uuid().notNull().references(() => people.id),
    schoolId: uuid().references(() => schools.id),
    title: text().notNull(),
    summary: text().notNull(),
    evidence: text().notNull(),
    subjects: text().array().notNull().default(sql`'{}'::text[]`),
    phases: text().array().notNull().default(sql`'{}'::text[]`),
    modes: text().array().notNull().default(sql`'{}'::text[]`),
    capacityDaysPerTerm: integer().notNull(),
    /** Days offered in one term instead of capacityDaysPerTerm (e.g. 0 in summer); null = the usual figure. */
    autumnDays: integer(),
    springDays: integer(),
    summerDays: integer(),
    active: boolean().notNull().default(true),
    archivedAt: ts(),
    search: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(summary, '')), 'B') || setweight(to_tsvector('english', coalesce(evidence, '')), 'C')`,
    ),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('expertise_trust').on(t.trustId, t.active),
    index('expertise_person').on(t.personId),
    index('expertise_search').using('gin', t.search),
    /** The directory's unranked listing: a trust's live entries, newest first, keyset on (updated_at, id). */
    index('expertise_directory').on(t.trustId, t.updatedAt, t.id).where(sql`${t.active} and ${t.archivedAt} is null`),
    check('expertise_capacity', sql`${t.capacityDaysPerTerm} >= 0`),
    check('expertise_term_days', sql`coalesce(${t.autumnDays}, 0) >= 0 and coalesce(${t.springDays}, 0) >= 0 and coalesce(${t.summerDays}, 0) >= 0`),
  ],
)

export const expertiseAreas = pgTable(
  'expertise_areas',
  {
    expertiseId: uuid().notNull().references(() => expertise.id, { onDelete: 'cascade' }),
    areaId: uuid().notNull().references(() => areas.id),
  },
  (t) => [primaryKey({ columns: [t.expertiseId, t.areaId] }), index('expertise_areas_area').on(t.areaId)],
)
