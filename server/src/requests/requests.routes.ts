import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

export const requestsRoutes: FastifyPluginAsyncZod = async () => {}
