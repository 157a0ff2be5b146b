import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ImportResultSchema } from '@ee/shared/bundle'
import { assertRole } from '../lib/policy.ts'
import { TrustBundleSchema, importBundle } from './import.service.ts'

export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/admin/import', {
    schema: { tags: ['admin'], description: 'Load a whole trust bundle (DESIGN §8) in one transaction: all or nothing.', body: TrustBundleSchema, response: { 201: ImportResultSchema } },
    bodyLimit: 64 * 1024 * 1024,
    onRequest: app.authenticate,
  }, async (req, reply) => {
    assertRole(req.actor, 'bundle.import')
    const ids = await importBundle(app.db, req.body, req.actor)
    reply.status(201)
    return { ids }
  })
}
