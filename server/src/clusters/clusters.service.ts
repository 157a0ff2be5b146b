import type { AssignSchoolsBody, AssignSchoolsResult, Cluster, CreateClusterBody, MergeClusterBody, RenameClusterBody } from '@ee/shared/clusters'
import type { Db, Executor } from '../db/client.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertCan, assertRole } from '../lib/policy.ts'
import { invalid, notFound } from '../lib/problem.ts'
import * as repo from './clusters.repo.ts'

/**
 * Clusters are the trust's local hubs of schools. Flows filter by them and matching prefers an expert of
 * the same cluster; both read the schools' cluster at once (and the triggers of migrations 0005/0008/0010
 * move the trust's versions, so cached answers are recomputed).
 */

export async function listClusters(db: Db, actor: Actor): Promise<Cluster[]> {
  assertRole(actor, 'trust.read')
  return repo.findClusters(db, actor.trustId)
}

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505'

const nameTaken = (name: string): never =>
  invalid([{ path: 'name', message: `There is already a cluster called “${name}”; choose another name` }])

async function assertNameFree(tx: Executor, trustId: string, name: string, except?: string) {
  if (await repo.findClusterNamed(tx, trustId, name, except)) nameTaken(name)
}

/** The trust's cluster, locked; another trust's answers exactly as a missing one. */
async function ownCluster(tx: Executor, actor: Actor, id: string) {
  const row = (await repo.lockCluster(tx, id)) ?? notFound('cluster')
  assertCan(actor, 'cluster.manage', row, 'cluster')
  return row
}

async function withUniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (isUniqueViolation(err)) nameTaken(name)
    throw err
  }
}

export function createCluster(db: Db, actor: Actor, body: CreateClusterBody): Promise<Cluster> {
  assertRole(actor, 'cluster.manage')
  return withUniqueName(body.name, () =>
    db.transaction(async (tx) => {
      await assertNameFree(tx, actor.trustId, body.name)
      const row = await repo.insertCluster(tx, actor.trustId, body.name)
      await audit(tx, actor, { action: 'cluster.created', objectType: 'cluster', objectId: row.id, detail: { name: row.name } })
      return { id: row.id, name: row.name, schoolCount: 0 }
    }),
  )
}

export function renameCluster(db: Db, actor: Actor, id: string, body: RenameClusterBody): Promise<Cluster> {
  return withUniqueName(body.name, () =>
    db.transaction(async (tx) => {
      const row = await ownCluster(tx, actor, id)
      await assertNameFree(tx, actor.trustId, body.name, row.id)
      await repo.renameCluster(tx, row.id, body.name)
      await audit(tx, actor, { action: 'cluster.renamed', objectType: 'cluster', objectId: row.id, detail: { from: row.name, to: body.name } })
      const { trustId: _t, ...cluster } = (await repo.findClusterWithCount(tx, row.id))!
      return cluster
    }),
  )
}

/** Moves every school of the cluster into another and removes it. */
export function mergeCluster(db: Db, actor: Actor, id: string, body: MergeClusterBody): Promise<Cluster> {
  return db.transaction(async (tx) => {
    const from = await ownCluster(tx, actor, id)
    if (body.intoId === from.id) invalid([{ path: 'intoId', message: 'Choose a different cluster to merge into' }])
    const into = await repo.lockCluster(tx, body.intoId)
    if (!into || into.trustId !== actor.trustId) invalid([{ path: 'intoId', message: 'Choose a cluster of your trust to merge into' }])
    const moved = await repo.moveClusterSchools(tx, from.id, into!.id)
    await repo.deleteCluster(tx, from.id)
    await audit(tx, actor, { action: 'cluster.merged', objectType: 'cluster', objectId: into!.id, detail: { from: from.name, fromId: from.id, into: into!.name, schoolsMoved: moved } })
    const { trustId: _t, ...cluster } = (await repo.findClusterWithCount(tx, into!.id))!
    return cluster
  })
}

/** Removes the cluster; its schools stay, in no cluster. */
export function deleteCluster(db: Db, actor: Actor, id: string): Promise<void> {
  return db.transaction(async (tx) => {
    const row = await ownCluster(tx, actor, id)
    const unclustered = await repo.moveClusterSchools(tx, row.id, null)
    await repo.deleteCluster(tx, row.id)
    await audit(tx, actor, { action: 'cluster.deleted', objectType: 'cluster', objectId: row.id, detail: { name: row.name, schoolsUnclustered: unclustered } })
  })
}

/** Puts many schools in one cluster at once, or takes them out of any (clusterId null). */
export function assignSchools(db: Db, actor: Actor, body: AssignSchoolsBody): Promise<AssignSchoolsResult> {
  assertRole(actor, 'cluster.manage')
  return db.transaction(async (tx) => {
    if (body.clusterId !== null) await ownCluster(tx, actor, body.clusterId)
    const ids = [...new Set(body.schoolIds)]
    const own = await repo.findSchoolIdsOfTrust(tx, actor.trustId, ids)
    if (own.size !== ids.length) notFound('school')
    const moved = await repo.assignSchools(tx, actor.trustId, ids, body.clusterId)
    if (moved.length) {
      await audit(tx, actor, { action: 'schools.clustered', objectType: 'cluster', objectId: body.clusterId, detail: { schoolIds: moved } })
    }
    return { moved: moved.length }
  })
}
