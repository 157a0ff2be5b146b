import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

export const matchingRoutes: FastifyPluginAsyncZod = async () => {}
