import { type SQL, and, desc, eq, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'
import { areas, engagements, offers, people, requestAreas, requests, schools } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'

export type RequestRow = typeof requests.$inferSelect
export type RequestWithNames = RequestRow & { schoolName: string; raisedByName: string }

const withNames = {
  row: requests,
  schoolName: schools.name,
  raisedByName: people.name,
}

function flatten(r: { row: RequestRow; schoolName: string; raisedByName: string }): RequestWithNames {
  return { ...r.row, schoolName: r.schoolName, raisedByName: r.raisedByName }
}

export async function findRequest(ex: Executor, id: string): Promise<RequestWithNames | undefined> {
  const [r] = await ex
    .select(withNames)
    .from(requests)
    .innerJoin(schools, eq(schools.id, requests.schoolId))
    .innerJoin(people, eq(people.id, requests.raisedById))
    .where(eq(requests.id, id))
  return r ? flatten(r) : undefined
}

/** The first lock of every commissioning transaction (then the expertise row): one order, no deadlocks. */
export async function lockRequest(ex: Executor, id: string): Promise<RequestRow | undefined> {
  const [r] = await ex.select().from(requests).where(eq(requests.id, id)).for('update')
  return r
}

export async function participantIds(ex: Executor, requestId: string): Promise<string[]> {
  const rows = await ex.selectDistinct({ personId: offers.personId }).from(offers).where(eq(offers.requestId, requestId))
  return rows.map((r) => r.personId)
}

// Correlated subqueries name the outer row in full ("requests"."id"): drizzle leaves columns
// unqualified in single-table queries, and an unqualified "id" would bind to the inner table.
const participates = (personId: string) =>
  sql`exists (select 1 from offers po where po.request_id = "requests"."id" and po.person_id = ${personId})`

/** Areas by slug, including every area of a strand when the slug names a strand. */
const inArea = (slug: string) =>
  sql`exists (select 1 from request_areas ra join areas a on a.id = ra.area_id left join areas p on p.id = a.parent_id
              where ra.request_id = "requests"."id" and (a.slug = ${slug} or p.slug = ${slug}))`

export type RequestListFilter = { statuses?: string[]; mine?: boolean; area?: string; limit: number }

/** What the reader may see listed (docs/design.md §2, §3): the same rule as `request.see`, in SQL. */
export async function listRequestRows(ex: Executor, actor: Actor, f: RequestListFilter): Promise<RequestWithNames[]> {
  const isHead = actor.role === 'headteacher' && actor.schoolId !== null
  const ownSchool = isHead ? eq(requests.schoolId, actor.schoolId) : sql`false`
  const trustTeam = actor.role === 'central' || actor.role === 'admin'
  const visible = or(
    ownSchool,
    and(
      sql`${requests.status} <> 'draft'`,
      or(eq(requests.confidentiality, 'trust'), trustTeam ? sql`true` : sql`false`, participates(actor.id)),
    ),
  )
  const conditions: (SQL | undefined)[] = [eq(requests.trustId, actor.trustId), visible]
  if (f.statuses?.length) conditions.push(inArray(requests.status, f.statuses))
  if (f.mine) conditions.push(or(ownSchool, participates(actor.id)))
  if (f.area) conditions.push(inArea(f.area))
  const rows = await ex
    .select(withNames)
    .from(requests)
    .innerJoin(schools, eq(schools.id, requests.schoolId))
    .innerJoin(people, eq(people.id, requests.raisedById))
    .where(and(...conditions))
    .orderBy(desc(sql`coalesce(${requests.publishedAt}, ${requests.createdAt})`), desc(requests.id))
    .limit(f.limit)
  return rows.map(flatten)
}

export async function areaRefsByRequest(ex: Executor, ids: string[]): Promise<Map<string, { slug: string; name: string }[]>> {
  const out = new Map<string, { slug: string; name: string }[]>()
  if (!ids.length) return out
  const rows = await ex
    .select({ requestId: requestAreas.requestId, slug: areas.slug, name: areas.name, position: areas.position })
    .from(requestAreas)
    .innerJoin(areas, eq(areas.id, requestAreas.areaId))
    .where(inArray(requestAreas.requestId, ids))
    .orderBy(areas.position, areas.slug)
  for (const r of rows) out.set(r.requestId, [...(out.get(r.requestId) ?? []), { slug: r.slug, name: r.name }])
  return out
}

/** Places taken: engagements that still stand (a refused release or cancellation frees the place). */
export async function placesFilledByRequest(ex: Executor, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map()
  const rows = await ex
    .select({ requestId: engagements.requestId, n: sql<number>`count(*)::int` })
    .from(engagements)
    // Work handed over to a colleague holds its place through the colleague's engagement, not twice (docs/decisions/012-people-who-leave.md).
    .where(and(inArray(engagements.requestId, ids), inArray(engagements.status, ['active', 'completed']), isNull(engagements.handedOverToId)))
    .groupBy(engagements.requestId)
  return new Map(rows.map((r) => [r.requestId, r.n]))
}

export async function liveOffersByRequest(ex: Executor, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map()
  const rows = await ex
    .select({ requestId: offers.requestId, n: sql<number>`count(*)::int` })
    .from(offers)
    .where(and(inArray(offers.requestId, ids), inArray(offers.status, ['invited', 'proposed'])))
    .groupBy(offers.requestId)
  return new Map(rows.map((r) => [r.requestId, r.n]))
}

/** Declines the request's waiting invitations and offers (but `except`) as it closes: who to tell, and whether each was an invitation. */
export async function closeLiveOffers(ex: Executor, requestId: string, reason: 'filled' | 'request_withdrawn', now: Date, except?: string) {
  return ex
    .update(offers)
    .set({ status: 'declined', closedReason: reason, decidedAt: now, updatedAt: now })
    .where(and(eq(offers.requestId, requestId), inArray(offers.status, ['invited', 'proposed']), except ? ne(offers.id, except) : undefined))
    .returning({ id: offers.id, personId: offers.personId, invitedAt: offers.invitedAt })
}

/** Engagements of the request under way: while there are any, it cannot be withdrawn. */
export async function activeEngagementIds(ex: Executor, requestId: string): Promise<string[]> {
  const rows = await ex.select({ id: engagements.id }).from(engagements).where(and(eq(engagements.requestId, requestId), eq(engagements.status, 'active')))
  return rows.map((r) => r.id)
}

/** The reader's own offer on each request: the live one if any, else the latest. */
export async function myOffersByRequest(ex: Executor, ids: string[], personId: string): Promise<Map<string, { id: string; status: string }>> {
  if (!ids.length) return new Map()
  const rows = await ex
    .select({ requestId: offers.requestId, id: offers.id, status: offers.status, createdAt: offers.createdAt })
    .from(offers)
    .where(and(inArray(offers.requestId, ids), eq(offers.personId, personId)))
    .orderBy(offers.createdAt)
  const out = new Map<string, { id: string; status: string }>()
  const live = new Set(['invited', 'proposed', 'accepted'])
  for (const r of rows) {
    const current = out.get(r.requestId)
    if (!current || !live.has(current.status) || live.has(r.status)) out.set(r.requestId, { id: r.id, status: r.status })
  }
  return out
}

export type AreaChoice = { id: string; slug: string; retired: boolean }

export async function areasBySlug(ex: Executor, trustId: string, slugs: string[]): Promise<Map<string, AreaChoice>> {
  if (!slugs.length) return new Map()
  const rows = await ex
    .select({ id: areas.id, slug: areas.slug, retiredAt: areas.retiredAt })
    .from(areas)
    .where(and(eq(areas.trustId, trustId), inArray(areas.slug, slugs)))
  return new Map(rows.map((r) => [r.slug, { id: r.id, slug: r.slug, retired: r.retiredAt !== null }]))
}

export async function areaIdsOfRequest(ex: Executor, requestId: string): Promise<string[]> {
  const rows = await ex.select({ areaId: requestAreas.areaId }).from(requestAreas).where(eq(requestAreas.requestId, requestId))
  return rows.map((r) => r.areaId)
}

export async function insertRequest(ex: Executor, values: typeof requests.$inferInsert): Promise<RequestRow> {
  const [row] = await ex.insert(requests).values(values).returning()
  return row!
}

export async function setRequestAreas(ex: Executor, requestId: string, areaIds: string[]): Promise<void> {
  await ex.delete(requestAreas).where(eq(requestAreas.requestId, requestId))
  if (areaIds.length) await ex.insert(requestAreas).values([...new Set(areaIds)].map((areaId) => ({ requestId, areaId })))
}

/** Every change bumps `version`, so an edit made against an older copy is refused. */
export async function updateRequestRow(
  ex: Executor,
  id: string,
  set: Partial<typeof requests.$inferInsert>,
  now: Date,
  expectedVersion?: number,
): Promise<RequestRow | undefined> {
  const where = expectedVersion === undefined ? eq(requests.id, id) : and(eq(requests.id, id), eq(requests.version, expectedVersion))
  const [row] = await ex
    .update(requests)
    .set({ ...set, updatedAt: now, version: sql`${requests.version} + 1` })
    .where(where)
    .returning()
  return row
}

/** Open requests nobody has offered on since `before`, not yet flagged. */
export async function staleOpenRequests(ex: Executor, before: Date): Promise<RequestRow[]> {
  return ex
    .select()
    .from(requests)
    .where(
      and(
        eq(requests.status, 'open'),
        isNull(requests.staleNotifiedAt),
        lte(requests.publishedAt, before),
        sql`not exists (select 1 from offers o where o.request_id = "requests"."id" and o.status in ('proposed', 'accepted'))`,
      ),
    )
    .limit(500)
}
