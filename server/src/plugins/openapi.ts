import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'

/** The OpenAPI document is generated from the same zod schemas the routes validate with. */
export const openapiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Expertise Exchange API',
        version: '1.0.0',
        description:
          'Errors are application/problem+json (RFC 9457) with `errors[]` naming each field. Sign in with POST /api/auth/login; send the session cookie or `Authorization: Bearer <token>`. Idempotency-Key on POST /api/offers/:id/accept is kept for 24 hours.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'ee_session', description: 'Named __Host-ee_session when cookies are Secure (production).' } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true })
})
