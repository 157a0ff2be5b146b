import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

export const flowsRoutes: FastifyPluginAsyncZod = async () => {}
