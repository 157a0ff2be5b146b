import { and, eq, gt, inArray, isNull } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'
import { areas, clusters, expertise, expertiseAreas, invitations, people, schools, trusts } from '../db/schema/index.ts'

const CHUNK = 1000
export const chunks = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK))

/** Many rows in statements of a thousand. */
async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (const chunk of chunks(rows)) await insert(chunk)
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

export async function insertTrust(ex: Executor, name: string): Promise<string> {
  const [trust] = await ex.insert(trusts).values({ name }).returning({ id: trusts.id })
  return trust!.id
}

/** What an import into a trust must check against: schools and accounts by URN and e-mail, across the service, and the trust's framework and clusters. */
export async function existingForImport(ex: Executor, trustId: string, urns: number[], emails: string[]) {
  const schoolByUrn = new Map<number, { id: string; trustId: string }>()
  for (const chunk of chunks(urns)) {
    for (const s of await ex.select({ id: schools.id, urn: schools.urn, trustId: schools.trustId }).from(schools).where(inArray(schools.urn, chunk))) schoolByUrn.set(s.urn, s)
  }
  const personByEmail = new Map<string, { id: string; trustId: string; schoolId: string | null }>()
  for (const chunk of chunks(emails)) {
    for (const p of await ex.select({ id: people.id, email: people.email, trustId: people.trustId, schoolId: people.schoolId }).from(people).where(inArray(people.email, chunk))) personByEmail.set(p.email, p)
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

export async function insertClusters(ex: Executor, rows: (typeof clusters.$inferInsert)[]) {
  if (rows.length) await ex.insert(clusters).values(rows)
}

export const insertSchools = (ex: Executor, rows: (typeof schools.$inferInsert)[]) => insertChunked(rows, (chunk) => ex.insert(schools).values(chunk))
export const insertPeople = (ex: Executor, rows: (typeof people.$inferInsert)[]) => insertChunked(rows, (chunk) => ex.insert(people).values(chunk))
export const insertExpertise = (ex: Executor, rows: (typeof expertise.$inferInsert)[]) => insertChunked(rows, (chunk) => ex.insert(expertise).values(chunk))
export const insertExpertiseAreas = (ex: Executor, rows: (typeof expertiseAreas.$inferInsert)[]) => insertChunked(rows, (chunk) => ex.insert(expertiseAreas).values(chunk))
