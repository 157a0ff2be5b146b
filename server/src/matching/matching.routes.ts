import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema } from '@ee/shared/common'
import { ForMeQuerySchema, MatchListSchema, MatchQuerySchema, RequestForMeListSchema, WhyNotQuerySchema, WhyNotSchema } from '@ee/shared/matching'
import { sendJsonAnswer } from '../lib/json-answer.ts'
import { MatchingService } from './matching.service.ts'

export const matchingRoutes: FastifyPluginAsyncZod = async (app) => {
  const matching = new MatchingService(app.db, () => app.clock.now())

  app.get('/requests/:id/matches', {
    config: { access: 'request.matches' },
    schema: {
      tags: ['matching'],
      description: 'Experts ranked for a request, best first, each with reasons (the requesting head only). `panel=true`: the suggested panel of `expertsWanted` people from different schools.',
      params: IdParamsSchema, querystring: MatchQuerySchema, response: { 200: MatchListSchema },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => sendJsonAnswer(reply, await matching.matches(req.actor, req.trustVersion, req.params.id, req.query)))

  app.get('/requests/:id/why-not', {
    config: { access: 'request.matches' },
    schema: {
      tags: ['matching'],
      description: 'Why a named person (or entry) is not suggested, or suggested low: the rule or the weak signals.',
      params: IdParamsSchema, querystring: WhyNotQuerySchema, response: { 200: WhyNotSchema },
    },
    onRequest: app.authenticate,
  }, (req) => matching.whyNot(req.actor, req.trustVersion, req.params.id, { personId: req.query.person, expertiseId: req.query.expertise }))

  app.get('/requests/for-me', {
    config: { access: 'signed-in' },
    schema: { tags: ['matching'], description: 'Open requests the signed-in expert could help with, ranked, with reasons.', querystring: ForMeQuerySchema, response: { 200: RequestForMeListSchema } },
    onRequest: app.authenticate,
  }, (req) => matching.forMe(req.actor, req.trustVersion, req.query.limit))
}
