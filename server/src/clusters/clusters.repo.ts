import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'
import { clusters, schools } from '../db/schema/index.ts'

export function findClusters(db: Executor, trustId: string) {
  return db
    .select({ id: clusters.id, name: clusters.name, schoolCount: sql<number>`count(${schools.id})::int` })
    .from(clusters)
    .leftJoin(schools, eq(schools.clusterId, clusters.id))
    .where(eq(clusters.trustId, trustId))
    .groupBy(clusters.id, clusters.name)
    .orderBy(asc(clusters.name))
}

export async function findClusterWithCount(db: Executor, id: string) {
  const [row] = await db
    .select({ id: clusters.id, trustId: clusters.trustId, name: clusters.name, schoolCount: sql<number>`count(${schools.id})::int` })
    .from(clusters)
    .leftJoin(schools, eq(schools.clusterId, clusters.id))
    .where(eq(clusters.id, id))
    .groupBy(clusters.id)
  return row
}

/** Locks the cluster row, so a rename, merge or delete of the same cluster waits for the other. */
export async function lockCluster(db: Executor, id: string) {
  const [row] = await db.select().from(clusters).where(eq(clusters.id, id)).for('update')
  return row
}

/** Another cluster of the trust with this name in any letter case. */
export async function findClusterNamed(db: Executor, trustId: string, name: string, except?: string) {
  const [row] = await db
    .select({ id: clusters.id })
    .from(clusters)
    .where(and(eq(clusters.trustId, trustId), sql`lower(${clusters.name}) = lower(${name})`, except ? ne(clusters.id, except) : undefined))
  return row
}

export async function insertCluster(db: Executor, trustId: string, name: string) {
  const [row] = await db.insert(clusters).values({ trustId, name }).returning()
  return row!
}

export async function renameCluster(db: Executor, id: string, name: string) {
  await db.update(clusters).set({ name }).where(eq(clusters.id, id))
}

export async function deleteCluster(db: Executor, id: string) {
  await db.delete(clusters).where(eq(clusters.id, id))
}

/** Moves every school of one cluster into another (or out of any, with null); answers how many moved. */
export async function moveClusterSchools(db: Executor, fromId: string, toId: string | null) {
  const moved = await db.update(schools).set({ clusterId: toId }).where(eq(schools.clusterId, fromId)).returning({ id: schools.id })
  return moved.length
}

/** The ids among these that are schools of the trust. */
export async function findSchoolIdsOfTrust(db: Executor, trustId: string, ids: string[]) {
  const rows = await db.select({ id: schools.id }).from(schools).where(and(eq(schools.trustId, trustId), inArray(schools.id, ids)))
  return new Set(rows.map((r) => r.id))
}

/** Puts these schools of the trust in the cluster; schools already there are left alone. Answers the ids moved. */
export async function assignSchools(db: Executor, trustId: string, ids: string[], clusterId: string | null) {
  const moved = await db
    .update(schools)
    .set({ clusterId })
    .where(and(eq(schools.trustId, trustId), inArray(schools.id, ids), sql`${schools.clusterId} is distinct from ${clusterId}`))
    .returning({ id: schools.id })
  return moved.map((r) => r.id)
}
