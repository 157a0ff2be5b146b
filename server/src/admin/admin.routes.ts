import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AdminImportSchema, ImportResultSchema } from '@ee/shared/bundle'
import { assertRole } from '../lib/policy.ts'
import { Problem } from '../lib/problem.ts'
import { exportRoutes } from './export.routes.ts'
import { importIntoTrust } from './trust-import.service.ts'

/** The largest file POST /api/admin/import reads (docs/design.md §8). */
export const ADMIN_IMPORT_BODY_LIMIT = 4 * 1024 * 1024

export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/admin/import', {
    config: { access: 'bundle.import' },
    schema: {
      tags: ['admin'],
      description:
        'Adds schools (clusters by name), people and expertise to your own trust in one transaction: all or nothing, every fault named by its path. ' +
        'Refs name objects of the file; people[].school may give the URN of one of your schools, expertise[].person the e-mail of one of your people. ' +
        'People are invited by e-mail to choose their password (a `password` is refused). A file with a `trust` section is refused with 403: only the service operator creates trusts.',
      body: AdminImportSchema,
      response: { 201: ImportResultSchema },
    },
    // A few MiB holds 5,000 people with room to spare; a larger body is refused (413) before it is read.
    bodyLimit: ADMIN_IMPORT_BODY_LIMIT,
    onRequest: app.authenticate,
    preValidation: async (req) => {
      assertRole(req.actor, 'bundle.import')
      const body = req.body as Record<string, unknown> | null
      if (body && typeof body === 'object' && 'trust' in body) {
        throw new Problem(403, '/problems/forbidden', 'Only the service operator creates trusts (npm run trust:create)', 'This file would create a trust. To add schools, people and expertise to your own trust, leave out its trust section.')
      }
    },
  }, async (req, reply) => {
    const ids = await importIntoTrust(app.db, req.actor, req.body, app.config.publicUrl, app.clock.now())
    reply.status(201)
    return { ids }
  })

  await app.register(exportRoutes)
}
