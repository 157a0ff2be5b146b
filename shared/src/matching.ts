import { z } from 'zod'
import { IdSchema, ModeSchema, PhaseSchema } from './common.ts'

export const MatchQuerySchema = z.object({
  limit: z.coerce.number().int().min(1, 'Ask for at least 1').max(50, 'Ask for at most 50').default(10),
  panel: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
})

export const SIGNAL_LABELS = {
  area: 'Area of work',
  subject: 'Subject',
  phase: 'Phase',
  mode: 'Kind of help',
  text: 'Relevance of their words',
  proximity: 'Distance',
  trackRecord: 'Track record',
  availability: 'Days free',
  loadBalance: 'Load on them and their school',
} as const

export const MatchSchema = z.object({
  expertise: z.object({
    id: IdSchema,
    title: z.string(),
    summary: z.string(),
    evidence: z.string(),
    areas: z.array(z.string()),
    phases: z.array(PhaseSchema),
    modes: z.array(ModeSchema),
    capacityDaysPerTerm: z.number(),
    freeDays: z.number(),
  }),
  person: z.object({ id: IdSchema, name: z.string(), lastActiveAt: z.string().nullable() }),
  school: z.object({ id: IdSchema, name: z.string(), distanceKm: z.number().nullable() }),
  score: z.number(),
  signals: z.record(z.string(), z.number()),
  reasons: z.array(z.string()),
  /** True for the suggested panel: high scorers from different schools. */
  inPanel: z.boolean(),
})
export type Match = z.infer<typeof MatchSchema>
export const MatchListSchema = z.array(MatchSchema)

export const WhyNotQuerySchema = z
  .object({ person: IdSchema.optional(), expertise: IdSchema.optional() })
  .refine((q) => Boolean(q.person) !== Boolean(q.expertise), { message: 'Name either a person or an expertise entry', path: ['person'] })

export const WhyNotSchema = z.object({
  person: z.object({ id: IdSchema, name: z.string() }).nullable(),
  entries: z.array(
    z.object({
      expertiseId: IdSchema,
      title: z.string(),
      status: z.enum(['excluded', 'ranked']),
      /** The hard rules that keep the entry out, in plain words. */
      exclusions: z.array(z.object({ rule: z.string(), reason: z.string() })),
      rank: z.number().nullable(),
      of: z.number().nullable(),
      score: z.number().nullable(),
      shown: z.boolean(),
      weakSignals: z.array(z.object({ signal: z.string(), value: z.number(), reason: z.string() })),
      reasons: z.array(z.string()),
    }),
  ),
  summary: z.string(),
})
export type WhyNot = z.infer<typeof WhyNotSchema>

export const ForMeQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) })
export const RequestForMeSchema = z.object({
  request: z.object({
    id: IdSchema,
    title: z.string(),
    schoolId: IdSchema,
    schoolName: z.string(),
    areas: z.array(z.string()),
    modes: z.array(ModeSchema),
    phases: z.array(PhaseSchema),
    daysPerExpert: z.number(),
    window: z.object({ start: z.string(), end: z.string() }),
    publishedAt: z.string().nullable(),
    confidentiality: z.enum(['trust', 'invited']),
  }),
  expertiseId: IdSchema,
  expertiseTitle: z.string(),
  score: z.number(),
  reasons: z.array(z.string()),
})
export type RequestForMe = z.infer<typeof RequestForMeSchema>
export const RequestForMeListSchema = z.array(RequestForMeSchema)
