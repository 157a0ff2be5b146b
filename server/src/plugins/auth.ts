import fastifyCookie from '@fastify/cookie'
import fastifyJwt from '@fastify/jwt'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import DataLoader from 'dataloader'
import fp from 'fastify-plugin'
import { IdSchema } from '@ee/shared/common'
import type { Config } from '../config.ts'
import { type SessionPerson, findSessionPeople, touchLastActive } from '../auth/auth.service.ts'
import type { Actor } from '../lib/actor.ts'
import type { TrustVersion } from '../lib/trust-cache.ts'
import { Problem } from '../lib/problem.ts'
import { confineToTrust, withTrust } from '../db/scope.ts'

/**
 * The session cookie's name. With `Secure` (production, or any non-loopback host) it carries the
 * `__Host-` prefix, so the browser refuses it unless it is Secure, Path=/ and without Domain: no
 * subdomain or plain-http page can plant or overwrite a session (docs/design.md §10). Over http on
 * this machine (development, tests) a prefixed cookie would be refused, so it keeps the plain name.
 */
export const sessionCookieName = (config: Pick<Config, 'secureCookies'>) => (config.secureCookies ? '__Host-ee_session' : 'ee_session')
const SESSION_MINUTES = 30
/** A session used after this many minutes is renewed, so an active person stays signed in. */
const RENEW_AFTER_MINUTES = 10

export type SessionClaims = { sub: string; tid: string; /** issued at, in ms: compared with tokensValidAfter */ ims: number }

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: SessionClaims
    user: SessionClaims & { iat: number; exp: number }
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor
    /** The signed-in person's trust's data version, read with the session. */
    trustVersion: TrustVersion
  }
  interface FastifyInstance {
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    issueSession: (reply: FastifyReply, person: { id: string; trustId: string }) => Promise<string>
    clearSession: (reply: FastifyReply) => void
  }
}

const unauthenticated = () => new Problem(401, '/problems/unauthorized', 'Sign-in needed', 'Your session has ended or is not valid. Please sign in again.')

export const authPlugin = fp(async (app: FastifyInstance, opts: { config: Config }) => {
  const { config } = opts
  const SESSION_COOKIE = sessionCookieName(config)
  await app.register(fastifyCookie)
  await app.register(fastifyJwt, {
    secret: config.jwtSecret,
    sign: { algorithm: 'HS256', expiresIn: `${SESSION_MINUTES}m`, iss: 'expertise-exchange', aud: 'ee-session' },
    // cache: a token verified once is not verified again until it expires (fast-jwt keys the cache by a hash of the token).
    verify: { algorithms: ['HS256'], allowedIss: 'expertise-exchange', allowedAud: 'ee-session', cache: true },
    cookie: { cookieName: SESSION_COOKIE, signed: false },
  })

  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.secureCookies }

  app.decorateRequest('actor', null as unknown as Actor)
  app.decorateRequest('trustVersion', null as unknown as TrustVersion)
  app.decorate('issueSession', async (reply: FastifyReply, person: { id: string; trustId: string }) => {
    const token = await reply.jwtSign({ sub: person.id, tid: person.trustId, ims: Date.now() })
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_MINUTES * 60 })
    return token
  })
  app.decorate('clearSession', (reply: FastifyReply) => {
    reply.clearCookie(SESSION_COOKIE, cookieOptions)
  })

  // Requests that arrive together read their people in one query. Nothing is kept between batches
  // (cache: false): every request reads its person afresh, so a revoked session fails at once.
  // Keyed `trust/person`: a batch reads each trust's people in that trust's scope (docs/design.md §10).
  const sessions = new DataLoader<string, SessionPerson | undefined>(
    async (keys) => {
      const byTrust = new Map<string, string[]>()
      for (const [trustId, id] of keys.map((k) => k.split('/') as [string, string])) byTrust.set(trustId, [...(byTrust.get(trustId) ?? []), id])
      const found = new Map<string, SessionPerson>()
      await Promise.all([...byTrust].map(([trustId, ids]) => withTrust(trustId, async () => {
        for (const p of await findSessionPeople(app.db, ids)) found.set(`${trustId}/${p.id}`, p)
      })))
      return keys.map((k) => found.get(k))
    },
    { cache: false, maxBatchSize: 100, batchScheduleFn: (dispatch) => setImmediate(dispatch) },
  )

  app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
    let claims: FastifyRequest['user']
    try {
      claims = await request.jwtVerify()
    } catch {
      throw unauthenticated()
    }
    if (!IdSchema.safeParse(claims.sub).success || !IdSchema.safeParse(claims.tid).success || typeof claims.ims !== 'number') throw unauthenticated()
    // From here every query of this request, the person's own read included, sees only the token's
    // trust (docs/design.md §10); a person of another trust is not found.
    confineToTrust(claims.tid)
    const person = await sessions.load(`${claims.tid}/${claims.sub}`)
    if (!person || !person.active || person.trustId !== claims.tid || claims.ims <= person.tokensValidAfter.getTime()) {
      throw unauthenticated()
    }
    request.actor = { id: person.id, trustId: person.trustId, schoolId: person.schoolId, role: person.role, name: person.name }
    request.trustVersion = { matching: person.matchingVersion, activity: person.activityVersion }
    const now = Date.now()
    if (!person.lastActiveAt || now - person.lastActiveAt.getTime() > 5 * 60_000) await touchLastActive(app.db, person.id)
    const fromCookie = !request.headers.authorization && request.cookies[SESSION_COOKIE] !== undefined
    if (fromCookie && now - claims.ims > RENEW_AFTER_MINUTES * 60_000) await app.issueSession(reply, person)
  })
})
