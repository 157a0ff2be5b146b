import { and, asc, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'
import { engagementTerms, engagements, expertise, offers, people, requests, schools } from '../db/schema/index.ts'
import type { Charge } from './handover-days.ts'

/** Every query of people who leave (docs/decisions/012-people-who-leave.md). */

export async function personState(ex: Executor, personId: string) {
  const [row] = await ex
    .select({ id: people.id, trustId: people.trustId, name: people.name, active: people.active, pausedAt: people.pausedAt, schoolId: people.schoolId })
    .from(people)
    .where(eq(people.id, personId))
  return row
}

/** The work a person is doing now, or that still records them as away. */
export async function activeEngagementIdsOf(ex: Executor, personId: string): Promise<string[]> {
  const rows = await ex
    .select({ id: engagements.id })
    .from(engagements)
    .where(and(eq(engagements.expertId, personId), eq(engagements.status, 'active')))
    .orderBy(asc(engagements.createdAt))
  return rows.map((r) => r.id)
}

/** The days an engagement charges to each term: its rows, or all its days to its first term when it has none. */
export async function chargesOf(ex: Executor, g: { id: string; days: number; termStart: string }): Promise<Charge[]> {
  const rows = await ex.select({ termStart: engagementTerms.termStart, days: engagementTerms.days }).from(engagementTerms).where(eq(engagementTerms.engagementId, g.id))
  return rows.length ? rows : [{ termStart: g.termStart, days: g.days }]
}

/** Writes an engagement's charges anew (kept under the engagement's lock, like addEngagementDays). */
export async function replaceCharges(ex: Executor, g: { id: string; trustId: string }, charges: Charge[]): Promise<void> {
  await ex.delete(engagementTerms).where(eq(engagementTerms.engagementId, g.id))
  if (charges.length) await ex.insert(engagementTerms).values(charges.map((c) => ({ engagementId: g.id, trustId: g.trustId, termStart: c.termStart, days: c.days })))
}

export type ColleagueOfferRow = {
  id: string
  takesOverId: string
  personId: string
  personName: string
  expertiseId: string
  expertiseTitle: string
  days: number
  message: string
  createdAt: Date
}

/** The colleague each engagement's school has named and the receiving head has still to decide on. */
export async function colleagueOffersOf(ex: Executor, engagementIds: string[]): Promise<Map<string, ColleagueOfferRow>> {
  if (!engagementIds.length) return new Map()
  const rows = await ex
    .select({
      id: offers.id, takesOverId: sql<string>`${offers.takesOverId}`, personId: offers.personId, personName: people.name, expertiseId: offers.expertiseId,
      expertiseTitle: expertise.title, days: offers.days, message: offers.message, createdAt: offers.createdAt,
    })
    .from(offers)
    .innerJoin(people, eq(people.id, offers.personId))
    .innerJoin(expertise, eq(expertise.id, offers.expertiseId))
    .where(and(inArray(offers.takesOverId, engagementIds), eq(offers.status, 'proposed')))
  return new Map(rows.map((r) => [r.takesOverId, r]))
}

/** The expert of each engagement named: for "handed over to" and "takes over from". */
export async function expertsOf(ex: Executor, engagementIds: string[]): Promise<Map<string, { id: string; expert: { id: string; name: string } }>> {
  if (!engagementIds.length) return new Map()
  const rows = await ex
    .select({ id: engagements.id, expertId: engagements.expertId, name: people.name })
    .from(engagements)
    .innerJoin(people, eq(people.id, engagements.expertId))
    .where(inArray(engagements.id, engagementIds))
  return new Map(rows.map((r) => [r.id, { id: r.id, expert: { id: r.expertId, name: r.name } }]))
}

/** Colleagues at a school who could take work over: here, not paused, with an entry they offer now. */
export async function colleagueEntries(ex: Executor, schoolId: string, exceptPersonId: string) {
  return ex
    .select({ personId: people.id, personName: people.name, expertiseId: expertise.id, title: expertise.title })
    .from(expertise)
    .innerJoin(people, eq(people.id, expertise.personId))
    .where(and(
      eq(people.schoolId, schoolId), eq(people.active, true), isNull(people.pausedAt), ne(people.id, exceptPersonId),
      eq(expertise.active, true), isNull(expertise.archivedAt),
    ))
    .orderBy(asc(people.name), asc(expertise.title), asc(expertise.id))
    .limit(1000)
}

/** Work of a school's staff for which another head asked it for a colleague, not yet handed over. */
export async function handoversAskedOf(ex: Executor, trustId: string, schoolId: string) {
  return ex
    .select({
      id: engagements.id, expertId: engagements.expertId, expertName: people.name, requestId: engagements.requestId, requestTitle: requests.title,
      requestConfidentiality: requests.confidentiality, receiverSchoolId: engagements.receiverSchoolId, receiverSchoolName: schools.name,
      days: engagements.days, deliveredDays: engagements.deliveredDays, colleagueAskedAt: engagements.colleagueAskedAt,
      named: sql<boolean>`exists (select 1 from ${offers} where ${offers.takesOverId} = ${engagements.id} and ${offers.status} = 'proposed')`,
    })
    .from(engagements)
    .innerJoin(people, eq(people.id, engagements.expertId))
    .innerJoin(requests, eq(requests.id, engagements.requestId))
    .innerJoin(schools, eq(schools.id, engagements.receiverSchoolId))
    .where(and(eq(engagements.trustId, trustId), eq(engagements.providerSchoolId, schoolId), eq(engagements.status, 'active'), isNotNull(engagements.colleagueAskedAt)))
    .orderBy(asc(engagements.colleagueAskedAt))
    .limit(200)
}

/**
 * Work still waiting on someone who has gone, not yet reminded at this stage: the expert away with no
 * choice made, or a colleague asked for and none named. The sweeper checks the school days itself.
 */
export async function awayEngagementsToRemind(ex: Executor) {
  return ex
    .select({
      id: engagements.id, trustId: engagements.trustId, expertAwayAt: engagements.expertAwayAt, colleagueAskedAt: engagements.colleagueAskedAt,
    })
    .from(engagements)
    .where(and(
      eq(engagements.status, 'active'),
      or(isNotNull(engagements.expertAwayAt), isNotNull(engagements.colleagueAskedAt)),
      or(isNull(engagements.awayRemindedAt), sql`${engagements.awayRemindedAt} < ${engagements.colleagueAskedAt}`),
      sql`not exists (select 1 from ${offers} where ${offers.takesOverId} = ${engagements.id} and ${offers.status} = 'proposed')`,
    ))
    .limit(500)
}

export async function schoolNames(ex: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows = await ex.select({ id: schools.id, name: schools.name }).from(schools).where(inArray(schools.id, ids))
  return new Map(rows.map((r) => [r.id, r.name]))
}
