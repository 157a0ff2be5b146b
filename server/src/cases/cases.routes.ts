import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { CaseListQuerySchema, CaseListSchema, CaseSchema, SimilarCasesBodySchema } from '@ee/shared/cases'
import { IdParamsSchema, LIST_PAGE_MAX } from '@ee/shared/common'
import { answerList } from '../lib/csv.ts'
import { casesCsv } from './cases.csv.ts'
import { getCase, listCases, similarCasesForDraft } from './cases.service.ts'

export const casesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['cases']
  app.get('/cases', {
    config: { access: 'signed-in' },
    schema: { tags, querystring: CaseListQuerySchema, response: { 200: CaseListSchema } },
    onRequest: app.authenticate,
  }, (req, reply) => answerList(reply, req.query, (q) => listCases(app.db, req.actor, q), { table: casesCsv, pageSize: LIST_PAGE_MAX, now: app.clock.now() }))

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
