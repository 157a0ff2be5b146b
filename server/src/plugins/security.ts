import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet from 'helmet'
import { Problem, tooManyRequests } from '../lib/problem.ts'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export const securityPlugin = fp(async (app: FastifyInstance) => {
  // helmet's headers, built once: @fastify/helmet builds the middleware again for every request, which
  // cost a tenth of a cached answer's time. No route needs its own policy or a nonce.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  })
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (err) => done(err instanceof Error ? err : undefined)))
  // Per-route limits only (login, invitations, 404 guessing); reads stay fast for busy schools.
  // Every limited answer is a 429 problem with Retry-After in seconds (set by the plugin) and the wait in words.
  await app.register(fastifyRateLimit, { global: false, errorResponseBuilder: (_req, ctx) => tooManyRequests(Math.ceil(ctx.ttl / 1000)) })

  // Without a text/plain parser, a cross-site form post cannot reach a JSON route (415).
  app.removeContentTypeParser(['text/plain'])

  app.addHook('onRequest', async (request, reply) => {
    if (UNSAFE.has(request.method) && request.headers['sec-fetch-site'] === 'cross-site') {
      throw new Problem(403, '/problems/cross-site', 'Not allowed', 'Requests from other sites cannot change anything here.')
    }
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store')
  })
})
