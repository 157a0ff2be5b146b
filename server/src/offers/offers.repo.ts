import { type SQL, and, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Executor } from '../db/client.ts'
import { engagements, expertise, offers, people, requests, schools } from '../db/schema/index.ts'

export type OfferRow = typeof offers.$inferSelect

const expertSchool = alias(schools, 'expert_school')
const requestSchool = alias(schools, 'request_school')

export type OfferDetail = OfferRow & {
  requestTitle: string
  requestSchoolId: string
  requestWindowStart: string
  expertName: string
  expertLastActiveAt: Date | null
  schoolName: string | null
  schoolLat: number | null
  schoolLng: number | null
  requestLat: number
  requestLng: number
  expertiseTitle: string
  expertiseSummary: string
  expertiseEvidence: string
  engagementId: string | null
}

export async function offerDetails(ex: Executor, where: SQL): Promise<OfferDetail[]> {
  const rows = await ex
    .select({
      offer: offers,
      requestTitle: requests.title,
      requestSchoolId: requests.schoolId,
      requestWindowStart: requests.windowStart,
      expertName: people.name,
      expertLastActiveAt: people.lastActiveAt,
      schoolName: expertSchool.name,
      schoolLat: expertSchool.lat,
      schoolLng: expertSchool.lng,
      requestLat: requestSchool.lat,
      requestLng: requestSchool.lng,
      expertiseTitle: expertise.title,
      expertiseSummary: expertise.summary,
      expertiseEvidence: expertise.evidence,
      engagementId: engagements.id,
    })
    .from(offers)
    .innerJoin(requests, eq(requests.id, offers.requestId))
    .innerJoin(requestSchool, eq(requestSchool.id, requests.schoolId))
    .innerJoin(people, eq(people.id, offers.personId))
    .innerJoin(expertise, eq(expertise.id, offers.expertiseId))
    .leftJoin(expertSchool, eq(expertSchool.id, offers.schoolId))
    .leftJoin(engagements, eq(engagements.offerId, offers.id))
    .where(where)
    .orderBy(sql`case ${offers.status} when 'accepted' then 0 when 'proposed' then 1 when 'invited' then 2 else 3 end`, offers.createdAt)
  return rows.map(({ offer, ...rest }) => ({ ...offer, ...rest }))
}

export async function findOffer(ex: Executor, id: string): Promise<(OfferRow & { requestSchoolId: string }) | undefined> {
  const [row] = await ex
    .select({ offer: offers, requestSchoolId: requests.schoolId })
    .from(offers)
    .innerJoin(requests, eq(requests.id, offers.requestId))
    .where(eq(offers.id, id))
  return row ? { ...row.offer, requestSchoolId: row.requestSchoolId } : undefined
}

/** Average impact of the expert's completed work, and how many engagements it rests on. */
export async function pastImpactByPerson(ex: Executor, personIds: string[]): Promise<Map<string, { average: number | null; count: number }>> {
  if (!personIds.length) return new Map()
  const rows = await ex
    .select({ personId: engagements.expertId, average: sql<number | null>`avg(${engagements.impact})::float8`, count: sql<number>`count(${engagements.impact})::int` })
    .from(engagements)
    .where(and(inArray(engagements.expertId, [...new Set(personIds)]), eq(engagements.status, 'completed')))
    .groupBy(engagements.expertId)
  return new Map(rows.map((r) => [r.personId, { average: r.average === null ? null : Math.round(r.average * 10) / 10, count: r.count }]))
}

/** The second lock of the commissioning transaction, after the request's. */
export async function lockExpertise(ex: Executor, id: string) {
  const [row] = await ex.select().from(expertise).where(eq(expertise.id, id)).for('update')
  return row
}

/** Moves an offer only from the state the caller saw: a concurrent change leaves 0 rows (→ 409). */
export async function moveOffer(ex: Executor, id: string, from: string[], set: Partial<typeof offers.$inferInsert>): Promise<OfferRow | undefined> {
  const [row] = await ex.update(offers).set(set).where(and(eq(offers.id, id), inArray(offers.status, from))).returning()
  return row
}

export async function liveOfferOf(ex: Executor, requestId: string, personId: string): Promise<OfferRow | undefined> {
  const [row] = await ex
    .select()
    .from(offers)
    .where(and(eq(offers.requestId, requestId), eq(offers.personId, personId), inArray(offers.status, ['invited', 'proposed', 'accepted'])))
  return row
}

/** The offer as it stands, read again once the request is locked. */
export async function offerRow(ex: Executor, id: string): Promise<OfferRow> {
  const [row] = await ex.select().from(offers).where(eq(offers.id, id))
  return row!
}

export async function insertOffer(ex: Executor, values: typeof offers.$inferInsert): Promise<OfferRow> {
  const [row] = await ex.insert(offers).values(values).returning()
  return row!
}

/** An expertise entry with what its owner's availability says about it. */
export async function expertiseWithOwner(ex: Executor, expertiseId: string) {
  const [row] = await ex
    .select({ e: expertise, personActive: people.active, pausedAt: people.pausedAt, personName: people.name, personSchoolId: people.schoolId })
    .from(expertise)
    .innerJoin(people, eq(people.id, expertise.personId))
    .where(eq(expertise.id, expertiseId))
  return row
}

export async function personName(ex: Executor, id: string): Promise<string | undefined> {
  const [p] = await ex.select({ name: people.name }).from(people).where(eq(people.id, id))
  return p?.name
}

/** Invitations past their expiry, a batch at a time. */
export async function dueInvitations(ex: Executor, now: Date): Promise<string[]> {
  const rows = await ex
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.status, 'invited'), lte(offers.expiresAt, now)))
    .limit(500)
  return rows.map((r) => r.id)
}

/** Invitations and offers still waiting on a request: each holds a place until it is answered or decided. */
export async function waitingOffers(ex: Executor, requestId: string): Promise<number> {
  const [row] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(offers)
    .where(and(eq(offers.requestId, requestId), inArray(offers.status, ['invited', 'proposed'])))
  return row?.n ?? 0
}

/** The invitation on a request that most recently lapsed for one of `reasons` (expired, declined by the expert…), with the expert's name. */
export async function lastLapsedInvitation(ex: Executor, requestId: string, reasons: readonly string[]) {
  const [row] = await ex
    .select({ id: offers.id, closedReason: offers.closedReason, expiresAt: offers.expiresAt, decidedAt: offers.decidedAt, updatedAt: offers.updatedAt, expertName: people.name })
    .from(offers)
    .innerJoin(people, eq(people.id, offers.personId))
    .where(and(eq(offers.requestId, requestId), eq(offers.status, 'declined'), isNotNull(offers.invitedAt), inArray(offers.closedReason, [...reasons])))
    .orderBy(desc(sql`coalesce(${offers.decidedAt}, ${offers.updatedAt})`), desc(offers.id))
    .limit(1)
  return row
}

/** What an invitation tells the expert about the request: its school's name and the head who raised it. */
export async function requestForInvitation(ex: Executor, requestId: string) {
  const [row] = await ex
    .select({ id: requests.id, title: requests.title, schoolName: requestSchool.name, daysPerExpert: requests.daysPerExpert, raisedByName: people.name })
    .from(requests)
    .innerJoin(requestSchool, eq(requestSchool.id, requests.schoolId))
    .innerJoin(people, eq(people.id, requests.raisedById))
    .where(eq(requests.id, requestId))
  return row!
}
