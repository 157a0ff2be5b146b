import { type SQL, eq, sql } from 'drizzle-orm'
import type { TermName } from '../lib/default-calendar.ts'
import { engagementTerms, engagements, expertise } from '../db/schema/index.ts'

/**
 * The days an engagement charges to each term. Read `from(engagements).leftJoin(...chargesJoin)`
 * and count `chargedDays` grouped or filtered by `chargedTerm`: an engagement whose window spans two
 * terms has a row per term in engagement_terms; one with no rows charges its days to its termStart.
 */
export const chargesJoin = [engagementTerms, eq(engagementTerms.engagementId, engagements.id)] as const
export const chargedTerm: SQL<string> = sql<string>`coalesce(${engagementTerms.termStart}, ${engagements.termStart})`
export const chargedDays: SQL<number> = sql<number>`coalesce(${engagementTerms.days}, ${engagements.days})`
export const inTerm = (termStart: string) => sql`coalesce(${engagementTerms.termStart}, ${engagements.termStart}) = ${termStart}`

const TERM_COLUMNS = { autumn: expertise.autumnDays, spring: expertise.springDays, summer: expertise.summerDays } as const

/** An expertise entry's days in a term: its figure for that term when it gives one, else the usual. */
export const capacityIn = (term: TermName): SQL<number> => sql<number>`coalesce(${TERM_COLUMNS[term]}, ${expertise.capacityDaysPerTerm})`

export type TermDaysRow = { capacityDaysPerTerm: number; autumnDays: number | null; springDays: number | null; summerDays: number | null }

/** The same in TypeScript, for rows already read. */
export function capacityInTerm(row: TermDaysRow, term: TermName): number {
  const own = term === 'autumn' ? row.autumnDays : term === 'spring' ? row.springDays : row.summerDays
  return own ?? row.capacityDaysPerTerm
}

export const termDaysView = (row: TermDaysRow) => ({ autumn: row.autumnDays, spring: row.springDays, summer: row.summerDays })
