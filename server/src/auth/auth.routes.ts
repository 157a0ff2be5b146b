import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  AcceptInvitationBodySchema, ChangePasswordBodySchema, LoginBodySchema, LoginResponseSchema, MeSchema, PasswordResetConfirmBodySchema,
  PasswordResetRequestBodySchema, PasswordResetRequestedSchema,
} from '@ee/shared/auth'
import { OkSchema } from '@ee/shared/common'
import { tooManyRequests } from '../lib/problem.ts'
import { acceptInvitation, getMe, login, logout } from './auth.service.ts'
import { LoginThrottle } from './login-throttle.ts'
import { RESET_REQUESTED, changePassword, confirmPasswordReset, requestPasswordReset } from './password-reset.ts'


export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const throttle = new LoginThrottle()
  // Per address, on top of the per-IP limit in the route's config, so nobody floods one inbox.
  const resetsPerEmail = app.createRateLimit({ max: 3, timeWindow: '15 minutes', keyGenerator: (req) => `reset:${(req.body as { email: string }).email}` })
  const background = new Set<Promise<void>>()
  app.addHook('onClose', async () => {
    await Promise.allSettled(background)
  })

  app.post('/auth/login', {
    schema: { tags: ['auth'], body: LoginBodySchema, response: { 200: LoginResponseSchema } },
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const key = req.body.email
    const wait = throttle.retryAfterSeconds(key)
    if (wait > 0) {
      // docs/design.md §10: a locked account answers 429 with Retry-After, like every rate-limited answer.
      reply.header('retry-after', String(wait))
      throw tooManyRequests(wait, 'Too many failed sign-ins for this account.')
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

  app.post('/auth/logout', { config: { access: 'signed-in' }, schema: { tags: ['auth'], response: { 200: OkSchema } }, onRequest: app.authenticate }, async (req, reply) => {
    await logout(app.db, req.actor)
    app.clearSession(reply)
    return { ok: true as const }
  })

  app.get('/me', { config: { access: 'signed-in' }, schema: { tags: ['auth'], response: { 200: MeSchema } }, onRequest: app.authenticate }, async (req) => ({
    person: await getMe(app.db, req.actor),
  }))

  app.post('/auth/accept-invitation', {
    schema: { tags: ['auth'], body: AcceptInvitationBodySchema, response: { 200: LoginResponseSchema } },
    config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const person = await acceptInvitation(app.db, req.body, app.clock.now())
    const token = await app.issueSession(reply, person)
    return { person, token }
  })

  /**
   * Answers 202 before looking the address up, so a known and an unknown address get the same
   * answer in the same time; the link (if any) is written and e-mailed just after.
   */
  app.post('/auth/password-reset', {
    schema: { tags: ['auth'], body: PasswordResetRequestBodySchema, response: { 202: PasswordResetRequestedSchema } },
    config: { access: 'public', rateLimit: { max: 10, timeWindow: '15 minutes' } },
  }, async (req, reply) => {
    const limit = await resetsPerEmail(req)
    if (!limit.isAllowed && limit.isExceeded) {
      reply.header('retry-after', String(limit.ttlInSeconds))
      throw tooManyRequests(limit.ttlInSeconds, 'We have sent several links for this address already.')
    }
    await reply.status(202).send(RESET_REQUESTED)
    const work = requestPasswordReset(app.db, req.body.email, app.config.publicUrl, app.clock.now())
      .catch((err: unknown) => req.log.error({ err }, 'password reset request failed'))
      .finally(() => background.delete(work))
    background.add(work)
    return reply
  })

  app.post('/auth/password-reset/confirm', {
    schema: { tags: ['auth'], body: PasswordResetConfirmBodySchema, response: { 200: LoginResponseSchema } },
    config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const person = await confirmPasswordReset(app.db, req.body, app.clock.now())
    throttle.succeed(person.email)
    const token = await app.issueSession(reply, person)
    return { person, token }
  })

  app.post('/auth/password', {
    schema: { tags: ['auth'], body: ChangePasswordBodySchema, response: { 200: LoginResponseSchema } },
    config: { access: 'signed-in', rateLimit: { max: 10, timeWindow: '15 minutes' } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const person = await changePassword(app.db, req.actor, req.body, app.clock.now())
    const token = await app.issueSession(reply, person)
    return { person, token }
  })
}
