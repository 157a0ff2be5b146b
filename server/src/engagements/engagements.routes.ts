import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

export const engagementsRoutes: FastifyPluginAsyncZod = async () => {}
