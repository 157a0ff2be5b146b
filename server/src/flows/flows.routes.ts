import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import {
  BalanceSchema,
  FlowGraphSchema,
  FlowLinkDetailSchema,
  FlowLinkParamsSchema,
  type FlowsFilter,
  FlowsFilterPageQuerySchema,
  FlowsPageQuerySchema,
  type FlowsQuery,
  FlowsQuerySchema,
  LeftBehindSchema,
  OpenRequestsSchema,
  SupplyDemandSchema,
  TimeToCommissionSchema,
  withNextCursor,
} from '@ee/shared/flows'
import { type CsvFile, balanceCsv, graphCsv, leftBehindCsv, linkDetailCsv, openRequestsCsv, supplyDemandCsv, timeToCommissionCsv } from './csv.ts'
import type { Db } from '../db/client.ts'
import type { Actor } from '../lib/actor.ts'
import { sendCsv as sendCsvFile } from '../lib/csv.ts'
import { type JsonAnswer, jsonAnswer, sendJsonAnswer } from '../lib/json-answer.ts'
import { pageOf } from '../lib/page.ts'
import { TrustCache } from '../lib/trust-cache.ts'
import { readBalance, readFlowGraph, readLeftBehind, readLinkDetail, readOpenRequests, readSupplyDemand, readTimeToCommission } from './flows.service.ts'

const PERIODS =
  'Period: `period=this-term` (the default, by the app clock), `last-term`, `academic-year`, or `custom` with `from` and `to` (ISO dates). ' +
  'An engagement belongs to the period when the first day of its term (`termStart`) falls inside it; only active and completed engagements ' +
  'count, never cancelled ones or refused releases. Requests raised belong to the period they were published in; open requests are those open ' +
  'now and published by the period\'s last day. `area` (a strand includes its areas), `cluster` (id or name), `school` (one school). ' +
  'Central team and admin: the whole trust; a headteacher: their own school. `format=csv` answers text/csv.'

const sendCsv = (reply: FastifyReply, file: CsvFile) => sendCsvFile(reply, file.filename, file.body)

type Read<T> = (db: Db, actor: Actor, filter: FlowsFilter, now: Date) => Promise<T>

/** The cache key of a view: who reads it (scope and what they may read), the day (periods are dates) and the filter. */
function viewKey(path: string, actor: Actor, now: Date, query: FlowsQuery) {
  const filter = Object.entries(query).filter(([k, v]) => k !== 'format' && v !== undefined).sort(([a], [b]) => a.localeCompare(b))
  return JSON.stringify([path, actor.role, actor.schoolId, now.toISOString().slice(0, 10), filter])
}

export const flowsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Flows views are pure functions of the trust's data, the reader and the period: kept until the trust's
  // data version moves (docs/decisions/008-trust-version-cache.md).
  const views = new TrustCache<JsonAnswer<unknown>>()

  /**
   * One read-only view with its CSV. `cached`: the answer depends on the clock only through the period's
   * dates, so it is kept, as JSON, until the trust's data moves; views that count days since something
   * (ages) are computed on every request.
   */
  function view<S extends z.ZodType>(path: string, response: S, description: string, read: Read<z.infer<S>>, csv: (v: z.infer<S>) => CsvFile, cached: boolean) {
    // Widened for the type provider, which cannot follow a generic schema; read and csv are typed by S.
    const responseSchema: z.ZodType = response
    app.get(path, {
      schema: { tags: ['flows'], description: `${description} ${PERIODS}`, querystring: FlowsQuerySchema, response: { 200: responseSchema } },
      config: { access: 'flows.readSchool' },
      onRequest: app.authenticate,
    }, async (req, reply) => {
      const now = app.clock.now()
      if (!cached) {
        const answer = await read(app.db, req.actor, req.query, now)
        return req.query.format === 'csv' ? sendCsv(reply, csv(answer)) : answer
      }
      const key = viewKey(path, req.actor, now, req.query)
      const answer = (await views.get(req.actor.trustId, req.trustVersion, key, async () => jsonAnswer(response, await read(app.db, req.actor, req.query, now)))) as JsonAnswer<z.infer<S>>
      return req.query.format === 'csv' ? sendCsv(reply, csv(answer.value)) : sendJsonAnswer(reply, answer)
    })
  }

  /**
   * A view whose answer is a list of rows: JSON comes a page at a time (`limit`, `cursor`, IN-2) from the
   * whole view (kept as `view` keeps it, when `cached`); CSV, the export, carries every row.
   */
  function pagedView<S extends z.ZodObject<{ items: z.ZodArray }>>(path: string, response: S, description: string, read: Read<z.infer<S>>, csv: (v: z.infer<S>) => CsvFile, cached: boolean) {
    const responseSchema: z.ZodType = withNextCursor(response)
    const whole = cached ? new TrustCache<z.infer<S>>() : undefined
    app.get(path, {
      schema: { tags: ['flows'], description: `${description} ${PERIODS} JSON answers \`limit\` rows at a time from \`cursor\`; CSV answers every row.`, querystring: FlowsPageQuerySchema, response: { 200: responseSchema } },
      config: { access: 'flows.readSchool' },
      onRequest: app.authenticate,
    }, async (req, reply) => {
      const now = app.clock.now()
      const { limit, cursor, ...filter } = req.query
      const answer = whole
        ? await whole.get(req.actor.trustId, req.trustVersion, viewKey(path, req.actor, now, filter), () => read(app.db, req.actor, filter, now))
        : await read(app.db, req.actor, filter, now)
      if (filter.format === 'csv') return sendCsv(reply, csv(answer))
      return { ...answer, ...pageOf(answer.items, { limit, cursor }) }
    })
  }

  view('/flows', FlowGraphSchema, 'The school-to-school flow graph: days agreed, days delivered and engagements per providing → receiving school.', readFlowGraph, graphCsv, true)
  pagedView('/flows/balance', BalanceSchema, "Each school's balance: days given and received, requests raised, commissioned and unmet.", readBalance, balanceCsv, true)
  pagedView('/flows/supply-demand', SupplyDemandSchema, "Per area: free capacity days of active expertise over the period's terms against days asked by open requests.", readSupplyDemand, supplyDemandCsv, true)
  pagedView('/flows/time-to-commission', TimeToCommissionSchema, 'Median days from publishing to commissioning, per area and overall, over requests published in the period.', readTimeToCommission, timeToCommissionCsv, true)
  view('/flows/left-behind', LeftBehindSchema, 'Schools with no engagement either way in the period, and open requests waiting 14 days or more with no offer.', readLeftBehind, leftBehindCsv, false)
  pagedView('/flows/open-requests', OpenRequestsSchema, 'Open requests by age, with places filled and live offers.', readOpenRequests, openRequestsCsv, false)

  app.get('/flows/links/:from/:to', {
    config: { access: 'flows.readSchool' },
    schema: {
      tags: ['flows'],
      description: `The engagements behind one link (from = providing school, to = receiving school): title (or "Confidential request"), areas, days, delivered, status. ${PERIODS} CSV answers every row.`,
      params: FlowLinkParamsSchema,
      querystring: FlowsFilterPageQuerySchema,
      response: { 200: withNextCursor(FlowLinkDetailSchema) },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const { limit, cursor, format, ...filter } = req.query
    const detail = await readLinkDetail(app.db, req.actor, req.params.from, req.params.to, filter, app.clock.now())
    if (format === 'csv') return sendCsv(reply, linkDetailCsv(detail))
    return { ...detail, ...pageOf(detail.items, { limit, cursor }) }
  })
}
