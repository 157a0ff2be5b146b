import { z } from 'zod'
import { IdSchema, ReferencePageQuerySchema, SlugSchema, page, text } from './common.ts'

type FrameworkStrand = { slug: string; name: string; areas: [slug: string, name: string][] }

/** The default framework (docs/design.md §3), seeded for every new trust; the central team edits it. */
export const DEFAULT_FRAMEWORK: FrameworkStrand[] = [
  { slug: 'curriculum', name: 'Curriculum', areas: [
    ['curriculum-design', 'Curriculum design'], ['early-years', 'Early years'], ['reading', 'Reading'],
    ['early-reading-phonics', 'Early reading and phonics'], ['mathematics', 'Mathematics'], ['science', 'Science'],
    ['humanities', 'Humanities'], ['arts-and-pe', 'Arts and PE'],
  ] },
  { slug: 'instruction', name: 'Instruction', areas: [
    ['explicit-instruction', 'Explicit instruction'], ['questioning-and-feedback', 'Questioning and feedback'],
    ['adaptive-teaching', 'Adaptive teaching'],
  ] },
  { slug: 'assessment', name: 'Assessment', areas: [
    ['formative-assessment', 'Formative assessment'], ['exams-and-moderation', 'Exams and moderation'],
    ['data-and-tracking', 'Data and tracking'],
  ] },
  { slug: 'culture', name: 'Culture', areas: [
    ['staff-development', 'Staff development'], ['wellbeing-and-workload', 'Wellbeing and workload'],
    ['families-and-community', 'Families and community'],
  ] },
  { slug: 'behaviour', name: 'Behaviour', areas: [['behaviour-systems', 'Behaviour systems'], ['attendance', 'Attendance']] },
  { slug: 'safeguarding', name: 'Safeguarding', areas: [['safeguarding-practice', 'Safeguarding practice'], ['online-safety', 'Online safety']] },
  { slug: 'inclusion', name: 'Inclusion', areas: [
    ['send', 'SEND'], ['disadvantaged-pupils', 'Disadvantaged pupils'], ['eal', 'English as an additional language'],
  ] },
  { slug: 'leadership', name: 'Leadership', areas: [
    ['middle-leadership', 'Middle leadership'], ['senior-leadership', 'Senior leadership'],
    ['governance-and-finance', 'Governance and finance'],
  ] },
]

/** Every slug of the default framework, strands and areas alike: both can tag a request. */
export const DEFAULT_AREA_SLUGS: readonly string[] = DEFAULT_FRAMEWORK.flatMap((s) => [s.slug, ...s.areas.map(([slug]) => slug)])

export const AreaSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  parentId: IdSchema.nullable(),
  position: z.number().int(),
  retired: z.boolean(),
  inUse: z.number().int(),
})
export type Area = z.infer<typeof AreaSchema>
export const AreaListSchema = page(AreaSchema)
export const AreaListQuerySchema = ReferencePageQuerySchema

export const CreateAreaBodySchema = z.object({
  slug: SlugSchema,
  name: text().trim().min(2, 'Give the area a name of at least 2 characters').max(80, 'Use at most 80 characters'),
  description: text().trim().max(500, 'Use at most 500 characters').default(''),
  parentId: IdSchema.nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
})
export type CreateAreaBody = z.infer<typeof CreateAreaBodySchema>

export const UpdateAreaBodySchema = z
  .object({
    name: CreateAreaBodySchema.shape.name,
    description: text().trim().max(500, 'Use at most 500 characters'),
    parentId: IdSchema.nullable(),
    position: z.number().int().min(0).max(10_000),
    retired: z.boolean(),
  })
  .partial()
  .strict()
export type UpdateAreaBody = z.infer<typeof UpdateAreaBodySchema>

/** How a tagged area shows on an expertise entry, a request or a case. */
export const AreaRefSchema = z.object({ slug: z.string(), name: z.string(), retired: z.boolean() })
export type AreaRef = z.infer<typeof AreaRefSchema>
