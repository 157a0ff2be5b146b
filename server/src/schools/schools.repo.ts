import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { acrossTrusts } from '../db/scope.ts'
import type { Executor } from '../db/client.ts'
import { clusters, schools } from '../db/schema/index.ts'

const schoolColumns = {
  id: schools.id,
  trustId: schools.trustId,
  urn: schools.urn,
  name: schools.name,
  phase: schools.phase,
  type: schools.type,
  postcode: schools.postcode,
  lat: schools.lat,
  lng: schools.lng,
  clusterId: schools.clusterId,
  clusterName: clusters.name,
  releaseDaysPerTerm: schools.releaseDaysPerTerm,
  status: schools.status,
  closedOn: schools.closedOn,
}

export function findSchoolsOfTrust(db: Executor, trustId: string) {
  return db.select(schoolColumns).from(schools).leftJoin(clusters, eq(clusters.id, schools.clusterId)).where(eq(schools.trustId, trustId)).orderBy(asc(schools.name), asc(schools.urn))
}

export async function findSchool(db: Executor, id: string, lock = false) {
  const query = db.select(schoolColumns).from(schools).leftJoin(clusters, eq(clusters.id, schools.clusterId)).where(eq(schools.id, id))
  const [row] = lock ? await query.for('update', { of: schools }) : await query
  return row
}

export type SchoolRow = NonNullable<Awaited<ReturnType<typeof findSchool>>>

export async function updateSchool(db: Executor, id: string, values: Partial<typeof schools.$inferInsert>) {
  await db.update(schools).set(values).where(eq(schools.id, id))
}

/** Finds a cluster of the trust by name (case-insensitive), creating it when new; `created` says which. */
export async function findOrCreateCluster(db: Executor, trustId: string, name: string) {
  const [existing] = await db.select().from(clusters).where(and(eq(clusters.trustId, trustId), sql`lower(${clusters.name}) = lower(${name})`))
  if (existing) return { cluster: existing, created: false }
  const [cluster] = await db.insert(clusters).values({ trustId, name }).onConflictDoNothing().returning()
  if (cluster) return { cluster, created: true }
  const [raced] = await db.select().from(clusters).where(and(eq(clusters.trustId, trustId), eq(clusters.name, name)))
  return { cluster: raced!, created: false }
}

/** The schools of any trust holding these URNs: a URN is registered once across the service. */
export async function findSchoolsByUrn(db: Executor, urns: number[]) {
  const out = new Map<number, typeof schools.$inferSelect>()
  for (let i = 0; i < urns.length; i += 1000) {
    for (const r of await acrossTrusts(db, () => db.select().from(schools).where(inArray(schools.urn, urns.slice(i, i + 1000))))) out.set(r.urn, r)
  }
  return out
}

export async function insertSchools(db: Executor, rows: (typeof schools.$inferInsert)[]) {
  const out: { id: string; urn: number }[] = []
  for (let i = 0; i < rows.length; i += 500) {
    out.push(...(await db.insert(schools).values(rows.slice(i, i + 500)).returning({ id: schools.id, urn: schools.urn })))
  }
  return out
}
