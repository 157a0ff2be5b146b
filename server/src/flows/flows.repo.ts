import { type AnyColumn, type SQL, and, asc, between, eq, gte, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm'
import { type Executor, rawRows } from '../db/client.ts'
import { areas, clusters, engagements, expertise, expertiseAreas, offers, people, requestAreas, requests, schools } from '../db/schema/index.ts'
import type { TermName } from '../lib/default-calendar.ts'
import { capacityIn, chargedDays, chargedTerm, chargesJoin } from '../engagements/charges.ts'

/**
 * SQL aggregates behind the flows views. Every query starts from one trust and a range, so it rides
 * the (trust_id, term_start) index on engagements and (trust_id, status) on requests, and adds up in
 * the database: only totals cross the wire.
 */
export type FlowCriteria = {
  trustId: string
  /** Engagements count when their term starts in [termFrom, termTo]. */
  termFrom: string
  termTo: string
  /** Requests "raised in the period" were published in [publishedFrom, publishedBefore). */
  publishedFrom: Date
  publishedBefore: Date
  /** Requests (and their engagements) tagged with any of these areas; null: every area. */
  areaIds: string[] | null
  clusterId: string | null
  /** One school's view: only what touches it. */
  schoolId: string | null
}

/** `column = any($1)`: one parameter for the whole list, where `in (…)` builds one per id. */
const anyId = (column: AnyColumn, ids: string[]) => sql`${column} = any(${sql.param(ids)}::uuid[])`

export const COUNTED_STATUSES = ['active', 'completed']

const taggedIn = (requestId: AnyColumn, areaIds: string[]) =>
  sql`exists (select 1 from ${requestAreas} where ${requestAreas.requestId} = ${requestId} and ${inArray(requestAreas.areaId, areaIds)})`

const inCluster = (schoolId: AnyColumn, clusterId: string) => sql`${schoolId} in (select ${schools.id} from ${schools} where ${schools.clusterId} = ${clusterId})`

/** The school itself (a school's view) and the cluster, when given, narrow by this column. */
function schoolFilter(c: FlowCriteria, column: AnyColumn): SQL | undefined {
  return and(c.schoolId ? eq(column, c.schoolId) : undefined, c.clusterId ? inCluster(column, c.clusterId) : undefined)
}

/** Active and completed engagements of the period; cancelled ones and refused releases never count. */
function counted(c: Pick<FlowCriteria, 'trustId' | 'termFrom' | 'termTo' | 'areaIds'>): SQL {
  return and(
    eq(engagements.trustId, c.trustId),
    between(engagements.termStart, c.termFrom, c.termTo),
    inArray(engagements.status, COUNTED_STATUSES),
    ne(engagements.release, 'refused'),
    isNotNull(engagements.providerSchoolId),
    c.areaIds ? taggedIn(engagements.requestId, c.areaIds) : undefined,
  )!
}

/** The same engagements, by the terms they charge (a window spanning two terms charges both). */
function countedCharges(c: Pick<FlowCriteria, 'trustId' | 'termFrom' | 'termTo' | 'areaIds'>): SQL {
  return and(
    eq(engagements.trustId, c.trustId),
    sql`${chargedTerm} between ${c.termFrom} and ${c.termTo}`,
    inArray(engagements.status, COUNTED_STATUSES),
    ne(engagements.release, 'refused'),
    isNotNull(engagements.providerSchoolId),
    c.areaIds ? taggedIn(engagements.requestId, c.areaIds) : undefined,
  )!
}

const touchingView = (c: FlowCriteria) =>
  and(
    c.schoolId ? or(eq(engagements.providerSchoolId, c.schoolId), eq(engagements.receiverSchoolId, c.schoolId)) : undefined,
    c.clusterId ? or(inCluster(engagements.providerSchoolId, c.clusterId), inCluster(engagements.receiverSchoolId, c.clusterId)) : undefined,
  )

export type FlowLinkTotals = { from: string; to: string; days: number; deliveredDays: number; engagements: number }

/** Days agreed, delivered and engagements per providing → receiving school, largest flow first. */
export function sumLinks(db: Executor, c: FlowCriteria): Promise<FlowLinkTotals[]> {
  // A large trust has thousands of links in a term: read raw, the aggregates are already numbers.
  return rawRows<FlowLinkTotals>(
    db,
    db
      .select({
        from: sql`${engagements.providerSchoolId}`.as('from'),
        to: sql`${engagements.receiverSchoolId}`.as('to'),
        days: sql`sum(${engagements.days})::float8`.as('days'),
        deliveredDays: sql`sum(${engagements.deliveredDays})::float8`.as('deliveredDays'),
        engagements: sql`count(*)::int`.as('engagements'),
      })
      .from(engagements)
      .where(and(counted(c), touchingView(c)))
      .groupBy(engagements.providerSchoolId, engagements.receiverSchoolId)
      .orderBy(sql`3 desc`, engagements.providerSchoolId, engagements.receiverSchoolId),
  )
}

/** Days given and received per school over the same engagements as sumLinks, added up in the database. */
export async function sumDaysBySchool(db: Executor, c: FlowCriteria) {
  const rows = await rawRows<{ schoolId: string; side: 'given' | 'received'; days: number }>(
    db,
    db
      .select({
        schoolId: sql`coalesce(${engagements.providerSchoolId}, ${engagements.receiverSchoolId})`.as('schoolId'),
        side: sql`case when grouping(${engagements.providerSchoolId}) = 0 then 'given' else 'received' end`.as('side'),
        days: sql`sum(${engagements.days})::float8`.as('days'),
      })
      .from(engagements)
      .where(and(counted(c), touchingView(c)))
      .groupBy(sql`grouping sets ((${engagements.providerSchoolId}), (${engagements.receiverSchoolId}))`),
  )
  const given = new Map<string, number>()
  const received = new Map<string, number>()
  for (const r of rows) (r.side === 'given' ? given : received).set(r.schoolId, r.days)
  return { given, received }
}

/** Requests published in the period, per school: raised, and how many of them are commissioned. */
export async function countRaisedBySchool(db: Executor, c: FlowCriteria) {
  const rows = await db
    .select({
      schoolId: requests.schoolId,
      raised: sql<number>`count(*)::int`,
      commissioned: sql<number>`(count(*) filter (where ${inArray(requests.status, ['commissioned', 'completed'])}))::int`,
    })
    .from(requests)
    .where(
      and(
        eq(requests.trustId, c.trustId),
        ne(requests.status, 'draft'),
        gte(requests.publishedAt, c.publishedFrom),
        lt(requests.publishedAt, c.publishedBefore),
        schoolFilter(c, requests.schoolId),
        c.areaIds ? taggedIn(requests.id, c.areaIds) : undefined,
      ),
    )
    .groupBy(requests.schoolId)
  return new Map(rows.map((r) => [r.schoolId, { raised: Number(r.raised), commissioned: Number(r.commissioned) }]))
}

const acceptedOf = (requestId: AnyColumn) =>
  sql<number>`(select count(*) from ${offers} where ${offers.requestId} = ${requestId} and ${offers.status} = 'accepted')::int`
const liveOffersOf = (requestId: AnyColumn) =>
  sql<number>`(select count(*) from ${offers} where ${offers.requestId} = ${requestId} and ${offers.status} in ('proposed', 'accepted'))::int`

/** Requests open now that were published by the period's end. Never the request's words beyond its title. */
export async function findOpenRequests(db: Executor, c: FlowCriteria) {
  const rows = await db
    .select({
      requestId: requests.id,
      title: requests.title,
      confidentiality: requests.confidentiality,
      schoolId: requests.schoolId,
      schoolName: schools.name,
      publishedAt: requests.publishedAt,
      expertsWanted: requests.expertsWanted,
      daysPerExpert: requests.daysPerExpert,
      placesFilled: acceptedOf(requests.id),
      liveOffers: liveOffersOf(requests.id),
    })
    .from(requests)
    .innerJoin(schools, eq(schools.id, requests.schoolId))
    .where(
      and(
        eq(requests.trustId, c.trustId),
        eq(requests.status, 'open'),
        isNotNull(requests.publishedAt),
        lt(requests.publishedAt, c.publishedBefore),
        schoolFilter(c, requests.schoolId),
        c.areaIds ? taggedIn(requests.id, c.areaIds) : undefined,
      ),
    )
    .orderBy(asc(requests.publishedAt), asc(requests.id))
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt!, placesFilled: Number(r.placesFilled), liveOffers: Number(r.liveOffers) }))
}

