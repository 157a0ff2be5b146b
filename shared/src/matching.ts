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

const TermRefSchema = z.object({ label: z.string(), start: z.string(), end: z.string() })
const SchoolRefSchema = z.object({ id: z.string(), name: z.string() })
/** An area of the expert's (where they work, or where a rating was earned) and the areas asked for that it answers. */
const AreaMatchSchema = z.object({ area: z.string(), asked: z.array(z.string()) })

/**
 * The facts a reason rests on, so that anyone (a head, a test) can check the words against the data.
 * Areas are slugs; `asked` lists what the request asked for; a related area is one of the same strand.
 */
export const EvidenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('title'), title: z.string() }),
  z.object({ kind: z.literal('areas'), entry: z.array(z.string()), asked: z.array(z.string()), matched: z.array(AreaMatchSchema) }),
  z.object({ kind: z.literal('phases'), entry: z.array(PhaseSchema), asked: z.array(PhaseSchema), named: z.array(PhaseSchema), fit: z.enum(['same', 'next', 'different']) }),
  z.object({ kind: z.literal('modes'), entry: z.array(ModeSchema), asked: z.array(ModeSchema), named: z.array(ModeSchema) }),
  z.object({ kind: z.literal('subjects'), entry: z.array(z.string()), asked: z.array(z.string()) }),
  /** Phrases quoted from the entry's title or summary that the request's words also speak of. */
  z.object({ kind: z.literal('words'), phrases: z.array(z.string()) }),
  /** How relevant the entry's words are to the request's (0..1, against the best entry). */
  z.object({ kind: z.literal('text'), fit: z.number() }),
  /** Distance between the requesting school (`from`) and the expert's (`to`), to one decimal as the card shows it. */
  z.object({ kind: z.literal('distance'), km: z.number().nullable(), from: SchoolRefSchema, to: SchoolRefSchema, sameCluster: z.boolean() }),
  /** Completed, rated engagements of the expert counted for the request, grouped by the area each rating was earned in. */
  z.object({ kind: z.literal('trackRecord'), meanImpact: z.number().nullable(), count: z.number(), earnedIn: z.array(AreaMatchSchema.extend({ count: z.number() })) }),
  /** Free days are capacity less days committed, in the named term. */
  z.object({ kind: z.literal('availability'), freeDays: z.number(), capacityDays: z.number(), committedDays: z.number(), askedDays: z.number(), term: TermRefSchema }),
  /** Days already committed in the named term by the expert (to any school) and by their school. */
  z.object({ kind: z.literal('load'), expertDays: z.number(), schoolDays: z.number(), term: TermRefSchema }),
  z.object({ kind: z.literal('lastActive'), lastActiveAt: z.string(), months: z.number() }),
])
export type Evidence = z.infer<typeof EvidenceSchema>

/** One reason in words, with the evidence it names. */
export const ReasonSchema = z.object({ text: z.string(), evidence: EvidenceSchema })
export type Reason = z.infer<typeof ReasonSchema>

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
  /** The same reasons, in the same order, each with the evidence it rests on. */
  reasonDetails: z.array(ReasonSchema),
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
      weakSignals: z.array(z.object({ signal: z.string(), value: z.number(), reason: z.string(), evidence: EvidenceSchema })),
      reasons: z.array(z.string()),
      reasonDetails: z.array(ReasonSchema),
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
