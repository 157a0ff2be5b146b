import { asc, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'
import {
  areas,
  caseAreas,
  cases,
  clusters,
  engagementExtensions,
  engagementLogs,
  engagementTerms,
  engagements,
  expertise,
  expertiseAreas,
  invitations,
  notificationPreferences,
  notifications,
  offers,
  people,
  requestAreas,
  requests,
  schools,
  trustClosures,
  trustTerms,
  trusts,
} from '../db/schema/index.ts'
import { chunks } from './admin.repo.ts'

/** Rows of child tables whose parents are these ids, read a chunk of parents at a time. */
async function byParents<T>(ids: string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = []
  for (const chunk of chunks(ids)) out.push(...(await read(chunk)))
  return out
}

/**
 * Every row of one trust that its bundle carries (docs/design.md §8), in a stable order. Not read:
 * password hashes, invitation and reset tokens, the e-mail outbox, idempotency keys and the audit trail.
 */
export async function readTrustRows(ex: Executor, trustId: string) {
  const [trust] = await ex.select({ id: trusts.id, name: trusts.name }).from(trusts).where(eq(trusts.id, trustId))
  const areaRows = await ex.select().from(areas).where(eq(areas.trustId, trustId)).orderBy(asc(areas.position), asc(areas.createdAt), asc(areas.id))
  const clusterRows = await ex.select().from(clusters).where(eq(clusters.trustId, trustId)).orderBy(asc(clusters.name))
  const schoolRows = await ex.select().from(schools).where(eq(schools.trustId, trustId)).orderBy(asc(schools.urn))
  const personRows = await ex
    .select({
      id: people.id, schoolId: people.schoolId, email: people.email, name: people.name, role: people.role, active: people.active,
      pausedAt: people.pausedAt, lastActiveAt: people.lastActiveAt, createdAt: people.createdAt,
    })
    .from(people).where(eq(people.trustId, trustId)).orderBy(asc(people.createdAt), asc(people.email))
  const expertiseRows = await ex.select().from(expertise).where(eq(expertise.trustId, trustId)).orderBy(asc(expertise.createdAt), asc(expertise.id))
  const requestRows = await ex.select().from(requests).where(eq(requests.trustId, trustId)).orderBy(asc(requests.createdAt), asc(requests.id))
  const offerRows = await ex.select().from(offers).where(eq(offers.trustId, trustId)).orderBy(asc(offers.createdAt), asc(offers.id))
  const engagementRows = await ex.select().from(engagements).where(eq(engagements.trustId, trustId)).orderBy(asc(engagements.createdAt), asc(engagements.id))
  const chargeRows = await ex.select().from(engagementTerms).where(eq(engagementTerms.trustId, trustId)).orderBy(asc(engagementTerms.termStart))
  const logRows = await ex.select().from(engagementLogs).where(eq(engagementLogs.trustId, trustId)).orderBy(asc(engagementLogs.createdAt), asc(engagementLogs.id))
  const caseRows = await ex.select().from(cases).where(eq(cases.trustId, trustId)).orderBy(asc(cases.createdAt), asc(cases.id))
  const extensionRows = await ex.select().from(engagementExtensions).where(eq(engagementExtensions.trustId, trustId)).orderBy(asc(engagementExtensions.createdAt), asc(engagementExtensions.id))
  const termRows = await ex.select().from(trustTerms).where(eq(trustTerms.trustId, trustId)).orderBy(asc(trustTerms.academicYear), asc(trustTerms.start))
  const closureRows = await ex.select().from(trustClosures).where(eq(trustClosures.trustId, trustId)).orderBy(asc(trustClosures.date))
  const invitationRows = await ex
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, schoolId: invitations.schoolId, invitedById: invitations.invitedById, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt, createdAt: invitations.createdAt })
    .from(invitations).where(eq(invitations.trustId, trustId)).orderBy(asc(invitations.createdAt), asc(invitations.id))
  const notificationRows = await ex.select().from(notifications).where(eq(notifications.trustId, trustId)).orderBy(asc(notifications.createdAt), asc(notifications.id))

  const personIds = personRows.map((p) => p.id)
  return {
    trust: trust!,
    areas: areaRows,
    clusters: clusterRows,
    schools: schoolRows,
    people: personRows,
    expertise: expertiseRows,
    expertiseAreas: await byParents(expertiseRows.map((e) => e.id), (ids) => ex.select().from(expertiseAreas).where(inArray(expertiseAreas.expertiseId, ids))),
    requests: requestRows,
    requestAreas: await byParents(requestRows.map((r) => r.id), (ids) => ex.select().from(requestAreas).where(inArray(requestAreas.requestId, ids))),
    offers: offerRows,
    engagements: engagementRows,
    charges: chargeRows,
    logs: logRows,
    cases: caseRows,
    caseAreas: await byParents(caseRows.map((c) => c.id), (ids) => ex.select().from(caseAreas).where(inArray(caseAreas.caseId, ids))),
    extensions: extensionRows,
    terms: termRows,
    closures: closureRows,
    invitations: invitationRows,
    notifications: notificationRows,
    notificationPreferences: await byParents(personIds, (ids) => ex.select().from(notificationPreferences).where(inArray(notificationPreferences.personId, ids)).orderBy(asc(notificationPreferences.personId), asc(notificationPreferences.kind))),
  }
}
export type TrustRows = Awaited<ReturnType<typeof readTrustRows>>
