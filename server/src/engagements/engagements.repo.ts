import { type SQL, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Executor } from '../db/client.ts'
import { cases, engagementLogs, engagementTerms, engagements, expertise, people, requests, schools } from '../db/schema/index.ts'

export type EngagementRow = typeof engagements.$inferSelect

const provider = alias(schools, 'provider')
const receiver = alias(schools, 'receiver')
const decider = alias(people, 'decider')

export type EngagementDetail = EngagementRow & {
  requestTitle: string
  requestConfidentiality: string
  expertName: string
  expertiseTitle: string
  providerSchoolName: string | null
  receiverSchoolName: string
  releaseDecidedByName: string | null
  daysLogged: number
  caseId: string | null
}

export async function engagementDetails(ex: Executor, where: SQL | undefined, window: { offset: number; limit: number } = { offset: 0, limit: 500 }): Promise<EngagementDetail[]> {
  const rows = await ex
    .select({
      g: engagements,
      requestTitle: requests.title,
      requestConfidentiality: requests.confidentiality,
      expertName: people.name,
      expertiseTitle: expertise.title,
      providerSchoolName: provider.name,
      receiverSchoolName: receiver.name,
      releaseDecidedByName: decider.name,
      daysLogged: sql<number>`coalesce((select sum(l.days) from engagement_logs l where l.engagement_id = "engagements"."id"), 0)::float8`,
      caseId: cases.id,
    })
    .from(engagements)
    .innerJoin(requests, eq(requests.id, engagements.requestId))
    .innerJoin(people, eq(people.id, engagements.expertId))
    .innerJoin(expertise, eq(expertise.id, engagements.expertiseId))
    .leftJoin(provider, eq(provider.id, engagements.providerSchoolId))
    .innerJoin(receiver, eq(receiver.id, engagements.receiverSchoolId))
    .leftJoin(decider, eq(decider.id, engagements.releaseDecidedById))
    .leftJoin(cases, eq(cases.engagementId, engagements.id))
    .where(where)
    .orderBy(sql`case ${engagements.status} when 'active' then 0 when 'completed' then 1 else 2 end`, desc(engagements.createdAt), desc(engagements.id))
    .limit(window.limit)
    .offset(window.offset)
  return rows.map(({ g, ...rest }) => ({ ...g, ...rest, daysLogged: Number(rest.daysLogged) }))
}

export async function logsByEngagement(ex: Executor, ids: string[]) {
  const out = new Map<string, { id: string; date: string; days: number; note: string; loggedBy: string; createdAt: Date }[]>()
  if (!ids.length) return out
  const rows = await ex
    .select({
      id: engagementLogs.id, engagementId: engagementLogs.engagementId, date: engagementLogs.date, days: engagementLogs.days,
      note: engagementLogs.note, loggedBy: people.name, createdAt: engagementLogs.createdAt,
    })
    .from(engagementLogs)
    .innerJoin(people, eq(people.id, engagementLogs.loggedById))
    .where(inArray(engagementLogs.engagementId, ids))
    .orderBy(asc(engagementLogs.date), asc(engagementLogs.createdAt))
  for (const { engagementId, ...log } of rows) out.set(engagementId, [...(out.get(engagementId) ?? []), log])
  return out
}

export async function findEngagement(ex: Executor, id: string): Promise<EngagementRow | undefined> {
  const [row] = await ex.select().from(engagements).where(eq(engagements.id, id))
  return row
}

/** Taken after the request's lock (request → expertise → school → engagement), never before. */
export async function lockEngagement(ex: Executor, id: string): Promise<EngagementRow | undefined> {
  const [row] = await ex.select().from(engagements).where(eq(engagements.id, id)).for('update')
  return row
}

/** An engagement and the days it charges to each term, written together. */
export async function insertEngagement(ex: Executor, values: typeof engagements.$inferInsert, charges: { termStart: string; days: number }[]): Promise<EngagementRow> {
  const [row] = await ex.insert(engagements).values(values).returning()
  await ex.insert(engagementTerms).values(charges.map((c) => ({ engagementId: row!.id, trustId: values.trustId, termStart: c.termStart, days: c.days })))
  return row!
}

export async function insertLog(ex: Executor, values: typeof engagementLogs.$inferInsert): Promise<string> {
  const [row] = await ex.insert(engagementLogs).values(values).returning({ id: engagementLogs.id })
  return row!.id
}

/** How many days a school releases a term with no need of its head's approval. */
export async function schoolReleaseCap(ex: Executor, schoolId: string): Promise<number | undefined> {
  const [row] = await ex.select({ cap: schools.releaseDaysPerTerm }).from(schools).where(eq(schools.id, schoolId))
  return row?.cap
}

/** The providing school, locked after the request and the expertise, so two accepts cannot both spend its last release days. */
export async function lockProviderSchool(ex: Executor, id: string) {
  const [row] = await ex.select().from(schools).where(eq(schools.id, id)).for('no key update')
  return row
}

export async function updateEngagement(ex: Executor, id: string, set: Partial<typeof engagements.$inferInsert>): Promise<EngagementRow> {
  const [row] = await ex.update(engagements).set(set).where(eq(engagements.id, id)).returning()
  return row!
}

export async function engagementStatusesOfRequest(ex: Executor, requestId: string): Promise<string[]> {
  const rows = await ex.select({ status: engagements.status }).from(engagements).where(eq(engagements.requestId, requestId))
  return rows.map((r) => r.status)
}
