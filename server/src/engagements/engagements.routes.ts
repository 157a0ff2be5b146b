import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema, LIST_PAGE_MAX } from '@ee/shared/common'
import {
  CancelEngagementBodySchema,
  CompleteEngagementBodySchema,
  EngagementListQuerySchema,
  EngagementListSchema,
  EngagementSchema,
  LogSessionBodySchema,
  ProposeExtensionBodySchema,
  ReflectionBodySchema,
} from '@ee/shared/engagements'
import { answerList } from '../lib/csv.ts'
import { engagementsCsv } from './engagements.csv.ts'
import { addReflection, cancelEngagement, completeEngagement, getEngagement, listEngagements, logSession } from './engagements.service.ts'
import { extensionsRoutes } from './extensions.routes.ts'
import { leaversRoutes } from './leavers.routes.ts'
import { proposeExtension } from './extensions.service.ts'
import { releasesRoutes } from './releases.routes.ts'

export const engagementsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['engagements']
  const auth = { onRequest: app.authenticate }

  app.get('/engagements', { config: { access: 'signed-in' }, ...auth, schema: { tags, querystring: EngagementListQuerySchema, response: { 200: EngagementListSchema } } }, (req, reply) =>
    answerList(reply, req.query, (q) => listEngagements(app.db, req.actor, q), { table: engagementsCsv, pageSize: LIST_PAGE_MAX, now: app.clock.now() }),
  )

  app.get('/engagements/:id', { config: { access: 'engagement.read' }, ...auth, schema: { tags, params: IdParamsSchema, response: { 200: EngagementSchema } } }, (req) =>
    getEngagement(app.db, req.actor, req.params.id),
  )

  app.post('/engagements/:id/logs', {
    config: { access: 'engagement.log' },
    ...auth,
    schema: { tags, params: IdParamsSchema, body: LogSessionBodySchema, response: { 201: EngagementSchema } },
  }, async (req, reply) => reply.status(201).send(await logSession(app.db, req.actor, req.params.id, req.body, app.clock.now())))

  app.post('/engagements/:id/complete', {
    config: { access: 'engagement.complete' },
    ...auth,
    schema: { tags, params: IdParamsSchema, body: CompleteEngagementBodySchema, response: { 200: EngagementSchema } },
  }, (req) => completeEngagement(app.db, req.actor, req.params.id, req.body, app.clock.now()))

  app.post('/engagements/:id/reflection', {
    config: { access: 'engagement.reflect' },
    ...auth,
    schema: { tags, params: IdParamsSchema, body: ReflectionBodySchema, response: { 200: EngagementSchema } },
  }, (req) => addReflection(app.db, req.actor, req.params.id, req.body, app.clock.now()))

  app.post('/engagements/:id/cancel', {
    config: { access: 'engagement.cancel' },
    ...auth,
    schema: { tags, params: IdParamsSchema, body: CancelEngagementBodySchema, response: { 200: EngagementSchema } },
  }, (req) => cancelEngagement(app.db, req.actor, req.params.id, req.body, app.clock.now()))

  app.post('/engagements/:id/extensions', {
    config: { access: 'engagement.extend' },
    ...auth,
    schema: { tags, summary: 'The expert asks for more days', params: IdParamsSchema, body: ProposeExtensionBodySchema, response: { 201: EngagementSchema } },
  }, async (req, reply) => reply.status(201).send(await proposeExtension(app.db, req.actor, req.params.id, req.body, app.clock.now())))

  await app.register(releasesRoutes)
  await app.register(extensionsRoutes)
  await app.register(leaversRoutes)
}
