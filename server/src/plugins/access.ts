import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { auditRefusal, objectTypeOf } from '../audit/refusals.ts'
import { type Action, ACTIONS, canEver, whyNot } from '../lib/policy.ts'
import { Problem } from '../lib/problem.ts'

/**
 * Who may call a route, declared where it is registered (`config: { access }`, docs/design.md §10):
 * - `'public'`: no sign-in (sign-in itself, reset links, health, the API document);
 * - `'signed-in'`: any person; what they may see or change is decided by the service, object by object;
 * - an Action of lib/policy.ts (or several, when the service allows through any of them): a person whose
 *   role can never do it is refused with 403 before the body is read or validated.
 */
export type RouteAccess = 'public' | 'signed-in' | Action | readonly Action[]

export type RegisteredRoute = { method: string; url: string; access: RouteAccess }

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess
  }
  interface FastifyInstance {
    /** Every /api route with its declared access, in the order registered (AZ-1: the authz matrix walks it). */
    routeRegistry: readonly RegisteredRoute[]
  }
}

/** The swagger-ui plugin registers its own routes; the API document is public by design (docs/design.md §7). */
const DOCS_PREFIX = '/api/docs'

const actionsOf = (access: RouteAccess): readonly Action[] | null =>
  access === 'public' || access === 'signed-in' ? null : typeof access === 'string' ? [access] : access

/** The audit `action` of a refusal: the route's policy. */
const policyName = (access: RouteAccess) => (typeof access === 'string' ? access : access.join('|'))

const hooksOf = (hook: unknown): unknown[] => (hook === undefined ? [] : Array.isArray(hook) ? hook : [hook])

function refusedIfNever(actions: readonly Action[]) {
  const hook = async (request: FastifyRequest, _reply: FastifyReply, payload: RequestPayload) => {
    // authenticate (onRequest) has set the actor; a role outside every list is refused before the body counts.
    if (request.actor && !canEver(request.actor.role, actions)) {
      throw new Problem(403, '/problems/forbidden', 'Not allowed', whyNot(actions[0]!))
    }
    return payload
  }
  // Marked, so a HEAD twin that copies its GET's hooks does not get a second one.
  return Object.assign(hook, { access: actions })
}

/** The route's first segment after /api: what its object is (`requests`). */
const segmentOf = (url: string) => url.slice('/api/'.length).split('/')[0] || 'api'

/** What a refused call was aimed at: the object type its route acts on, and the id in its params. */
function objectOf(request: FastifyRequest, url: string): { objectType: string; objectId: string | null } {
  const params = (request.params ?? {}) as Record<string, unknown>
  const id = params.id ?? params.year ?? params.from
  return { objectType: objectTypeOf(segmentOf(url)), objectId: typeof id === 'string' ? id.slice(0, 200) : null }
}

export const accessPlugin = fp(async (app: FastifyInstance) => {
  const registry: RegisteredRoute[] = []
  // Fastify answers HEAD with the GET's handler and options (a plugin may register the HEAD first): the GET's
  // entry stands for both, so the registry lists what a person can call and declares.
  app.decorate('routeRegistry', {
    getter: () => registry.filter((r) => r.method !== 'HEAD' || !registry.some((g) => g.method === 'GET' && g.url === r.url)),
  })

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') && route.url !== '/api') return
    const methods = [route.method].flat()
    const name = `${methods.join(',')} ${route.url}`
    let access = route.config?.access
    if (access === undefined && route.url.startsWith(DOCS_PREFIX)) access = 'public'
    if (access === undefined) throw new Error(`${name} declares no access: add config: { access: 'public' | 'signed-in' | <policy action> } (docs/engineering.md)`)
    const actions = actionsOf(access)
    if (actions) {
      const unknown = actions.filter((a) => !ACTIONS.includes(a))
      if (unknown.length || !actions.length) throw new Error(`${name} names unknown policy action(s): ${unknown.join(', ') || '(none)'}`)
    }
    const authenticates = hooksOf(route.onRequest).includes(app.authenticate)
    if (access === 'public' && authenticates) throw new Error(`${name} is declared public but authenticates`)
    if (access !== 'public' && !authenticates) throw new Error(`${name} needs a person (${policyName(access)}) but has no onRequest: app.authenticate`)
    for (const method of methods) registry.push({ method, url: route.url, access })

    route.config = { ...route.config, access }
    // The API document says who may call each route (docs/design.md §7), from the same declaration.
    if (route.schema && !route.url.startsWith(DOCS_PREFIX)) {
      const who = access === 'public' ? 'anyone, signed in or not' : access === 'signed-in' ? 'any signed-in person' : `policy ${policyName(access)}`
      route.schema = { ...route.schema, description: [route.schema.description, `Access: ${who}.`].filter(Boolean).join(' ') }
    }
    if (actions && !hooksOf(route.preParsing).some((h) => (h as { access?: readonly Action[] }).access?.join() === actions.join())) {
      // preParsing: after authentication, before the body is read (so before any 400, 413 or 415).
      route.preParsing = [refusedIfNever(actions), ...hooksOf(route.preParsing)] as RouteOptions['preParsing']
    }
  })

  /**
   * Refused actions are audited (docs/design.md §10): every 403, and every 404 on an object route for a
   * signed-in person; a 404 on another trust's object is written in that trust as well (audit/refusals.ts).
   * Written after the answer has gone, in its own statement outside the refused use
   * case's (rolled back) transaction, so it neither slows an answer nor turns a 4xx into a 5xx.
   */
  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode
    if (status !== 403 && status !== 404) return
    const url = request.routeOptions.url
    if (!url?.startsWith('/api/')) return
    const hasObject = Object.keys((request.params ?? {})).length > 0
    if (status === 404 && (!request.actor || !hasObject)) return
    const access = request.routeOptions.config.access ?? 'public'
    try {
      await auditRefusal(app.db, request.actor, segmentOf(url), {
        action: policyName(access),
        ...objectOf(request, url),
        outcome: 'denied',
        detail: { status, route: `${request.method} ${url}` },
        requestId: request.id,
      })
    } catch (err) {
      request.log.warn({ err }, 'refused action not audited')
    }
  })
})
