import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  BalanceSchema,
  FlowGraphSchema,
  FlowLinkDetailSchema,
  FlowLinkParamsSchema,
  FlowsFilterSchema,
  FlowsQuerySchema,
  LeftBehindSchema,
  OpenRequestsSchema,
  SupplyDemandSchema,
  TimeToCommissionSchema,
} from '@ee/shared/flows'
import { type CsvFile, balanceCsv, graphCsv, leftBehindCsv, openRequestsCsv, supplyDemandCsv, timeToCommissionCsv } from './csv.ts'
import { readBalance, readFlowGraph, readLeftBehind, readLinkDetail, readOpenRequests, readSupplyDemand, readTimeToCommission } from './flows.service.ts'

const PERIODS =
  'Period: `period=this-term` (the default, by the app clock), `last-term`, `academic-year`, or `custom` with `from` and `to` (ISO dates). ' +
  'An engagement belongs to the period when the first day of its term (`termStart`) falls inside it; only active and completed engagements ' +
  'count, never cancelled ones or refused releases. Requests raised belong to the period they were published in; open requests are those open ' +
  'now and published by the period\'s last day. `area` (a strand includes its areas), `cluster` (id or name), `school` (one school). ' +
  'Central team and admin: the whole trust; a headteacher: their own school. `format=csv` answers text/csv.'

function sendCsv(reply: FastifyReply, file: CsvFile) {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.filename}"`).send(`\uFEFF${file.body}\r\n`)
}

export const flowsRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = <T>(response: T, description: string) => ({
    tags: ['flows'],
    description: `${description} ${PERIODS}`,
    querystring: FlowsQuerySchema,
    response: { 200: response },
  })

  app.get('/flows', {
    schema: schema(FlowGraphSchema, 'The school-to-school flow graph: days agreed, days delivered and engagements per providing → receiving school.'),
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const graph = await readFlowGraph(app.db, req.actor, req.query, app.clock.now())
    return req.query.format === 'csv' ? sendCsv(reply, graphCsv(graph)) : graph
  })

  app.get('/flows/balance', {
    schema: schema(BalanceSchema, "Each school's balance: days given and received, requests raised, commissioned and unmet."),
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const balance = await readBalance(app.db, req.actor, req.query, app.clock.now())
    return req.query.format === 'csv' ? sendCsv(reply, balanceCsv(balance)) : balance
  })

  app.get('/flows/supply-demand', {
    schema: schema(SupplyDemandSchema, 'Per area: free capacity days of active expertise over the period\'s terms against days asked by open requests.'),
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const sd = await readSupplyDemand(app.db, req.actor, req.query, app.clock.now())
    return req.query.format === 'csv' ? sendCsv(reply, supplyDemandCsv(sd)) : sd
  })

  app.get('/flows/left-behind', {
    schema: schema(LeftBehindSchema, 'Schools with no engagement either way in the period, and open requests waiting 14 days or more with no offer.'),
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const lb = await readLeftBehind(app.db, req.actor, req.query, app.clock.now())
    return req.query.format === 'csv' ? sendCsv(reply, leftBehindCsv(lb)) : lb
  })

  app.get('/flows/time-to-commission', {
    schema: schema(TimeToCommissionSchema, 'Median days from publishing to commissioning, per area and overall, over requests published in the period.'),
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const ttc = await readTimeToCommission(app.db, req.actor, req.query, app.clock.now())
    return req.query.format === 'csv' ? sendCsv(reply, timeToCommissionCsv(ttc)) : ttc
  })

  app.get('/flows/open-requests', {
    schema: schema(OpenRequestsSchema, 'Open requests by age, with places filled and live offers.'),
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const open = await readOpenRequests(app.db, req.actor, req.query, app.clock.now())
    return req.query.format === 'csv' ? sendCsv(reply, openRequestsCsv(open)) : open
  })

  app.get('/flows/links/:from/:to', {
    schema: {
      tags: ['flows'],
      description: `The engagements behind one link (from = providing school, to = receiving school): title (or "Confidential request"), areas, days, delivered, status. ${PERIODS}`,
      params: FlowLinkParamsSchema,
      querystring: FlowsFilterSchema,
      response: { 200: FlowLinkDetailSchema },
    },
    onRequest: app.authenticate,
  }, (req) => readLinkDetail(app.db, req.actor, req.params.from, req.params.to, req.query, app.clock.now()))
}
