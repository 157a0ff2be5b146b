import { and, eq, inArray, ne, sql } from 'drizzle-orm'
import type { Term } from '../lib/calendar.ts'
import type { Executor } from '../db/client.ts'
import { engagements, expertise } from '../db/schema/index.ts'
import { capacityInTerm, chargedDays, chargedTerm, chargesJoin, inTerm } from '../engagements/charges.ts'

/** Engagements that hold days: under way or done, and not refused by the expert's school. */
const holdsDays = and(inArray(engagements.status, ['active', 'completed']), ne(engagements.release, 'refused'))

type TermKey = Pick<Term, 'start' | 'name'>

/**
 * Days an expertise entry still has free in a term: its days for that term (capacityDaysPerTerm, or
 * its own figure for the term) less the days its engagements charge to the term. Read inside the
 * accept transaction after the expertise row is locked, so two accepts cannot both spend the last day.
 */
export async function freeDays(ex: Executor, expertiseId: string, term: TermKey): Promise<number> {
  return (await freeDaysMany(ex, [{ expertiseId, term }])).get(`${expertiseId}|${term.start}`) ?? 0
}

/** Free days per `expertiseId|termStart`. */
export async function freeDaysMany(ex: Executor, pairs: { expertiseId: string; term: TermKey }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  const ids = [...new Set(pairs.map((p) => p.expertiseId))]
  if (!ids.length) return out
  const caps = await ex
    .select({ id: expertise.id, capacityDaysPerTerm: expertise.capacityDaysPerTerm, autumnDays: expertise.autumnDays, springDays: expertise.springDays, summerDays: expertise.summerDays })
    .from(expertise)
    .where(inArray(expertise.id, ids))
  const used = await ex
    .select({ id: engagements.expertiseId, termStart: sql<string>`to_char(${chargedTerm}, 'YYYY-MM-DD')`, days: sql<number>`sum(${chargedDays})::int` })
    .from(engagements)
    .leftJoin(...chargesJoin)
    .where(and(inArray(engagements.expertiseId, ids), holdsDays))
    .groupBy(engagements.expertiseId, chargedTerm)
  const usedBy = new Map(used.map((u) => [`${u.id}|${u.termStart}`, Number(u.days)]))
  const capBy = new Map(caps.map((c) => [c.id, c]))
  for (const p of pairs) {
    const cap = capBy.get(p.expertiseId)
    const key = `${p.expertiseId}|${p.term.start}`
    out.set(key, (cap ? capacityInTerm(cap, p.term.name) : 0) - (usedBy.get(key) ?? 0))
  }
  return out
}

/** Days a school has released with approval in a term (its cap counts these). */
export async function schoolApprovedDays(ex: Executor, schoolId: string, termStart: string): Promise<number> {
  const [row] = await ex
    .select({ days: sql<number>`coalesce(sum(${chargedDays}), 0)::int` })
    .from(engagements)
    .leftJoin(...chargesJoin)
    .where(and(eq(engagements.providerSchoolId, schoolId), inTerm(termStart), inArray(engagements.status, ['active', 'completed']), eq(engagements.release, 'approved')))
  return Number(row?.days ?? 0)
}

export async function schoolPendingDays(ex: Executor, schoolId: string, termStart: string): Promise<number> {
  const [row] = await ex
    .select({ days: sql<number>`coalesce(sum(${chargedDays}), 0)::int` })
    .from(engagements)
    .leftJoin(...chargesJoin)
    .where(and(eq(engagements.providerSchoolId, schoolId), inTerm(termStart), eq(engagements.status, 'active'), eq(engagements.release, 'pending')))
  return Number(row?.days ?? 0)
}
