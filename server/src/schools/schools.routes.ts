import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

export const schoolsRoutes: FastifyPluginAsyncZod = async () => {}
