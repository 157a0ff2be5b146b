import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

export const expertiseRoutes: FastifyPluginAsyncZod = async () => {}
