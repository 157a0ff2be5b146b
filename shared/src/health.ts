import { z } from 'zod'

/** Liveness: 200 while the process lives, whatever the database does. */
export const HealthSchema = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) })

/** Readiness: 200 only while the database answers and the server is not draining; otherwise a 503 problem. */
export const ReadinessSchema = z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) })
export type Readiness = z.infer<typeof ReadinessSchema>
