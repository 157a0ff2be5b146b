import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema, LIST_PAGE_MAX } from '@ee/shared/common'
import {
  AvailabilitySchema,
  CreateExpertiseBodySchema,
  DIRECTORY_MAX_LIMIT,
  ExpertiseDetailSchema,
  ExpertiseDirectoryQuerySchema,
  ExpertiseDirectorySchema,
  ExpertiseListQuerySchema, ExpertiseListSchema,
  ExpertiseSchema,
  ProfileSchema,
  UpdateAvailabilityBodySchema,
  UpdateExpertiseBodySchema,
} from '@ee/shared/expertise'
import {
  archiveExpertise,
  createExpertise,
  getExpertise,
  getProfile,
  listMyExpertise,
  searchExpertise,
  updateAvailability,
  updateExpertise,
} from './expertise.service.ts'
import { answerList } from '../lib/csv.ts'
import { pageOf } from '../lib/page.ts'
import { directoryCsv, myExpertiseCsv } from './expertise.csv.ts'

export const expertiseRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['expertise']

  app.get('/expertise', {
    config: { access: 'trust.read' },
    schema: { tags, querystring: ExpertiseDirectoryQuerySchema, response: { 200: ExpertiseDirectorySchema } },
    onRequest: app.authenticate,
  }, (req, reply) => answerList(reply, req.query, (q) => searchExpertise(app.db, req.actor, q, app.clock.now()), { table: directoryCsv, pageSize: DIRECTORY_MAX_LIMIT, now: app.clock.now() }))

  app.get('/expertise/mine', {
    config: { access: 'signed-in' },
    schema: { tags, querystring: ExpertiseListQuerySchema, response: { 200: ExpertiseListSchema } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const mine = await listMyExpertise(app.db, req.actor, app.clock.now())
    return answerList(reply, req.query, async (q) => ({ ...mine, ...pageOf(mine.items, q) }), { table: myExpertiseCsv, pageSize: LIST_PAGE_MAX, now: app.clock.now() })
  })

  app.post('/expertise', {
    config: { access: 'expertise.create' },
    schema: { tags, body: CreateExpertiseBodySchema, response: { 201: ExpertiseSchema } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    reply.status(201)
    return createExpertise(app.db, req.actor, req.body, app.clock.now())
  })

  app.get('/expertise/:id', {
    config: { access: 'expertise.read' },
    schema: { tags, params: IdParamsSchema, response: { 200: ExpertiseDetailSchema } },
    onRequest: app.authenticate,
  }, (req) => getExpertise(app.db, req.actor, req.params.id, app.clock.now()))

  app.patch('/expertise/:id', {
    config: { access: 'expertise.update' },
    schema: { tags, params: IdParamsSchema, body: UpdateExpertiseBodySchema, response: { 200: ExpertiseSchema } },
    onRequest: app.authenticate,
  }, (req) => updateExpertise(app.db, req.actor, req.params.id, req.body, app.clock.now()))

  app.delete('/expertise/:id', {
    config: { access: 'expertise.update' },
    schema: { tags, params: IdParamsSchema, response: { 200: ExpertiseSchema } },
    onRequest: app.authenticate,
  }, (req) => archiveExpertise(app.db, req.actor, req.params.id, app.clock.now()))

  app.patch('/me/availability', {
    config: { access: 'availability.update' },
    schema: { tags, body: UpdateAvailabilityBodySchema, response: { 200: AvailabilitySchema } },
    onRequest: app.authenticate,
  }, (req) => updateAvailability(app.db, req.actor, req.body, app.clock.now()))

  app.get('/me/profile', {
    config: { access: 'signed-in' },
    schema: { tags, response: { 200: ProfileSchema } },
    onRequest: app.authenticate,
  }, (req) => getProfile(app.db, req.actor, app.clock.now()))
}
