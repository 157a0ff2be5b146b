import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema, LIST_PAGE_MAX } from '@ee/shared/common'
import { AskColleagueBodySchema, type ColleagueList, ColleagueListSchema, ColleaguesQuerySchema, EndEarlyBodySchema, EngagementSchema, NameColleagueBodySchema } from '@ee/shared/engagements'
import { answerList, csvTable } from '../lib/csv.ts'
import { askColleague, endEarly, listColleagues, nameColleague } from './leavers.service.ts'

const colleaguesCsv = csvTable<ColleagueList['items'][number]>('colleagues', [
  ['Colleague', (c) => c.person.name],
  ['Expertise', (c) => c.expertise.title],
  ['Days free', (c) => c.daysFree],
])

/** People who leave (docs/decisions/012-people-who-leave.md); the colleague's offer is accepted at POST /offers/:id/accept. */
export const leaversRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['engagements']
  const auth = { onRequest: app.authenticate }

  app.post('/engagements/:id/end-early', {
    config: { access: 'engagement.endEarly' },
    ...auth,
    schema: { tags, summary: 'The receiving head ends work whose expert has gone with what was delivered', params: IdParamsSchema, body: EndEarlyBodySchema, response: { 200: EngagementSchema } },
  }, (req) => endEarly(app.db, req.actor, req.params.id, req.body, app.clock.now()))

  app.post('/engagements/:id/colleague-request', {
    config: { access: 'engagement.askColleague' },
    ...auth,
    schema: { tags, summary: "The receiving head asks the expert's school for a colleague to take the work over", params: IdParamsSchema, body: AskColleagueBodySchema.nullish(), response: { 200: EngagementSchema } },
  }, (req) => askColleague(app.db, req.actor, req.params.id, req.body ?? { note: '' }, app.clock.now()))

  app.get('/engagements/:id/colleagues', {
    config: { access: 'engagement.nameColleague' },
    ...auth,
    schema: { tags, summary: "The expert's own head's choice of colleagues to take the work over", params: IdParamsSchema, querystring: ColleaguesQuerySchema, response: { 200: ColleagueListSchema } },
  }, (req, reply) => answerList(reply, req.query, (q) => listColleagues(app.db, req.actor, req.params.id, q), { table: colleaguesCsv, pageSize: LIST_PAGE_MAX, now: app.clock.now() }))

  app.post('/engagements/:id/colleague', {
    config: { access: 'engagement.nameColleague' },
    ...auth,
    schema: { tags, summary: "The expert's own head names a colleague: an offer with the days left", params: IdParamsSchema, body: NameColleagueBodySchema, response: { 201: EngagementSchema } },
  }, async (req, reply) => reply.status(201).send(await nameColleague(app.db, req.actor, req.params.id, req.body, app.clock.now())))
}
