import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/** Serves the built client and answers unknown non-API paths with index.html (client-side routes). */
export const spaPlugin = fp(async (app: FastifyInstance, opts: { root: string }) => {
  if (!existsSync(path.join(opts.root, 'index.html'))) {
    app.log.warn(`No client build in ${opts.root}: run "npm run build" to serve the web app.`)
    return
  }
  await app.register(fastifyStatic, { root: opts.root, wildcard: false, index: false })
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.callNotFound()
    const file = request.url.split('?')[0]!.slice(1)
    if (file && existsSync(path.join(opts.root, file)) && !file.includes('..')) return reply.sendFile(file)
    return reply.header('cache-control', 'no-cache').sendFile('index.html')
  })
})
