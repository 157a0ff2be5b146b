import { z } from 'zod'
import { IdSchema, IsoDateSchema, ModeSchema, PhaseSchema, SlugSchema, SubjectSchema, page, pageQuery, text } from './common.ts'
import { PUPIL_DATA_KINDS, PUPIL_DATA_MESSAGES, findPupilData, noPupilData } from './pupil-data.ts'

/**
 * Shown instead of the title of a confidential request to those who may know it exists but not read its
 * words (central and admin): its own head and participants still see the title (docs/design.md §3).
 */
export const CONFIDENTIAL_TITLE = 'Confidential request'

export const REQUEST_STATUSES = ['draft', 'open', 'commissioned', 'completed', 'withdrawn'] as const
export const RequestStatusSchema = z.enum(REQUEST_STATUSES)
export type RequestStatus = z.infer<typeof RequestStatusSchema>

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  draft: 'Draft',
  open: 'Open for offers',
  commissioned: 'Commissioned',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
}

export const CONFIDENTIALITIES = ['trust', 'invited'] as const
export const ConfidentialitySchema = z.enum(CONFIDENTIALITIES)
export type Confidentiality = z.infer<typeof ConfidentialitySchema>
export const CONFIDENTIALITY_LABELS: Record<Confidentiality, string> = {
  trust: 'Everyone in the trust may read it',
  invited: 'Only people I invite, and experts who offer, may read it',
}

/** A request's words: never a UPN or a date of birth (shared/src/pupil-data.ts). */
const Words = (min: number, max: number, tooShort: string) =>
  text().trim().min(min, tooShort).max(max, `Use at most ${max} characters`).superRefine(noPupilData)

/** The window the work should happen in; both dates in the same school year is the head's business. */
export const RequestWindowSchema = z
  .object({ start: IsoDateSchema, end: IsoDateSchema })
  .refine((w) => w.end >= w.start, { message: 'The window must end on or after its start', path: ['end'] })

/** The request's own fields without defaults: creation adds defaults, editing makes each optional. */
export const RequestFieldsSchema = z.object({
  title: Words(5, 160, 'Give the request a title of at least 5 characters'),
  problem: Words(20, 5000, 'Describe what you see in at least 20 characters'),
  tried: Words(0, 5000, ''),
  outcome: Words(0, 5000, ''),
  areas: z.array(SlugSchema).min(1, 'Choose at least one area').max(10, 'Choose at most 10 areas'),
  subjects: z.array(SubjectSchema).max(20, 'Choose at most 20 subjects'),
  phases: z.array(PhaseSchema).max(7),
  modes: z.array(ModeSchema).min(1, 'Choose at least one kind of help').max(5),
  expertsWanted: z.number({ message: 'Say how many experts you want' }).int().min(1, 'Ask for at least 1 expert').max(5, 'Ask for at most 5 experts'),
  daysPerExpert: z.number({ message: 'Say how many days each expert should give' }).int().min(1, 'Ask for at least 1 day').max(50, 'Ask for at most 50 days'),
  window: RequestWindowSchema,
  confidentiality: ConfidentialitySchema,
  /** When an invitation expires or is declined, invite the next free suggestion for the head (never past the places wanted). */
  autoInvite: z.boolean({ message: 'Say whether to invite the next suggestion automatically: yes or no' }),
})

export const CreateRequestBodySchema = RequestFieldsSchema.extend({
  tried: RequestFieldsSchema.shape.tried.default(''),
  outcome: RequestFieldsSchema.shape.outcome.default(''),
  subjects: RequestFieldsSchema.shape.subjects.default([]),
  phases: RequestFieldsSchema.shape.phases.default([]),
  confidentiality: ConfidentialitySchema.default('trust'),
  autoInvite: RequestFieldsSchema.shape.autoInvite.default(false),
})
export type CreateRequestBody = z.infer<typeof CreateRequestBodySchema>
export type CreateRequestInput = z.input<typeof CreateRequestBodySchema>

