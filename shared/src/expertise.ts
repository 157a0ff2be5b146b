import { z } from 'zod'
import { AreaRefSchema } from './areas.ts'
import { IdSchema, ListFormatSchema, ListPageQuerySchema, ModeSchema, PhaseSchema, RoleSchema, SlugSchema, SubjectSchema, page, text } from './common.ts'

export const MAX_CAPACITY_DAYS = 60

/** What we ask for under "evidence of impact", shown beside the field. */
export const EVIDENCE_GUIDANCE =
  'Say what changed, where it changed (school, year group, subject) and how you know — the results, observations or feedback that show it.'

const SubjectListSchema = z
  .array(SubjectSchema)
  .max(20, 'List at most 20 subjects')
  .transform((list) => [...new Set(list)])
const PhaseListSchema = z
  .array(PhaseSchema)
  .max(7, 'Choose at most 7 phases')
  .transform((list) => [...new Set(list)])

const termDaysField = (term: string) =>
  z
    .number({ message: 'Enter a number of days, or leave it empty to use the usual figure' })
    .int('Use whole days')
    .min(0, 'Days cannot be negative')
    .max(MAX_CAPACITY_DAYS, `Offer at most ${MAX_CAPACITY_DAYS} days in the ${term} term`)
    .nullable()
    .optional()

/**
 * Days offered in one term instead of capacityDaysPerTerm: `{summer: 0}` offers none in summer.
 * Null or absent means the usual figure.
 */
export const TermDaysSchema = z.object({ autumn: termDaysField('autumn'), spring: termDaysField('spring'), summer: termDaysField('summer') }).strict()
export const TermDaysViewSchema = z.object({ autumn: z.number().int().nullable(), spring: z.number().int().nullable(), summer: z.number().int().nullable() })

export const ExpertiseFieldsSchema = z.object({
  title: text().trim().min(5, 'Give your expertise a title of at least 5 characters').max(160, 'Use at most 160 characters'),
  summary: text()
    .trim()
    .min(20, 'Describe what you could help with in at least 20 characters')
    .max(3000, 'Use at most 3,000 characters'),
  evidence: text()
    .trim()
    .min(40, 'Tell us what changed, where, and how you know it (at least 40 characters)')
    .max(3000, 'Use at most 3,000 characters'),
  areas: z
    .array(SlugSchema)
    .min(1, 'Choose at least one area of the framework')
    .max(10, 'Choose at most 10 areas')
    .transform((list) => [...new Set(list)]),
  subjects: SubjectListSchema.default([]),
  phases: PhaseListSchema.default([]),
  modes: z
    .array(ModeSchema)
    .min(1, 'Choose at least one way you could help')
    .max(5)
    .transform((list) => [...new Set(list)]),
  capacityDaysPerTerm: z
    .number({ message: 'Enter a number of days' })
    .int('Use whole days')
    .min(0, 'Days cannot be negative')
    .max(MAX_CAPACITY_DAYS, `Offer at most ${MAX_CAPACITY_DAYS} days a term`),
  termDays: TermDaysSchema.optional(),
  active: z.boolean().default(true),
})

export const CreateExpertiseBodySchema = ExpertiseFieldsSchema
export type CreateExpertiseBody = z.infer<typeof CreateExpertiseBodySchema>
export type CreateExpertiseInput = z.input<typeof CreateExpertiseBodySchema>

export const UpdateExpertiseBodySchema = z
  .object({
    title: ExpertiseFieldsSchema.shape.title,
    summary: ExpertiseFieldsSchema.shape.summary,
    evidence: ExpertiseFieldsSchema.shape.evidence,
    areas: ExpertiseFieldsSchema.shape.areas,
    subjects: SubjectListSchema,
    phases: PhaseListSchema,
    modes: ExpertiseFieldsSchema.shape.modes,
    capacityDaysPerTerm: ExpertiseFieldsSchema.shape.capacityDaysPerTerm,
    termDays: TermDaysSchema,
    active: z.boolean(),
  })
  .partial()
  .strict()
export type UpdateExpertiseBody = z.infer<typeof UpdateExpertiseBodySchema>

export const TermSchema = z.object({ label: z.string(), start: z.string(), end: z.string() })
export type TermView = z.infer<typeof TermSchema>

