import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AcceptInvitationBodySchema, LoginBodySchema, LoginResponseSchema, MeSchema } from '@ee/shared/auth'
import { OkSchema } from '@ee/shared/common'
import { CreateInvitationBodySchema, InvitationSchema } from '@ee/shared/people'
import { Problem } from '../lib/problem.ts'
import { acceptInvitation, createInvitation, getMe, login, logout } from './auth.service.ts'
import { LoginThrottle } from './login-throttle.ts'

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const throttle = new LoginThrottle()

  app.post('/auth/login', {
    schema: { tags: ['auth'], body: LoginBodySchema, response: { 200: LoginResponseSchema } },
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const key = req.body.email
    if (throttle.isLocked(key)) {
      throw new Problem(429, '/problems/too-many-attempts', 'Too many attempts', 'Too many failed sign-ins for this account. Please wait 15 minutes and try again.')
    }
    try {
      const person = await login(app.db, req.body.email, req.body.password)
      throttle.succeed(key)
      const token = await app.issueSession(reply, person)
      return { person, token }
    } catch (err) {
      throttle.fail(key)
      throw err
    }
  })

  app.post('/auth/logout', { schema: { tags: ['auth'], response: { 200: OkSchema } }, onRequest: app.authenticate }, async (req, reply) => {
    await logout(app.db, req.actor)
    app.clearSession(reply)
    return { ok: true as const }
  })

  app.get('/me', { schema: { tags: ['auth'], response: { 200: MeSchema } }, onRequest: app.authenticate }, async (req) => ({
    person: await getMe(app.db, req.actor),
  }))

  app.post('/invitations', {
    schema: { tags: ['people'], body: CreateInvitationBodySchema, response: { 201: InvitationSchema } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const origin = `${req.protocol}://${req.host}`
    reply.status(201)
    return createInvitation(app.db, req.actor, req.body, origin)
  })

  app.post('/auth/accept-invitation', {
    schema: { tags: ['auth'], body: AcceptInvitationBodySchema, response: { 200: LoginResponseSchema } },
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const person = await acceptInvitation(app.db, req.body)
    const token = await app.issueSession(reply, person)
    return { person, token }
  })
}
