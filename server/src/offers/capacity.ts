import { and, eq, inArray, ne, sql } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'
import { engagements, expertise } from '../db/schema/index.ts'

/** Engagements that hold days: under way or done, and not refused by the expert's school. */
const holdsDays = and(inArray(engagements.status, ['active', 'completed']), ne(engagements.release, 'refused'))

/**
 * Days an expertise entry still has free in a term: capacityDaysPerTerm less the days of its
 * engagements that hold days in that term. Read inside the accept transaction after the expertise
 * row is locked, so two accepts cannot both spend the last day.
 */
export async function freeDays(ex: Executor, expertiseId: string, termStart: string): Promise<number> {
  const [entry] = await ex.select({ capacity: expertise.capacityDaysPerTerm }).from(expertise).where(eq(expertise.id, expertiseId))
  if (!entry) return 0
  const [used] = await ex
    .select({ days: sql<number>`coalesce(sum(${engagements.days}), 0)::int` })
    .from(engagements)
    .where(and(eq(engagements.expertiseId, expertiseId), eq(engagements.termStart, termStart), holdsDays))
  return entry.capacity - (used?.days ?? 0)
}

export async function freeDaysMany(ex: Executor, pairs: { expertiseId: string; termStart: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  const ids = [...new Set(pairs.map((p) => p.expertiseId))]
  if (!ids.length) return out
  const caps = await ex.select({ id: expertise.id, capacity: expertise.capacityDaysPerTerm }).from(expertise).where(inArray(expertise.id, ids))
  const used = await ex
    .select({ id: engagements.expertiseId, termStart: engagements.termStart, days: sql<number>`sum(${engagements.days})::int` })
    .from(engagements)
    .where(and(inArray(engagements.expertiseId, ids), holdsDays))
    .groupBy(engagements.expertiseId, engagements.termStart)
  const usedBy = new Map(used.map((u) => [`${u.id}|${u.termStart}`, u.days]))
  const capBy = new Map(caps.map((c) => [c.id, c.capacity]))
  for (const p of pairs) out.set(`${p.expertiseId}|${p.termStart}`, (capBy.get(p.expertiseId) ?? 0) - (usedBy.get(`${p.expertiseId}|${p.termStart}`) ?? 0))
  return out
}

/** Days a school has released with approval in a term (its cap counts these). */
export async function schoolApprovedDays(ex: Executor, schoolId: string, termStart: string): Promise<number> {
  const [row] = await ex
    .select({ days: sql<number>`coalesce(sum(${engagements.days}), 0)::int` })
    .from(engagements)
    .where(and(eq(engagements.providerSchoolId, schoolId), eq(engagements.termStart, termStart), inArray(engagements.status, ['active', 'completed']), eq(engagements.release, 'approved')))
  return row?.days ?? 0
}

export async function schoolPendingDays(ex: Executor, schoolId: string, termStart: string): Promise<number> {
  const [row] = await ex
    .select({ days: sql<number>`coalesce(sum(${engagements.days}), 0)::int` })
    .from(engagements)
    .where(and(eq(engagements.providerSchoolId, schoolId), eq(engagements.termStart, termStart), eq(engagements.status, 'active'), eq(engagements.release, 'pending')))
  return row?.days ?? 0
}
