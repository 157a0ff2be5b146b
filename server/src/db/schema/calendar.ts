import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { oneOf } from './columns.ts'
import { trusts } from './trusts.ts'

export const TERM_NAMES = ['autumn', 'spring', 'summer'] as const

/**
 * A trust's own term dates for an academic year (2026 for 2026/27). A year with no rows reads
 * England's default calendar (lib/default-calendar.ts); a stored year has all three terms.
 */
export const trustTerms = pgTable(
  'trust_terms',
  {
    trustId: uuid().notNull().references(() => trusts.id),
    academicYear: integer().notNull(),
    name: text().notNull(),
    start: date({ mode: 'string' }).notNull(),
    end: date({ mode: 'string' }).notNull(),
    halfTermStart: date({ mode: 'string' }).notNull(),
    halfTermEnd: date({ mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.trustId, t.academicYear, t.name] }),
    check('trust_terms_name', sql`${t.name} in (${oneOf(TERM_NAMES)})`),
    check('trust_terms_dates', sql`${t.start} <= ${t.halfTermStart} and ${t.halfTermStart} <= ${t.halfTermEnd} and ${t.halfTermEnd} <= ${t.end}`),
  ],
)

/** Days a trust's schools are closed inside a term: INSET days, bank holidays that fall in term. */
export const trustClosures = pgTable(
  'trust_closures',
  {
    trustId: uuid().notNull().references(() => trusts.id),
    academicYear: integer().notNull(),
    date: date({ mode: 'string' }).notNull(),
    label: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.trustId, t.date] }), index('trust_closures_year').on(t.trustId, t.academicYear)],
)
