import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

export const areasRoutes: FastifyPluginAsyncZod = async () => {}
