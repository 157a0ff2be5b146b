import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema, OkSchema, REFERENCE_PAGE_MAX } from '@ee/shared/common'
import {
  AssignSchoolsBodySchema, AssignSchoolsResultSchema, ClusterListQuerySchema, ClusterListSchema, ClusterSchema, CreateClusterBodySchema, MergeClusterBodySchema, RenameClusterBodySchema,
} from '@ee/shared/clusters'
import { assignSchools, createCluster, deleteCluster, listClusters, mergeCluster, renameCluster } from './clusters.service.ts'
import { answerList, wholeList } from '../lib/csv.ts'
import { clustersCsv } from './clusters.csv.ts'

export const clustersRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['clusters']

  app.get('/clusters', {
    config: { access: 'trust.read' },
    schema: { tags, querystring: ClusterListQuerySchema, response: { 200: ClusterListSchema } },
    onRequest: app.authenticate,
  }, (req, reply) => answerList(reply, req.query, wholeList(() => listClusters(app.db, req.actor)), { table: clustersCsv, pageSize: REFERENCE_PAGE_MAX, now: app.clock.now() }))

  app.post('/clusters', {
    config: { access: 'cluster.manage' },
    schema: { tags, body: CreateClusterBodySchema, response: { 201: ClusterSchema } },
    onRequest: app.authenticate,
  }, async (req, reply) => reply.code(201).send(await createCluster(app.db, req.actor, req.body)))

  app.patch('/clusters/:id', {
    config: { access: 'cluster.manage' },
    schema: { tags, params: IdParamsSchema, body: RenameClusterBodySchema, response: { 200: ClusterSchema } },
    onRequest: app.authenticate,
  }, (req) => renameCluster(app.db, req.actor, req.params.id, req.body))

  app.post('/clusters/:id/merge', {
    config: { access: 'cluster.manage' },
    schema: { tags, params: IdParamsSchema, body: MergeClusterBodySchema, response: { 200: ClusterSchema } },
    onRequest: app.authenticate,
  }, (req) => mergeCluster(app.db, req.actor, req.params.id, req.body))

  app.delete('/clusters/:id', {
    config: { access: 'cluster.manage' },
    schema: { tags, params: IdParamsSchema, response: { 200: OkSchema } },
    onRequest: app.authenticate,
  }, async (req) => {
    await deleteCluster(app.db, req.actor, req.params.id)
    return { ok: true as const }
  })

  app.post('/clusters/assign', {
    config: { access: 'cluster.manage' },
    schema: { tags, body: AssignSchoolsBodySchema, response: { 200: AssignSchoolsResultSchema } },
    onRequest: app.authenticate,
  }, (req) => assignSchools(app.db, req.actor, req.body))
}