/** Any field, plus the `version` the head edited: a stale edit is refused rather than lost. */
export const UpdateRequestBodySchema = RequestFieldsSchema.partial().extend({
  version: z.number({ message: 'The version you edited is missing' }).int().min(1),
})
export type UpdateRequestBody = z.infer<typeof UpdateRequestBodySchema>

const booleanish = z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).transform((v) => v === true || v === 'true' || v === '1')

export const REQUEST_PAGE_MAX = 200
export const RequestListQuerySchema = z.object({
  /** One status, or several separated by commas (`open,commissioned`). */
  status: text()
    .max(100)
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined
      const parts = s.split(',').map((p) => p.trim()).filter(Boolean)
      for (const p of parts) {
        if (!(REQUEST_STATUSES as readonly string[]).includes(p)) {
          ctx.addIssue({ code: 'custom', message: `Unknown status "${p}"` })
          return z.NEVER
        }
      }
      return parts as RequestStatus[]
    }),
  /** Head: my school's requests. Teacher: requests I was invited to or offered on. */
  mine: booleanish.optional(),
  area: SlugSchema.optional(),
}).extend(pageQuery(REQUEST_PAGE_MAX, 100).shape)

export { PUPIL_DATA_KINDS }
export const PupilDataWarningSchema = z.object({
  field: z.enum(['title', 'problem', 'tried', 'outcome']),
  kind: z.enum(PUPIL_DATA_KINDS),
  match: z.string(),
  message: z.string(),
})
export type PupilDataWarning = z.infer<typeof PupilDataWarningSchema>

export const AreaRefSchema = z.object({ slug: z.string(), name: z.string() })

export const CommissioningRequestSchema = z.object({
  id: IdSchema,
  schoolId: IdSchema,
  schoolName: z.string(),
  raisedBy: z.object({ id: IdSchema, name: z.string() }),
  title: z.string(),
  /** Null when the reader may see that the request exists but not its words (`textHidden`). */
  problem: z.string().nullable(),
  tried: z.string().nullable(),
  outcome: z.string().nullable(),
  textHidden: z.boolean(),
  areas: z.array(AreaRefSchema),
  subjects: z.array(z.string()),
  phases: z.array(PhaseSchema),
  modes: z.array(ModeSchema),
  expertsWanted: z.number().int(),
  daysPerExpert: z.number().int(),
  window: z.object({ start: z.string(), end: z.string() }),
  termLabel: z.string(),
  confidentiality: ConfidentialitySchema,
  /** Invite the next free suggestion automatically when an invitation expires or is declined. */
  autoInvite: z.boolean(),
  status: RequestStatusSchema,
  placesFilled: z.number().int(),
  liveOffers: z.number().int(),
  publishedAt: z.string().nullable(),
  commissionedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Open for 14 days without an offer: the head has been told, the central team sees it as left behind. */
  stale: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** What the reader may do and has done here. */
  viewer: z.object({
    isOwner: z.boolean(),
    canOffer: z.boolean(),
    myOffer: z.object({ id: IdSchema, status: z.string() }).nullable(),
  }),
  /** Shown to the head who wrote it: text that looks like it identifies a pupil. Never blocks a save. */
  warnings: z.array(PupilDataWarningSchema),
})
export type CommissioningRequest = z.infer<typeof CommissioningRequestSchema>
export const RequestListSchema = page(CommissioningRequestSchema)
export type RequestList = z.infer<typeof RequestListSchema>

/**
 * Text that looks pupil-identifying (docs/design.md §11), per field: the same function runs as the head types
 * and on the server. A UPN or a date of birth is refused on saving (the schema above); "a pupil called X" warns.
 */
export function pupilDataWarnings(text: Partial<Record<PupilDataWarning['field'], string | null | undefined>>): PupilDataWarning[] {
  const out: PupilDataWarning[] = []
  for (const field of ['title', 'problem', 'tried', 'outcome'] as const) {
    const value = text[field]
    if (!value) continue
    for (const f of findPupilData(value)) out.push({ field, kind: f.kind, match: f.match, message: PUPIL_DATA_MESSAGES[f.kind] })
  }
  return out
}
