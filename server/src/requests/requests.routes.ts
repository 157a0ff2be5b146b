import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { CaseListSchema } from '@ee/shared/cases'
import { IdParamsSchema, ListFormatQuerySchema } from '@ee/shared/common'
import { CommissioningRequestSchema, CreateRequestBodySchema, REQUEST_PAGE_MAX, RequestListQuerySchema, RequestListSchema, UpdateRequestBodySchema } from '@ee/shared/requests'
import { answerList } from '../lib/csv.ts'
import { requestsCsv, similarCasesCsv } from './requests.csv.ts'
import { createRequest, getRequest, listRequests, publishRequest, similarCasesForRequest, updateRequest, withdrawRequest } from './requests.service.ts'

export const requestsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['requests']
  const auth = { onRequest: app.authenticate }

  app.get('/requests', { config: { access: 'signed-in' }, ...auth, schema: { tags, querystring: RequestListQuerySchema, response: { 200: RequestListSchema } } }, (req, reply) =>
    answerList(reply, req.query, (q) => listRequests(app.db, req.actor, q), { table: requestsCsv, pageSize: REQUEST_PAGE_MAX, now: app.clock.now() }),
  )

  app.post('/requests', { config: { access: 'request.create' }, ...auth, schema: { tags, body: CreateRequestBodySchema, response: { 201: CommissioningRequestSchema } } }, async (req, reply) => {
    const created = await createRequest(app.db, req.actor, req.body, app.clock.now())
    return reply.status(201).send(created)
  })

  app.get('/requests/:id', { config: { access: 'request.see' }, ...auth, schema: { tags, params: IdParamsSchema, response: { 200: CommissioningRequestSchema } } }, (req) =>
    getRequest(app.db, req.actor, req.params.id),
  )

  app.patch('/requests/:id', {
    config: { access: 'request.update' },
    ...auth,
    schema: { tags, params: IdParamsSchema, body: UpdateRequestBodySchema, response: { 200: CommissioningRequestSchema } },
  }, (req) => updateRequest(app.db, req.actor, req.params.id, req.body, app.clock.now()))

  app.post('/requests/:id/publish', { config: { access: 'request.publish' }, ...auth, schema: { tags, params: IdParamsSchema, response: { 200: CommissioningRequestSchema } } }, (req) =>
    publishRequest(app.db, req.actor, req.params.id, app.clock.now()),
  )

  app.post('/requests/:id/withdraw', { config: { access: 'request.withdraw' }, ...auth, schema: { tags, params: IdParamsSchema, response: { 200: CommissioningRequestSchema } } }, (req) =>
    withdrawRequest(app.db, req.actor, req.params.id, app.clock.now()),
  )

  app.get('/requests/:id/similar-cases', { config: { access: 'request.see' }, ...auth, schema: { tags, params: IdParamsSchema, querystring: ListFormatQuerySchema, response: { 200: CaseListSchema } } }, (req, reply) =>
    answerList(reply, { ...req.query, limit: 5 }, () => similarCasesForRequest(app.db, req.actor, req.params.id), { table: similarCasesCsv, pageSize: 5, now: app.clock.now() }),
  )
}
