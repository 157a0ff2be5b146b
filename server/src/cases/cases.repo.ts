import { type SQL, and, desc, eq, inArray, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Executor } from '../db/client.ts'
import { areas, caseAreas, cases, schools } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'

export type CaseRow = typeof cases.$inferSelect
export type CaseWithNames = Omit<CaseRow, 'search'> & { providerSchoolName: string | null; receiverSchoolName: string; confidential: boolean; expertId: string; score: number }

const provider = alias(schools, 'provider')
const receiver = alias(schools, 'receiver')

/** Whether the case's request was confidential (invited experts only). */
const ofConfidentialRequest = sql<boolean>`exists (select 1 from requests r where r.id = ${cases.requestId} and r.confidentiality = 'invited')`
const expertOf = sql<string>`(select e.expert_id from engagements e where e.id = ${cases.engagementId})`

/**
 * The one visibility rule for cases, in SQL (the policy's `case.read` says the same for one case):
 * everyone in the trust reads `trust` cases; `schools` cases are kept between the two schools' staff,
 * and a confidential request's between its expert and the two schools' heads (docs/design.md §3).
 */
const readable = (actor: Actor): SQL => {
  const staff = actor.schoolId && (actor.role === 'headteacher' || actor.role === 'teacher')
  const own = staff
    ? and(
      or(eq(cases.providerSchoolId, actor.schoolId), eq(cases.receiverSchoolId, actor.schoolId)),
      actor.role === 'headteacher' ? undefined : or(sql`not ${ofConfidentialRequest}`, sql`${expertOf} = ${actor.id}`),
    )
    : undefined
  return and(eq(cases.trustId, actor.trustId), own ? or(eq(cases.visibility, 'trust'), own) : eq(cases.visibility, 'trust'))!
}

const columns = (score: SQL<number>) => ({
  id: cases.id,
  trustId: cases.trustId,
  engagementId: cases.engagementId,
  requestId: cases.requestId,
  providerSchoolId: cases.providerSchoolId,
  receiverSchoolId: cases.receiverSchoolId,
  title: cases.title,
  problem: cases.problem,
  approach: cases.approach,
  outcome: cases.outcome,
  impact: cases.impact,
  visibility: cases.visibility,
  createdAt: cases.createdAt,
  providerSchoolName: provider.name,
  receiverSchoolName: receiver.name,
  confidential: ofConfidentialRequest,
  expertId: expertOf,
  score,
})

/** Cases with both schools' names and a score, for the caller to filter and order. */
const casesWith = (ex: Executor, score: SQL<number>) =>
  ex
    .select(columns(score))
    .from(cases)
    .leftJoin(provider, eq(provider.id, cases.providerSchoolId))
    .innerJoin(receiver, eq(receiver.id, cases.receiverSchoolId))
    .$dynamic()

/** The case's areas or any area of the named strand. */
const inArea = (slug: string) =>
  sql`exists (select 1 from case_areas ca join areas a on a.id = ca.area_id left join areas p on p.id = a.parent_id
              where ca.case_id = "cases"."id" and (a.slug = ${slug} or p.slug = ${slug}))`

export async function searchCases(ex: Executor, actor: Actor, f: { q?: string; area?: string; limit: number }): Promise<CaseWithNames[]> {
  const query = f.q ? sql`websearch_to_tsquery('english', ${f.q})` : null
  const conditions: SQL[] = [readable(actor)]
  if (query) conditions.push(sql`${cases.search} @@ ${query}`)
  if (f.area) conditions.push(inArea(f.area))
  const score = query ? sql<number>`ts_rank(${cases.search}, ${query})::float8` : sql<number>`0::float8`
  return casesWith(ex, score)
    .where(and(...conditions))
    .orderBy(...(query ? [desc(score)] : []), desc(cases.createdAt), desc(cases.id))
    .limit(f.limit)
}

/**
 * Past work like a draft: its words (any of them, ranked) and its areas (the same area counts most,
 * the same strand a little). A case must share words or an area to be shown at all.
 */
export async function similarCases(
  ex: Executor,
  actor: Actor,
  f: { text: string; areaIds: string[]; excludeRequestId?: string; limit: number },
): Promise<CaseWithNames[]> {
  const words = f.text.slice(0, 2000)
  const anyWord = sql`replace(plainto_tsquery('english', ${words})::text, ' & ', ' | ')::tsquery`
  const ids = f.areaIds.length ? f.areaIds : ['00000000-0000-0000-0000-000000000000']
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)
  // Correlated subqueries name the outer row in full ("cases"."id"), never through drizzle's unqualified columns.
  const sameArea = sql<number>`(select count(*) from case_areas ca where ca.case_id = "cases"."id" and ca.area_id in (${idList}))`
  const sameStrand = sql<number>`(select count(*) from case_areas ca join areas a on a.id = ca.area_id
      where ca.case_id = "cases"."id" and ca.area_id not in (${idList})
        and coalesce(a.parent_id, a.id) in (select coalesce(g.parent_id, g.id) from areas g where g.id in (${idList})))`
  const textRank = sql<number>`ts_rank(${cases.search}, ${anyWord}, 1)`
  const score = sql<number>`(${textRank} + 0.3 * ${sameArea} + 0.05 * ${sameStrand})::float8`
  const conditions: SQL[] = [readable(actor), sql`(${cases.search} @@ ${anyWord} or ${sameArea} > 0)`]
  if (f.excludeRequestId) conditions.push(sql`${cases.requestId} <> ${f.excludeRequestId}`)
  return casesWith(ex, score)
    .where(and(...conditions))
    .orderBy(desc(score), desc(cases.createdAt))
    .limit(f.limit)
}

export async function findCase(ex: Executor, id: string): Promise<CaseWithNames | undefined> {
  const [row] = await ex
    .select(columns(sql<number>`0::float8`))
    .from(cases)
    .leftJoin(provider, eq(provider.id, cases.providerSchoolId))
    .innerJoin(receiver, eq(receiver.id, cases.receiverSchoolId))
    .where(eq(cases.id, id))
  return row
}

export async function areaRefsByCase(ex: Executor, ids: string[]): Promise<Map<string, { slug: string; name: string }[]>> {
  const out = new Map<string, { slug: string; name: string }[]>()
  if (!ids.length) return out
  const rows = await ex
    .select({ caseId: caseAreas.caseId, slug: areas.slug, name: areas.name })
    .from(caseAreas)
    .innerJoin(areas, eq(areas.id, caseAreas.areaId))
    .where(inArray(caseAreas.caseId, ids))
    .orderBy(areas.position, areas.slug)
  for (const r of rows) out.set(r.caseId, [...(out.get(r.caseId) ?? []), { slug: r.slug, name: r.name }])
  return out
}

export async function insertCase(ex: Executor, values: typeof cases.$inferInsert, areaIds: string[]): Promise<string> {
  const [row] = await ex.insert(cases).values(values).onConflictDoNothing({ target: cases.engagementId }).returning({ id: cases.id })
  if (!row) {
    const [existing] = await ex.select({ id: cases.id }).from(cases).where(eq(cases.engagementId, values.engagementId))
    return existing!.id
  }
  if (areaIds.length) await ex.insert(caseAreas).values([...new Set(areaIds)].map((areaId) => ({ caseId: row.id, areaId })))
  return row.id
}

export async function areaIdsBySlugs(ex: Executor, trustId: string, slugs: string[]): Promise<string[]> {
  if (!slugs.length) return []
  const rows = await ex.select({ id: areas.id }).from(areas).where(and(eq(areas.trustId, trustId), inArray(areas.slug, slugs)))
  return rows.map((r) => r.id)
}
