import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema, LIST_PAGE_MAX } from '@ee/shared/common'
import {
  CreateInvitationBodySchema, InvitationImportReportSchema, InvitationSentSchema, PeopleListQuerySchema, PeopleListSchema, PendingInvitationListQuerySchema, PendingInvitationListSchema,
  PersonSummarySchema, ResetLinkSentSchema, UpdatePersonBodySchema,
} from '@ee/shared/people'
import { CsvBodySchema } from '@ee/shared/schools'
import { CSV_BODY_LIMIT } from '../lib/body-limits.ts'
import { createInvitation, importInvitations, listPendingInvitations, listPeople, resendInvitation, sendResetLink, updatePerson } from './people.service.ts'
import { answerList, wholeList } from '../lib/csv.ts'
import { invitationsCsv, peopleCsv } from './people.csv.ts'

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['people']

  app.get('/people', {
    config: { access: 'person.list' },
    schema: { tags, querystring: PeopleListQuerySchema, response: { 200: PeopleListSchema } },
    onRequest: app.authenticate,
  }, (req, reply) => answerList(reply, req.query, (q) => listPeople(app.db, req.actor, q), { table: peopleCsv, pageSize: LIST_PAGE_MAX, now: app.clock.now() }))

  app.patch('/people/:id', {
    config: { access: 'person.update' },
    schema: { tags, params: IdParamsSchema, body: UpdatePersonBodySchema, response: { 200: PersonSummarySchema } },
    onRequest: app.authenticate,
  }, (req) => updatePerson(app.db, req.actor, req.params.id, req.body, app.clock.now()))

  app.post('/people/:id/password-reset', {
    schema: { tags, params: IdParamsSchema, response: { 202: ResetLinkSentSchema } },
    config: { access: 'person.sendPasswordReset', rateLimit: { max: 30, timeWindow: '1 minute' } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const sent = await sendResetLink(app.db, req.actor, req.params.id, app.config.publicUrl, app.clock.now())
    return reply.status(202).send(sent)
  })

  app.get('/invitations', {
    config: { access: 'person.invite' },
    schema: { tags, querystring: PendingInvitationListQuerySchema, response: { 200: PendingInvitationListSchema } },
    onRequest: app.authenticate,
  }, (req, reply) => answerList(reply, req.query, wholeList(() => listPendingInvitations(app.db, req.actor, app.clock.now())), { table: invitationsCsv, pageSize: LIST_PAGE_MAX, now: app.clock.now() }))

  app.post('/invitations', {
    schema: { tags, body: CreateInvitationBodySchema, response: { 201: InvitationSentSchema } },
    config: { access: 'person.invite', rateLimit: { max: 60, timeWindow: '1 minute' } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const sent = await createInvitation(app.db, req.actor, req.body, app.config.publicUrl, app.clock.now())
    return reply.status(201).send(sent)
  })

  app.post('/invitations/:id/resend', {
    schema: { tags, params: IdParamsSchema, response: { 200: InvitationSentSchema } },
    config: { access: 'person.invite', rateLimit: { max: 30, timeWindow: '1 minute' } },
    onRequest: app.authenticate,
  }, (req) => resendInvitation(app.db, req.actor, req.params.id, app.config.publicUrl, app.clock.now()))

  app.post('/invitations/import', {
    schema: { tags, body: CsvBodySchema, response: { 200: InvitationImportReportSchema } },
    bodyLimit: CSV_BODY_LIMIT,
    config: { access: 'person.invite', rateLimit: { max: 10, timeWindow: '1 minute' } },
    onRequest: app.authenticate,
  }, (req) => importInvitations(app.db, req.actor, req.body.csv, app.config.publicUrl, app.clock.now()))
}
