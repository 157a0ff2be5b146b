import { type SQL, and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { AreaRef } from '@ee/shared/areas'
import type { Executor } from '../db/client.ts'
import { areas, clusters, engagementTerms, engagements, expertise, expertiseAreas, offers, people, requests, schools } from '../db/schema/index.ts'
import { chargedDays, chargedTerm, chargesJoin, inTerm } from '../engagements/charges.ts'

export type ExpertiseRow = typeof expertise.$inferSelect

export async function findExpertise(db: Executor, id: string, lock = false) {
  const query = db.select().from(expertise).where(eq(expertise.id, id))
  const [row] = lock ? await query.for('update') : await query
  return row
}

export function findExpertiseOfPerson(db: Executor, personId: string) {
  return db
    .select()
    .from(expertise)
    .where(and(eq(expertise.personId, personId), isNull(expertise.archivedAt)))
    .orderBy(desc(expertise.updatedAt), desc(expertise.id))
}

export async function insertExpertise(db: Executor, values: typeof expertise.$inferInsert) {
  const [row] = await db.insert(expertise).values(values).returning()
  return row!
}

/** Every change moves `updatedAt` (database time), which orders the directory when nobody searches. */
export async function updateExpertise(db: Executor, id: string, values: Partial<Omit<typeof expertise.$inferInsert, 'updatedAt'>>) {
  const [row] = await db.update(expertise).set({ ...values, updatedAt: sql`now()` }).where(eq(expertise.id, id)).returning()
  return row!
}

export async function findAreaIdsOf(db: Executor, expertiseId: string) {
  const rows = await db.select({ areaId: expertiseAreas.areaId }).from(expertiseAreas).where(eq(expertiseAreas.expertiseId, expertiseId))
  return new Set(rows.map((r) => r.areaId))
}

export async function replaceAreas(db: Executor, expertiseId: string, areaIds: string[]) {
  await db.delete(expertiseAreas).where(eq(expertiseAreas.expertiseId, expertiseId))
  if (areaIds.length) await db.insert(expertiseAreas).values(areaIds.map((areaId) => ({ expertiseId, areaId })))
}

const strand = alias(areas, 'strand')

/** The areas of each entry, in framework order (strand by strand). */
export async function findAreaRefs(db: Executor, expertiseIds: string[]): Promise<Map<string, AreaRef[]>> {
  const out = new Map<string, AreaRef[]>(expertiseIds.map((id) => [id, []]))
  if (expertiseIds.length === 0) return out
  const rows = await db
    .select({ expertiseId: expertiseAreas.expertiseId, slug: areas.slug, name: areas.name, retiredAt: areas.retiredAt })
    .from(expertiseAreas)
    .innerJoin(areas, eq(areas.id, expertiseAreas.areaId))
    .leftJoin(strand, eq(strand.id, areas.parentId))
    .where(inArray(expertiseAreas.expertiseId, expertiseIds))
    .orderBy(sql`coalesce(${strand.position}, ${areas.position})`, sql`${areas.parentId} is not null`, asc(areas.position), asc(areas.name))
  for (const r of rows) out.get(r.expertiseId)?.push({ slug: r.slug, name: r.name, retired: r.retiredAt !== null })
  return out
}

/**
 * Days an entry has committed in a term: agreed days of its active and completed engagements
 * in that term, leaving out releases the expert's head refused.
 */
/** Days an entry's engagements charge to a term (see engagements/charges.ts). */
export const committedDaysSql = (expertiseId: SQL | typeof expertise.id, termStart: string) => sql<number>`coalesce((
  select sum(${chargedDays}) from ${engagements} left join ${engagementTerms} on ${engagementTerms.engagementId} = ${engagements.id}
  where ${engagements.expertiseId} = ${expertiseId} and ${inTerm(termStart)}
    and ${engagements.status} in ('active', 'completed') and ${engagements.release} <> 'refused'
), 0)::int`

export async function findCommittedDays(db: Executor, expertiseIds: string[], termStart: string): Promise<Map<string, number>> {
  if (expertiseIds.length === 0) return new Map()
  const rows = await db
    .select({ expertiseId: engagements.expertiseId, days: sql<number>`sum(${chargedDays})::int` })
    .from(engagements)
    .leftJoin(...chargesJoin)
    .where(
      and(
        inArray(engagements.expertiseId, expertiseIds),
        inTerm(termStart),
        inArray(engagements.status, ['active', 'completed']),
        sql`${engagements.release} <> 'refused'`,
      ),
    )
    .groupBy(engagements.expertiseId)
  return new Map(rows.map((r) => [r.expertiseId, Number(r.days)]))
}

/** Days an entry has committed in each term from `fromTermStart` on, for the terms where it has any. */
export async function findCommittedDaysFrom(db: Executor, expertiseId: string, fromTermStart: string): Promise<{ termStart: string; days: number }[]> {
  const rows = await db
    .select({ termStart: sql<string>`to_char(${chargedTerm}, 'YYYY-MM-DD')`, days: sql<number>`sum(${chargedDays})::int` })
    .from(engagements)
    .leftJoin(...chargesJoin)
    .where(and(eq(engagements.expertiseId, expertiseId), sql`${chargedTerm} >= ${fromTermStart}`, inArray(engagements.status, ['active', 'completed']), sql`${engagements.release} <> 'refused'`))
    .groupBy(chargedTerm)
  return rows.map((r) => ({ termStart: r.termStart, days: Number(r.days) }))
}

export async function findExpertView(db: Executor, personId: string) {
  const [row] = await db
    .select({
      id: people.id, name: people.name, lastActiveAt: people.lastActiveAt, pausedAt: people.pausedAt, active: people.active,
      schoolId: schools.id, schoolName: schools.name, clusterName: clusters.name, lat: schools.lat, lng: schools.lng,
    })
    .from(people)
    .leftJoin(schools, eq(schools.id, people.schoolId))
    .leftJoin(clusters, eq(clusters.id, schools.clusterId))
    .where(eq(people.id, personId))
  return row
}

export async function findSchoolView(db: Executor, schoolId: string) {
  const [row] = await db
    .select({ id: schools.id, name: schools.name, clusterName: clusters.name, lat: schools.lat, lng: schools.lng, releaseDaysPerTerm: schools.releaseDaysPerTerm })
    .from(schools)
    .leftJoin(clusters, eq(clusters.id, schools.clusterId))
    .where(eq(schools.id, schoolId))
  return row
}

export async function findPersonForAvailability(db: Executor, personId: string) {
  const [row] = await db
    .select({ id: people.id, trustId: people.trustId, schoolId: people.schoolId, pausedAt: people.pausedAt })
    .from(people)
    .where(eq(people.id, personId))
    .for('update')
  return row
}

export async function setPaused(db: Executor, personId: string, pausedAt: Date | null) {
  await db.update(people).set({ pausedAt }).where(eq(people.id, personId))
}

/** Open invitations of a person (or of one entry) end as declined; answers the offers closed. */
export async function declineInvitations(db: Executor, where: { personId: string } | { expertiseId: string }, reason: string, now: Date) {
  return db
    .update(offers)
    .set({ status: 'declined', closedReason: reason, decidedAt: now, updatedAt: now })
    .where(and('personId' in where ? eq(offers.personId, where.personId) : eq(offers.expertiseId, where.expertiseId), eq(offers.status, 'invited')))
    .returning({ id: offers.id, requestId: offers.requestId, trustId: offers.trustId })
}

/** The requests those invitations were for: whose heads to tell. */
export async function findRequestsBrief(db: Executor, ids: string[]) {
  if (ids.length === 0) return []
  return db.select({ id: requests.id, title: requests.title, schoolId: requests.schoolId, trustId: requests.trustId }).from(requests).where(inArray(requests.id, ids))
}

export async function findProfilePerson(db: Executor, personId: string) {
  const [row] = await db
    .select({ id: people.id, name: people.name, email: people.email, role: people.role, schoolId: people.schoolId, pausedAt: people.pausedAt, lastActiveAt: people.lastActiveAt })
    .from(people)
    .where(eq(people.id, personId))
  return row
}

/** Keeps an expert's entries with the school they now work at (an administrator moved them). */
export async function moveExpertiseToSchool(db: Executor, personId: string, schoolId: string | null) {
  await db.update(expertise).set({ schoolId }).where(eq(expertise.personId, personId))
}
