import { and, eq, gt, inArray, isNull } from 'drizzle-orm'
import { acrossTrusts } from '../db/scope.ts'
import type { Executor } from '../db/client.ts'
import type { PgTable } from 'drizzle-orm/pg-core'
import {
  areas,
  caseAreas,
  cases,
  clusters,
  engagementLogs,
  engagementTerms,
  engagements,
  expertise,
  expertiseAreas,
  invitations,
  offers,
  people,
  requestAreas,
  requests,
  schools,
  trusts,
} from '../db/schema/index.ts'

/**
 * Rows per statement. Building a statement is synchronous work on the event loop; at 100 rows it is a
 * few milliseconds, and the awaited round trip between statements lets other requests (a sign-in in
 * another trust) run, so an import never holds the loop for long (docs/design.md §8).
 */
export const CHUNK = 100
export const chunks = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK))

/** Writes many rows of one table in statements of a thousand. */
const inserter = <T extends PgTable>(table: T) => async (ex: Executor, rows: T['$inferInsert'][]) => {
  for (const chunk of chunks(rows)) await ex.insert(table).values(chunk)
}

export async function emailHasAccount(ex: Executor, email: string): Promise<boolean> {
  const [row] = await ex.select({ id: people.id }).from(people).where(eq(people.email, email))
  return row !== undefined
}

/** An invitation for the address anywhere on the service that can still be accepted. */
export async function emailHasWaitingInvitation(ex: Executor, email: string, now: Date): Promise<boolean> {
  const [row] = await ex
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
  return row !== undefined
}

export async function insertTrust(ex: Executor, name: string, id?: string): Promise<string> {
  const [trust] = await ex.insert(trusts).values({ id, name }).returning({ id: trusts.id })
  return trust!.id
}

/** What an import into a trust must check against: schools and accounts by URN and e-mail, across the service, and the trust's framework and clusters. */
export async function existingForImport(ex: Executor, trustId: string, urns: number[], emails: string[]) {
  const schoolByUrn = new Map<number, { id: string; trustId: string }>()
  for (const chunk of chunks(urns)) {
    for (const s of await acrossTrusts(ex, () => ex.select({ id: schools.id, urn: schools.urn, trustId: schools.trustId }).from(schools).where(inArray(schools.urn, chunk)))) schoolByUrn.set(s.urn, s)
  }
  const personByEmail = new Map<string, { id: string; trustId: string; schoolId: string | null }>()
  for (const chunk of chunks(emails)) {
    for (const p of await acrossTrusts(ex, () => ex.select({ id: people.id, email: people.email, trustId: people.trustId, schoolId: people.schoolId }).from(people).where(inArray(people.email, chunk)))) personByEmail.set(p.email, p)
  }
  const areaRows = await ex.select({ id: areas.id, slug: areas.slug }).from(areas).where(eq(areas.trustId, trustId))
  const clusterRows = await ex.select({ id: clusters.id, name: clusters.name }).from(clusters).where(eq(clusters.trustId, trustId))
  const [trust] = await ex.select({ name: trusts.name }).from(trusts).where(eq(trusts.id, trustId))
  return {
    schoolByUrn,
    personByEmail,
    areaBySlug: new Map(areaRows.map((a) => [a.slug, a.id])),
    clusters: new Map(clusterRows.map((c) => [c.name, c.id])),
    trustName: trust!.name,
  }
}

/** URNs of these already registered anywhere on the service. */
export async function takenUrns(ex: Executor, urns: number[]): Promise<Set<number>> {
  const rows = await acrossTrusts(ex, () => ex.select({ urn: schools.urn }).from(schools).where(inArray(schools.urn, urns)))
  return new Set(rows.map((r) => r.urn))
}

/** E-mails of these that already have an account anywhere on the service. */
export async function takenEmails(ex: Executor, emails: string[]): Promise<Set<string>> {
  const rows = await acrossTrusts(ex, () => ex.select({ email: people.email }).from(people).where(inArray(people.email, emails)))
  return new Set(rows.map((r) => r.email))
}

export const insertAreas = inserter(areas)
export const insertClusters = inserter(clusters)
export const insertSchools = inserter(schools)
export const insertPeople = inserter(people)
export const insertExpertise = inserter(expertise)
export const insertExpertiseAreas = inserter(expertiseAreas)
export const insertRequests = inserter(requests)
export const insertRequestAreas = inserter(requestAreas)
export const insertOffers = inserter(offers)
export const insertEngagements = inserter(engagements)
export const insertEngagementTerms = inserter(engagementTerms)
export const insertEngagementLogs = inserter(engagementLogs)
export const insertCases = inserter(cases)
export const insertCaseAreas = inserter(caseAreas)
