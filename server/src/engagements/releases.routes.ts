import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema, LIST_PAGE_MAX } from '@ee/shared/common'
import { RefuseReleaseBodySchema, ReleaseDecisionSchema, ReleaseListQuerySchema, ReleaseListSchema } from '@ee/shared/releases'
import { answerList } from '../lib/csv.ts'
import { releasesCsv } from './engagements.csv.ts'
import { approveRelease, listReleases, refuseRelease } from './releases.service.ts'

/** A release's id is its engagement's id. */
export const releasesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['releases']
  const auth = { onRequest: app.authenticate }

  app.get('/releases', { config: { access: 'release.list' }, ...auth, schema: { tags, querystring: ReleaseListQuerySchema, response: { 200: ReleaseListSchema } } }, (req, reply) =>
    answerList(reply, req.query, (q) => listReleases(app.db, req.actor, q, app.clock.now()), { table: releasesCsv, pageSize: LIST_PAGE_MAX, now: app.clock.now() }),
  )

  app.post('/releases/:id/approve', { config: { access: 'release.decide' }, ...auth, schema: { tags, params: IdParamsSchema, response: { 200: ReleaseDecisionSchema } } }, (req) =>
    approveRelease(app.db, req.actor, req.params.id, app.clock.now()),
  )

  app.post('/releases/:id/refuse', {
    config: { access: 'release.decide' },
    ...auth,
    schema: { tags, params: IdParamsSchema, body: RefuseReleaseBodySchema.nullish(), response: { 200: ReleaseDecisionSchema } },
  }, (req) => refuseRelease(app.db, req.actor, req.params.id, req.body ?? { reason: '' }, app.clock.now()))
}
