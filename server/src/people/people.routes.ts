import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema } from '@ee/shared/common'
import { InvitationImportReportSchema, PeopleListQuerySchema, PeopleListSchema, PersonSummarySchema, UpdatePersonBodySchema } from '@ee/shared/people'
import { CsvBodySchema } from '@ee/shared/schools'
import { CSV_BODY_LIMIT } from '../schools/schools.routes.ts'
import { importInvitations, listPeople, updatePerson } from './people.service.ts'

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['people']

  app.get('/people', {
    schema: { tags, querystring: PeopleListQuerySchema, response: { 200: PeopleListSchema } },
    onRequest: app.authenticate,
  }, async (req) => ({ items: await listPeople(app.db, req.actor, req.query) }))

  app.patch('/people/:id', {
    schema: { tags, params: IdParamsSchema, body: UpdatePersonBodySchema, response: { 200: PersonSummarySchema } },
    onRequest: app.authenticate,
  }, (req) => updatePerson(app.db, req.actor, req.params.id, req.body, app.clock.now()))

  app.post('/invitations/import', {
    schema: { tags, body: CsvBodySchema, response: { 200: InvitationImportReportSchema } },
    bodyLimit: CSV_BODY_LIMIT,
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    onRequest: app.authenticate,
  }, (req) => importInvitations(app.db, req.actor, req.body.csv, `${req.protocol}://${req.host}`))
}
