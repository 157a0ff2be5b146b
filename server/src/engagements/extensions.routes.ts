import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema } from '@ee/shared/common'
import { ExtensionDecisionBodySchema, ExtensionDecisionSchema } from '@ee/shared/engagements'
import { agreeExtension, approveExtension, declineExtension, refuseExtension } from './extensions.service.ts'

/**
 * A request for more days on an engagement (docs/design.md §3): the receiving head agrees or declines;
 * days past the providing school's budget wait for its head to approve or refuse.
 */
export const extensionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['engagements']
  const auth = { onRequest: app.authenticate }
  const decided = { 200: ExtensionDecisionSchema }

  app.post('/extensions/:id/agree', { config: { access: 'extension.decide' }, ...auth, schema: { tags, summary: 'The receiving head agrees to more days', params: IdParamsSchema, response: decided } }, (req) =>
    agreeExtension(app.db, req.actor, req.params.id, app.clock.now()),
  )

  app.post('/extensions/:id/decline', {
    config: { access: 'extension.decide' },
    ...auth,
    schema: { tags, summary: 'The receiving head declines more days', params: IdParamsSchema, body: ExtensionDecisionBodySchema.nullish(), response: decided },
  }, (req) => declineExtension(app.db, req.actor, req.params.id, req.body ?? { reason: '' }, app.clock.now()))

  app.post('/extensions/:id/approve', {
    config: { access: 'release.decide' },
    ...auth,
    schema: { tags, summary: "The providing head releases more days past the school's budget", params: IdParamsSchema, response: decided },
  }, (req) => approveExtension(app.db, req.actor, req.params.id, app.clock.now()))

  app.post('/extensions/:id/refuse', {
    config: { access: 'release.decide' },
    ...auth,
    schema: { tags, summary: 'The providing head refuses to release more days', params: IdParamsSchema, body: ExtensionDecisionBodySchema.nullish(), response: decided },
  }, (req) => refuseExtension(app.db, req.actor, req.params.id, req.body ?? { reason: '' }, app.clock.now()))
}