export async function findRequestAreas(db: Executor, requestIds: string[]) {
  if (requestIds.length === 0) return new Map<string, { slug: string; name: string }[]>()
  const rows = await db
    .select({ requestId: requestAreas.requestId, slug: areas.slug, name: areas.name })
    .from(requestAreas)
    .innerJoin(areas, eq(areas.id, requestAreas.areaId))
    .where(inArray(requestAreas.requestId, requestIds))
    .orderBy(asc(areas.position), asc(areas.slug))
  const byRequest = new Map<string, { slug: string; name: string }[]>()
  for (const r of rows) byRequest.set(r.requestId, [...(byRequest.get(r.requestId) ?? []), { slug: r.slug, name: r.name }])
  return byRequest
}

/**
 * Free capacity per area: for each active expertise of an active person, its days in each of the
 * period's terms (its own figure for a term where it gives one) less the days charged to those terms
 * (engagements/charges.ts; whatever the area of the work), never below nothing; an expertise tagged
 * with two areas counts in both.
 */
export async function sumSupplyByArea(db: Executor, c: FlowCriteria, terms: TermName[]) {
  const committed = db.$with('committed').as(
    db
      .select({ expertiseId: engagements.expertiseId, days: sql<number>`sum(${chargedDays})`.as('committed_days') })
      .from(engagements)
      .leftJoin(...chargesJoin)
      .where(and(countedCharges({ ...c, areaIds: null })))
      .groupBy(engagements.expertiseId),
  )
  const capacity = terms.length ? sql`(${sql.join(terms.map((t) => capacityIn(t)), sql` + `)})` : sql`0`
  const used = sql`coalesce(${committed.days}, 0)`
  const rows = await db
    .with(committed)
    .select({
      areaId: expertiseAreas.areaId,
      experts: sql<number>`count(*)::int`,
      capacityDays: sql<number>`sum(${capacity})::float8`,
      committedDays: sql<number>`sum(${used})::float8`,
      freeDays: sql<number>`sum(greatest(${capacity} - ${used}, 0))::float8`,
    })
    .from(expertise)
    .innerJoin(expertiseAreas, eq(expertiseAreas.expertiseId, expertise.id))
    .innerJoin(people, eq(people.id, expertise.personId))
    .leftJoin(committed, eq(committed.expertiseId, expertise.id))
    .where(
      and(
        eq(expertise.trustId, c.trustId),
        eq(expertise.active, true),
        isNull(expertise.archivedAt),
        eq(people.active, true),
        // Implied by the expertise's trust; said so the planner joins the trust's people, not everyone's.
        eq(people.trustId, c.trustId),
        schoolFilter(c, expertise.schoolId),
        c.areaIds ? inArray(expertiseAreas.areaId, c.areaIds) : undefined,
      ),
    )
    .groupBy(expertiseAreas.areaId)
  return new Map(
    rows.map((r) => [r.areaId, { experts: Number(r.experts), capacityDays: Number(r.capacityDays), committedDays: Number(r.committedDays), freeDays: Number(r.freeDays) }]),
  )
}

