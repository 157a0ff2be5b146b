import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema, LIST_PAGE_MAX } from '@ee/shared/common'
import {
  AcceptOfferBodySchema,
  AcceptOfferResultSchema,
  CreateInvitationToOfferBodySchema,
  CreateOfferBodySchema,
  DeclineOfferBodySchema,
  IdempotencyKeySchema,
  NextSuggestionsSchema,
  OfferListQuerySchema, OfferListSchema,
  OfferSchema,
  UpdateOfferBodySchema,
} from '@ee/shared/offers'
import { answerList } from '../lib/csv.ts'
import { offersCsv } from './offers.csv.ts'
import { acceptOffer, declineOffer, inviteExpert, listOffers, makeOffer, nextSuggestions, updateOffer, withdrawOffer } from './offers.service.ts'

// Loose: validation must not strip the other headers (authorization) from the request.
const IdempotencyHeadersSchema = z.looseObject({ 'idempotency-key': IdempotencyKeySchema.optional() })

export const offersRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['offers']
  const auth = { onRequest: app.authenticate }

  app.post('/requests/:id/invitations', {
    config: { access: 'request.invite' },
    ...auth,
    schema: { tags, params: IdParamsSchema, body: CreateInvitationToOfferBodySchema, response: { 201: OfferSchema } },
  }, async (req, reply) => reply.status(201).send(await inviteExpert(app.db, req.actor, req.params.id, req.body, app.clock.now())))

  app.get('/requests/:id/next-suggestions', {
    config: { access: 'request.matches' },
    ...auth,
    schema: {
      tags,
      description: 'Once an invitation has expired or been declined: that invitation, the places still open and the next suggestions still free (never anyone already asked, never a ruled-out expert). The requesting head only.',
      params: IdParamsSchema,
      response: { 200: NextSuggestionsSchema },
    },
  }, (req) => nextSuggestions(app.db, req.actor, req.params.id, app.clock.now()))

  app.post('/requests/:id/offers', {
    config: { access: 'offer.create' },
    ...auth,
    schema: { tags, params: IdParamsSchema, body: CreateOfferBodySchema, response: { 201: OfferSchema } },
  }, async (req, reply) => reply.status(201).send(await makeOffer(app.db, req.actor, req.params.id, req.body, app.clock.now())))

  app.get('/requests/:id/offers', { config: { access: 'offer.list' }, ...auth, schema: { tags, params: IdParamsSchema, querystring: OfferListQuerySchema, response: { 200: OfferListSchema } } }, (req, reply) =>
    answerList(reply, req.query, (q) => listOffers(app.db, req.actor, req.params.id, q), { table: offersCsv, pageSize: LIST_PAGE_MAX, now: app.clock.now() }),
  )

  app.post('/offers/:id/accept', {
    config: { access: 'offer.decide' },
    ...auth,
    schema: {
      tags,
      description: 'Commission the expert. Send an Idempotency-Key header to make retries safe: the same key and body replay the first answer (kept 24 hours); the same key with a different body is 422.',
      params: IdParamsSchema,
      headers: IdempotencyHeadersSchema,
      body: AcceptOfferBodySchema.nullish(),
      response: { 200: AcceptOfferResultSchema },
    },
  }, (req) =>
    acceptOffer(app.db, req.actor, req.params.id, req.body ?? { note: '' }, { now: app.clock.now(), idempotencyKey: req.headers['idempotency-key'] }),
  )

  app.post('/offers/:id/decline', {
    config: { access: ['offer.decide', 'offer.respond'] },
    ...auth,
    schema: { tags, params: IdParamsSchema, body: DeclineOfferBodySchema.nullish(), response: { 200: OfferSchema } },
  }, (req) => declineOffer(app.db, req.actor, req.params.id, req.body ?? { reason: '' }, app.clock.now()))

  app.post('/offers/:id/withdraw', { config: { access: 'offer.withdraw' }, ...auth, schema: { tags, params: IdParamsSchema, response: { 200: OfferSchema } } }, (req) =>
    withdrawOffer(app.db, req.actor, req.params.id, app.clock.now()),
  )

  app.patch('/offers/:id', {
    config: { access: 'offer.withdraw' },
    ...auth,
    schema: { tags, params: IdParamsSchema, body: UpdateOfferBodySchema, response: { 200: OfferSchema } },
  }, (req) => updateOffer(app.db, req.actor, req.params.id, req.body, app.clock.now()))
}
