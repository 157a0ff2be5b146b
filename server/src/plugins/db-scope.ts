import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { runRequestScope } from '../db/scope.ts'

/**
 * Every request runs in a database scope of its own, across trusts until plugins/auth.ts has read the
 * signed-in person and confined it to their trust; from then on row-level security (migrations/0013)
 * returns only that trust's rows, whatever a query's WHERE says (docs/design.md §10). Registered
 * before any route, so its onRequest hook runs first and the rest of the request runs inside it.
 */
export const dbScopePlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', (_request, _reply, done) => runRequestScope(done))
})