/** Days asked per area: experts wanted × days per expert over open requests published by the period's end. */
export async function sumDemandByArea(db: Executor, c: FlowCriteria) {
  const rows = await db
    .select({
      areaId: requestAreas.areaId,
      openRequests: sql<number>`count(*)::int`,
      askedDays: sql<number>`sum(${requests.expertsWanted} * ${requests.daysPerExpert})::float8`,
    })
    .from(requests)
    .innerJoin(requestAreas, eq(requestAreas.requestId, requests.id))
    .where(
      and(
        eq(requests.trustId, c.trustId),
        eq(requests.status, 'open'),
        lt(requests.publishedAt, c.publishedBefore),
        schoolFilter(c, requests.schoolId),
        c.areaIds ? inArray(requestAreas.areaId, c.areaIds) : undefined,
      ),
    )
    .groupBy(requestAreas.areaId)
  return new Map(rows.map((r) => [r.areaId, { openRequests: Number(r.openRequests), askedDays: Number(r.askedDays) }]))
}

const daysToCommission = sql`extract(epoch from (${requests.commissionedAt} - ${requests.publishedAt})) / 86400.0`
const median = sql<number | null>`percentile_cont(0.5) within group (order by ${daysToCommission})`

function commissionedInCohort(c: FlowCriteria) {
  return and(
    eq(requests.trustId, c.trustId),
    inArray(requests.status, ['commissioned', 'completed']),
    isNotNull(requests.commissionedAt),
    gte(requests.publishedAt, c.publishedFrom),
    lt(requests.publishedAt, c.publishedBefore),
    schoolFilter(c, requests.schoolId),
  )
}

