import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { CaseListQuerySchema, CaseListSchema, CaseSchema, SimilarCasesBodySchema } from '@ee/shared/cases'
import { IdParamsSchema } from '@ee/shared/common'
import { getCase, listCases, similarCasesForDraft } from './cases.service.ts'

export const casesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['cases']
  app.get('/cases', {
    config: { access: 'signed-in' },
    schema: { tags, querystring: CaseListQuerySchema, response: { 200: CaseListSchema } },
    onRequest: app.authenticate,
  }, (req) => listCases(app.db, req.actor, req.query))

  app.post('/cases/similar', {
    config: { access: 'signed-in' },
    schema: { tags, body: SimilarCasesBodySchema, response: { 200: CaseListSchema } },
    onRequest: app.authenticate,
  }, (req) => similarCasesForDraft(app.db, req.actor, req.body))

  app.get('/cases/:id', {
    config: { access: 'case.read' },
    schema: { tags, params: IdParamsSchema, response: { 200: CaseSchema } },
    onRequest: app.authenticate,
  }, (req) => getCase(app.db, req.actor, req.params.id))
}
