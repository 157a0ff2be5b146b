import { inArray } from 'drizzle-orm'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema } from '@ee/shared/common'
import { ForMeQuerySchema, MatchListSchema, MatchQuerySchema, RequestForMeListSchema, WhyNotQuerySchema, WhyNotSchema } from '@ee/shared/matching'
import { people } from '../db/schema/index.ts'
import { MatchingService } from './matching.service.ts'

export const matchingRoutes: FastifyPluginAsyncZod = async (app) => {
  const matching = new MatchingService(app.db, () => app.clock.now())
  const names = async (ids: string[]) =>
    new Map((await app.db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids))).map((p) => [p.id, p.name]))

  app.get('/requests/:id/matches', {
    schema: {
      tags: ['matching'],
      description: 'Experts ranked for a request, best first, each with reasons (the requesting head only). `panel=true`: the suggested panel of `expertsWanted` people from different schools.',
      params: IdParamsSchema, querystring: MatchQuerySchema, response: { 200: MatchListSchema },
    },
    onRequest: app.authenticate,
  }, async (req) => {
    const list = await matching.matches(req.actor, req.params.id, req.query)
    const named = await names([...new Set(list.map((m) => m.person.id))])
    return list.map((m) => ({ ...m, person: { ...m.person, name: named.get(m.person.id) ?? '' } }))
  })

  app.get('/requests/:id/why-not', {
    schema: {
      tags: ['matching'],
      description: 'Why a named person (or entry) is not suggested, or suggested low: the rule or the weak signals.',
      params: IdParamsSchema, querystring: WhyNotQuerySchema, response: { 200: WhyNotSchema },
    },
    onRequest: app.authenticate,
  }, (req) => matching.whyNot(req.actor, req.params.id, { personId: req.query.person, expertiseId: req.query.expertise }, names))

  app.get('/requests/for-me', {
    schema: { tags: ['matching'], description: 'Open requests the signed-in expert could help with, ranked, with reasons.', querystring: ForMeQuerySchema, response: { 200: RequestForMeListSchema } },
    onRequest: app.authenticate,
  }, (req) => matching.forMe(req.actor, req.query.limit))
}
