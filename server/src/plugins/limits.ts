import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { Problem } from '../lib/problem.ts'
import { RATE_LIMITS } from '../lib/rate-limits.ts'

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const MINUTE = 60_000

/** The signed-in person (per trust, so one trust's quota is never another's), else the caller's address. */
const personOrAddress = (request: FastifyRequest) => (request.actor ? `person:${request.actor.trustId}:${request.actor.id}` : `ip:${request.ip}`)

const tooMany = (reply: FastifyReply, seconds: number, detail: string) => {
  reply.header('retry-after', String(seconds))
  return new Problem(429, '/problems/too-many-requests', 'Too many requests', detail)
}

/**
 * Bounded work (docs/design.md §10), counted with @fastify/rate-limit's stores (registered by the
 * security plugin): 404 answers per person or address, so ids cannot be guessed at speed, and writes
 * per signed-in person, keyed after authentication so that a school's shared address is not one quota.
 * Both answer 429 problem+json with Retry-After. Registered after the auth plugin.
 */
export const limitsPlugin = fp(async (app: FastifyInstance) => {
  const limits = { ...RATE_LIMITS, ...app.config.rateLimits }
  const misses = app.createRateLimit({ max: limits.notFoundPerMinute, timeWindow: MINUTE, keyGenerator: personOrAddress })
  const writes = app.createRateLimit({ max: limits.writesPerMinute, timeWindow: MINUTE, keyGenerator: personOrAddress })

  // preValidation: after the route's onRequest has authenticated (request.actor), before the body is
  // checked, so a burst of bad bodies counts too. Anonymous writes (sign-in) have their own limits.
  app.addHook('preValidation', async (request, reply) => {
    if (!WRITES.has(request.method) || !request.actor) return
    const count = await writes(request)
    if (!count.isAllowed && count.isExceeded) {
      throw tooMany(reply, count.ttlInSeconds, `You have made more than ${count.max} changes in a minute. Please wait ${count.ttlInSeconds} seconds and try again.`)
    }
  })

  // Every 404 counts, whether no route matched or the object was not found; the one past the limit
  // is answered 429 instead, and so is every miss after it until the minute is over.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 404) return payload
    const count = await misses(request)
    if (count.isAllowed || !count.isExceeded) return payload
    const problem = tooMany(reply, count.ttlInSeconds, `Too many addresses that lead nowhere in a minute. Please wait ${count.ttlInSeconds} seconds and try again.`)
    const body = { type: problem.type, title: problem.title, status: 429, detail: problem.detail, instance: request.url.split('?')[0], requestId: request.id }
    reply.status(429)
    return JSON.stringify(body)
  })
})
