import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet from 'helmet'
import { Problem, tooManyRequests } from '../lib/problem.ts'
import { sessionCookieName } from './auth.ts'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** The session cookie by name, with or without the `__Host-` prefix, among the Cookie header's pairs. */
const SESSION_IN_COOKIES = new RegExp(`(?:^|;)\\s*(?:__Host-)?${sessionCookieName({ secureCookies: false })}=`)

const crossSite = (detail: string) => new Problem(403, '/problems/cross-site', 'Not allowed', detail)

/**
 * CSRF (docs/design.md §10): a browser sends the session cookie with any request to this site, even one
 * made by another site's page; only Origin (or Sec-Fetch-Site) says who made it. A change on a cookie
 * session must come from this site's own pages: `Sec-Fetch-Site: same-origin`, or an `Origin` equal to
 * PUBLIC_URL's. Never compared with the Host header, which the caller chooses. Bearer tokens are not
 * sent by browsers on their own, so those calls need no such proof; sign-in has no cookie yet.
 */
export function csrfRefusal(headers: Record<string, string | string[] | undefined>, publicOrigin: string): Problem | undefined {
  const fetchSite = headers['sec-fetch-site']
  if (fetchSite === 'cross-site') return crossSite('Requests from other sites cannot change anything here.')
  const cookie = typeof headers.cookie === 'string' ? headers.cookie : ''
  const bearer = typeof headers.authorization === 'string' && /^bearer\s/i.test(headers.authorization)
  if (bearer || !SESSION_IN_COOKIES.test(cookie)) return undefined
  if (fetchSite === 'same-origin') return undefined
  const origin = headers.origin
  if (origin === undefined) {
    return crossSite('This change came without an Origin header, so it cannot be shown to come from this site\'s own pages; nothing was changed. Reload the page and try again.')
  }
  if (origin !== publicOrigin) return crossSite(`Changes can only be made from this site's own pages (${publicOrigin}); this one came from another origin, so nothing was changed.`)
  return undefined
}

export const securityPlugin = fp(async (app: FastifyInstance) => {
  const publicOrigin = new URL(app.config.publicUrl).origin
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
    if (UNSAFE.has(request.method)) {
      const refusal = csrfRefusal(request.headers, publicOrigin)
      if (refusal) throw refusal
    }
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store')
  })
})