/** An entry as its owner (and anyone reading it) sees it, with this term's capacity. */
export const ExpertiseSchema = z.object({
  id: IdSchema,
  personId: IdSchema,
  schoolId: IdSchema.nullable(),
  title: z.string(),
  summary: z.string(),
  evidence: z.string(),
  areas: z.array(AreaRefSchema),
  subjects: z.array(z.string()),
  phases: z.array(PhaseSchema),
  modes: z.array(ModeSchema),
  capacityDaysPerTerm: z.number().int(),
  /** Per-term overrides of capacityDaysPerTerm; null = the usual figure. */
  termDays: TermDaysViewSchema,
  active: z.boolean(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Days offered this term: the entry's own figure for this term, or capacityDaysPerTerm. */
  daysThisTerm: z.number().int(),
  /** Agreed days of this term's active and completed engagements (refused releases do not count). */
  daysCommitted: z.number(),
  daysFree: z.number(),
})
export type Expertise = z.infer<typeof ExpertiseSchema>
export const ExpertiseListSchema = page(ExpertiseSchema).extend({ term: TermSchema })
export const ExpertiseListQuerySchema = ListPageQuerySchema

export const ExpertPersonSchema = z.object({
  id: IdSchema,
  name: z.string(),
  lastActiveAt: z.string().nullable(),
})
export const ExpertSchoolSchema = z.object({
  id: IdSchema,
  name: z.string(),
  clusterName: z.string().nullable(),
})

export const ExpertiseDetailSchema = z.object({
  expertise: ExpertiseSchema,
  person: ExpertPersonSchema.extend({ paused: z.boolean() }),
  school: ExpertSchoolSchema.nullable(),
  /** From the reader's school; null for the central team and administrators. */
  distanceKm: z.number().nullable(),
  term: TermSchema,
})
export type ExpertiseDetail = z.infer<typeof ExpertiseDetailSchema>

const flag = z.enum(['true', 'false']).transform((v) => v === 'true')

export const DIRECTORY_MAX_LIMIT = 50

export const ExpertiseDirectoryQuerySchema = z.object({
  q: text().trim().max(200, 'Use at most 200 characters').optional(),
  /** An area or a whole strand, by slug. */
  area: SlugSchema.optional(),
  phase: PhaseSchema.optional(),
  subject: SubjectSchema.optional(),
  mode: ModeSchema.optional(),
  school: IdSchema.optional(),
  cluster: IdSchema.optional(),
  hasFreeDays: flag.optional(),
  cursor: text().max(300).optional(),
  format: ListFormatSchema.optional(),
  limit: z.coerce.number().int().min(1).max(DIRECTORY_MAX_LIMIT, `Ask for at most ${DIRECTORY_MAX_LIMIT} at a time`).default(20),
})
export type ExpertiseDirectoryQuery = z.infer<typeof ExpertiseDirectoryQuerySchema>
export type ExpertiseDirectoryQueryInput = z.input<typeof ExpertiseDirectoryQuerySchema>

export const ExpertiseCardSchema = z.object({
  expertise: z.object({
    id: IdSchema,
    title: z.string(),
    summary: z.string(),
    subjects: z.array(z.string()),
    phases: z.array(PhaseSchema),
    modes: z.array(ModeSchema),
    capacityDaysPerTerm: z.number().int(),
    updatedAt: z.string(),
  }),
  person: ExpertPersonSchema,
  school: ExpertSchoolSchema.nullable(),
  distanceKm: z.number().nullable(),
  areas: z.array(AreaRefSchema.pick({ slug: true, name: true })),
  evidenceExcerpt: z.string(),
  daysFree: z.number(),
})
export type ExpertiseCard = z.infer<typeof ExpertiseCardSchema>
export const ExpertiseDirectorySchema = page(ExpertiseCardSchema).extend({ term: TermSchema })
export type ExpertiseDirectory = z.infer<typeof ExpertiseDirectorySchema>

export const UpdateAvailabilityBodySchema = z.object({ paused: z.boolean({ message: 'Say whether to pause (true) or resume (false)' }) })
export type UpdateAvailabilityBody = z.infer<typeof UpdateAvailabilityBodySchema>
export const AvailabilitySchema = z.object({
  paused: z.boolean(),
  pausedAt: z.string().nullable(),
  /** Invitations declined because availability was paused just now. */
  declinedInvitations: z.number().int(),
})
export type Availability = z.infer<typeof AvailabilitySchema>

export const ProfileSchema = z.object({
  person: z.object({
    id: IdSchema,
    name: z.string(),
    email: z.string(),
    role: RoleSchema,
    paused: z.boolean(),
    pausedAt: z.string().nullable(),
    lastActiveAt: z.string().nullable(),
  }),
  school: ExpertSchoolSchema.extend({ releaseDaysPerTerm: z.number().int() }).nullable(),
  expertise: z.array(ExpertiseSchema),
  term: TermSchema,
  totals: z.object({ capacity: z.number(), committed: z.number(), free: z.number() }),
})
export type Profile = z.infer<typeof ProfileSchema>
