import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AreaListQuerySchema, AreaListSchema, AreaSchema, CreateAreaBodySchema, UpdateAreaBodySchema } from '@ee/shared/areas'
import { IdParamsSchema, OkSchema, REFERENCE_PAGE_MAX } from '@ee/shared/common'
import { createArea, deleteArea, listAreas, updateArea } from './areas.service.ts'
import { answerList, wholeList } from '../lib/csv.ts'
import { areasCsv } from './areas.csv.ts'

export const areasRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['areas']

  app.get('/areas', {
    config: { access: 'trust.read' },
    schema: { tags, querystring: AreaListQuerySchema, response: { 200: AreaListSchema } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const all = await listAreas(app.db, req.actor)
    return answerList(reply, req.query, wholeList(async () => all), { table: areasCsv(all), pageSize: REFERENCE_PAGE_MAX, now: app.clock.now() })
  })

  app.post('/areas', {
    config: { access: 'area.create' },
    schema: { tags, body: CreateAreaBodySchema, response: { 201: AreaSchema } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    reply.status(201)
    return createArea(app.db, req.actor, req.body)
  })

  app.patch('/areas/:id', {
    config: { access: 'area.update' },
    schema: { tags, params: IdParamsSchema, body: UpdateAreaBodySchema, response: { 200: AreaSchema } },
    onRequest: app.authenticate,
  }, (req) => updateArea(app.db, req.actor, req.params.id, req.body, app.clock.now()))

  app.delete('/areas/:id', {
    config: { access: 'area.delete' },
    schema: { tags, params: IdParamsSchema, response: { 200: OkSchema } },
    onRequest: app.authenticate,
  }, async (req) => {
    await deleteArea(app.db, req.actor, req.params.id)
    return { ok: true as const }
  })
}
