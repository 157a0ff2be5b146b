import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { ReadinessSchema } from '@ee/shared/health'
import { ProblemSchema } from '@ee/shared/problem'
import { databaseProblem } from '../db/pg-errors.ts'
import { Problem } from '../lib/problem.ts'
import { sendProblem } from './problems.ts'

/** How long readiness waits for `select 1`: a load balancer's probe gets its answer within 2 s. */
export const READY_TIMEOUT_MS = 1500

const draining = () =>
  new Problem(503, '/problems/restarting', 'Restarting', 'The service is restarting. Please try again in a moment.')

/**
 * Bad days (docs/design.md §9): `GET /api/health/ready` says whether this process can serve (the
 * database answers, the server is not draining), while `/api/health` stays liveness. Once close()
 * starts (SIGTERM in main.ts), requests already running finish and any new one is refused with a
 * 503 and `Connection: close`, so a load balancer moves it elsewhere.
 */
export const lifecyclePlugin = fp(async (app: FastifyInstance) => {
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onRequest', async (request, reply) => {
    if (!closing) return
    reply.header('connection', 'close')
    const p = draining()
    return sendProblem(reply, request, { type: p.type, title: p.title, status: p.status, detail: p.detail })
  })
  // A request already running when the drain began still gets its answer, then its connection closes:
  // a keep-alive socket left open would hold close() until the grace timer kills the process.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close')
  })

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health/ready',
    {
      schema: {
        tags: ['system'],
        description: 'Readiness: 200 while the database answers; 503 problem+json with Retry-After when it does not (answered within 2 s) or while the server shuts down. /api/health is liveness.',
        response: { 200: ReadinessSchema, 503: ProblemSchema },
      },
      config: { access: 'public' },
    },
    async () => {
      await answersWithin(app, READY_TIMEOUT_MS)
      return { status: 'ready' as const, database: app.dbKind }
    },
  )
})

/** `select 1` within `ms`, or the 503 a person (or a probe) sees for a database that is away. */
async function answersWithin(app: FastifyInstance, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Query read timeout (readiness)')), ms)
  })
  try {
    await Promise.race([app.db.execute(sql`select 1`), late])
  } catch (err) {
    throw databaseProblem(err) ?? new Problem(503, '/problems/unavailable', 'Not available just now', 'The service cannot reach its database at the moment. Please try again in a moment.')
  } finally {
    clearTimeout(timer)
  }
}
