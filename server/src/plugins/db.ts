import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Database, Db } from '../db/client.ts'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    dbKind: 'postgres' | 'pglite'
  }
}

export const dbPlugin = fp(async (app: FastifyInstance, opts: { database: Database; closeOnExit: boolean }) => {
  app.decorate('db', opts.database.db)
  app.decorate('dbKind', opts.database.kind)
  if (opts.closeOnExit) app.addHook('onClose', () => opts.database.close())
})
