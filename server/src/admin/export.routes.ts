import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { TrustBundleDocumentSchema } from '@ee/shared/bundle'
import { exportTrust } from './export.service.ts'

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/admin/export', {
    config: { access: 'bundle.export' },
    schema: {
      tags: ['admin'],
      description:
        "Your trust's whole bundle (docs/design.md §8) as a JSON file: schools, clusters, areas, people, expertise, requests, offers, engagements with their " +
        'sessions, cases, requests for more days, term dates, pending invitations and notifications. `npm run import -- FILE` loads it into an empty service. ' +
        'No password hashes and no link tokens: after an import each person sets their password again ("Forgotten your password?").',
      response: { 200: TrustBundleDocumentSchema },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const { bundle, filename } = await exportTrust(app.db, req.actor, app.clock.now())
    // Sent as made: a bundle of a large trust is too big to check field by field again on the way out.
    // Awaiting the reply waits until it is written, so the handler answers nothing more.
    await (reply as FastifyReply)
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(JSON.stringify(bundle))
  })
}