/** Median days from publishing to commissioning, over requests published in the period: overall and per area. */
export async function medianTimeToCommission(db: Executor, c: FlowCriteria) {
  const [overall] = await db
    .select({ requests: sql<number>`count(*)::int`, medianDays: median })
    .from(requests)
    .where(and(commissionedInCohort(c), c.areaIds ? taggedIn(requests.id, c.areaIds) : undefined))
  const perArea = await db
    .select({ areaId: requestAreas.areaId, requests: sql<number>`count(*)::int`, medianDays: median })
    .from(requests)
    .innerJoin(requestAreas, eq(requestAreas.requestId, requests.id))
    .where(and(commissionedInCohort(c), c.areaIds ? inArray(requestAreas.areaId, c.areaIds) : undefined))
    .groupBy(requestAreas.areaId)
  const num = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v))
  return {
    overall: { requests: Number(overall?.requests ?? 0), medianDays: num(overall?.medianDays) },
    perArea: new Map(perArea.map((r) => [r.areaId, { requests: Number(r.requests), medianDays: num(r.medianDays) ?? 0 }])),
  }
}

/** The engagements behind one link, for the period and area; no request words beyond the title. */
export async function findLinkEngagements(db: Executor, c: FlowCriteria, fromSchoolId: string, toSchoolId: string) {
  const rows = await db
    .select({
      engagementId: engagements.id,
      requestId: engagements.requestId,
      title: requests.title,
      confidentiality: requests.confidentiality,
      termStart: engagements.termStart,
      days: engagements.days,
      deliveredDays: engagements.deliveredDays,
      status: engagements.status,
      release: engagements.release,
    })
    .from(engagements)
    .innerJoin(requests, eq(requests.id, engagements.requestId))
    .where(and(counted(c), eq(engagements.providerSchoolId, fromSchoolId), eq(engagements.receiverSchoolId, toSchoolId)))
    .orderBy(asc(engagements.termStart), asc(requests.title), asc(engagements.id))
  return rows.map((r) => ({ ...r, deliveredDays: Number(r.deliveredDays) }))
}

export type FlowSchool = { id: string; trustId: string; name: string; cluster: string | null }

const schoolColumns = {
  id: sql<string>`${schools.id}`.as('id'),
  trustId: sql<string>`${schools.trustId}`.as('trustId'),
  name: sql<string>`${schools.name}`.as('name'),
  cluster: sql<string | null>`${clusters.name}`.as('cluster'),
}

export async function findSchool(db: Executor, id: string): Promise<FlowSchool | undefined> {
  const [row] = await db.select(schoolColumns).from(schools).leftJoin(clusters, eq(clusters.id, schools.clusterId)).where(eq(schools.id, id))
  return row
}

/** The schools a view reports on: the trust's, narrowed to one school or one cluster. */
export function findSchoolsInView(db: Executor, c: FlowCriteria): Promise<FlowSchool[]> {
  return rawRows(db, db
    .select(schoolColumns)
    .from(schools)
    .leftJoin(clusters, eq(clusters.id, schools.clusterId))
    .where(and(eq(schools.trustId, c.trustId), c.schoolId ? eq(schools.id, c.schoolId) : undefined, c.clusterId ? eq(schools.clusterId, c.clusterId) : undefined))
    .orderBy(asc(schools.name), asc(schools.id)))
}

export async function findSchoolsByIds(db: Executor, trustId: string, ids: string[]): Promise<FlowSchool[]> {
  if (ids.length === 0) return []
  return rawRows(db, db
    .select(schoolColumns)
    .from(schools)
    .leftJoin(clusters, eq(clusters.id, schools.clusterId))
    .where(and(eq(schools.trustId, trustId), anyId(schools.id, ids)))
    .orderBy(asc(schools.name), asc(schools.id)))
}

export async function findClusterByIdOrName(db: Executor, trustId: string, idOrName: string) {
  const [row] = await db
    .select({ id: clusters.id, name: clusters.name })
    .from(clusters)
    .where(and(eq(clusters.trustId, trustId), or(sql`${clusters.id}::text = ${idOrName}`, sql`lower(${clusters.name}) = lower(${idOrName})`)))
    .limit(1)
  return row
}

export type FlowArea = { id: string; slug: string; name: string; parentId: string | null; position: number }

export function findAreasOfTrust(db: Executor, trustId: string): Promise<FlowArea[]> {
  return db
    .select({ id: areas.id, slug: areas.slug, name: areas.name, parentId: areas.parentId, position: areas.position })
    .from(areas)
    .where(eq(areas.trustId, trustId))
    .orderBy(asc(areas.position), asc(areas.slug))
}
