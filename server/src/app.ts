import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Fastify, { type FastifyInstance } from 'fastify'
import { type ZodTypeProvider, serializerCompiler } from 'fastify-type-provider-zod'
import { HealthSchema } from '@ee/shared/health'
import { adminRoutes } from './admin/admin.routes.ts'
import { areasRoutes } from './areas/areas.routes.ts'
import { auditRoutes } from './audit/audit.routes.ts'
import { authRoutes } from './auth/auth.routes.ts'
import { calendarRoutes } from './calendar/calendar.routes.ts'
import { casesRoutes } from './cases/cases.routes.ts'
import type { Config } from './config.ts'
import type { Database } from './db/client.ts'
import { engagementsRoutes } from './engagements/engagements.routes.ts'
import { expertiseRoutes } from './expertise/expertise.routes.ts'
import { flowsRoutes } from './flows/flows.routes.ts'
import { type Clock, systemClock } from './lib/clock.ts'
import { matchingRoutes } from './matching/matching.routes.ts'
import { notificationsRoutes } from './notifications/notifications.routes.ts'
import { offersRoutes } from './offers/offers.routes.ts'
import { peopleRoutes } from './people/people.routes.ts'
import { privacyRoutes } from './privacy/privacy.routes.ts'
import { accessPlugin } from './plugins/access.ts'
import { authPlugin } from './plugins/auth.ts'
import { dbPlugin } from './plugins/db.ts'
import { lifecyclePlugin } from './plugins/lifecycle.ts'
import { dbScopePlugin } from './plugins/db-scope.ts'
import { limitsPlugin } from './plugins/limits.ts'
import { openapiPlugin } from './plugins/openapi.ts'
import { frameworkProblem, plainEnglishValidatorCompiler, problemsPlugin } from './plugins/problems.ts'
import { securityPlugin } from './plugins/security.ts'
import { spaPlugin } from './plugins/spa.ts'
import { requestsRoutes } from './requests/requests.routes.ts'
import { schoolsRoutes } from './schools/schools.routes.ts'
import { clustersRoutes } from './clusters/clusters.routes.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    clock: Clock
  }
}

export type AppOptions = {
  config: Config
  database: Database
  clock?: Clock
  /** Serve the built SPA from client/dist (production start), not needed by API tests. */
  serveClient?: boolean
  /** Close the database with the app (main); tests share one database across apps. */
  closeDatabase?: boolean
  logger?: boolean | object
}

const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist')

/** Builds the app and never listens: main.ts listens, tests inject. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 256 * 1024,
    requestTimeout: 120_000,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkProblem,
    // plugins/lifecycle.ts refuses requests during a drain itself, as problem+json with Retry-After.
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(plainEnglishValidatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.decorate('config', opts.config)
  app.decorate('clock', opts.clock ?? systemClock)

  await app.register(problemsPlugin)
  await app.register(securityPlugin)
  await app.register(dbPlugin, { database: opts.database, closeOnExit: opts.closeDatabase ?? false })
  await app.register(dbScopePlugin)
  await app.register(authPlugin, { config: opts.config })
  await app.register(limitsPlugin)
  // Before any route: every /api route must declare its access, and the registry lists them (AZ-1).
  await app.register(accessPlugin)
  await app.register(lifecyclePlugin)
  await app.register(openapiPlugin)

  await app.register(
    async (api) => {
      api.get('/health', { schema: { tags: ['system'], response: { 200: HealthSchema } }, config: { access: 'public' } }, () => ({ status: 'ok' as const, database: app.dbKind }))
      for (const routes of [
        authRoutes, adminRoutes, areasRoutes, schoolsRoutes, clustersRoutes, peopleRoutes, expertiseRoutes, requestsRoutes, offersRoutes,
        engagementsRoutes, matchingRoutes, flowsRoutes, casesRoutes, notificationsRoutes, calendarRoutes, privacyRoutes, auditRoutes,
      ]) {
        await api.register(routes)
      }
    },
    { prefix: '/api' },
  )

  if (opts.serveClient) await app.register(spaPlugin, { root: CLIENT_DIST })
  return app
}
