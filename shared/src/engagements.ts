import { z } from 'zod'
import { IdSchema, IsoDateSchema, ListPageQuerySchema, page, text } from './common.ts'
import { noPupilData } from './pupil-data.ts'
import { EXTENSION_STATUSES } from './lifecycles.ts'

export const ENGAGEMENT_STATUSES = ['active', 'completed', 'cancelled'] as const
export const EngagementStatusSchema = z.enum(ENGAGEMENT_STATUSES)
export type EngagementStatus = z.infer<typeof EngagementStatusSchema>
export const ENGAGEMENT_STATUS_LABELS: Record<EngagementStatus, string> = { active: 'Under way', completed: 'Completed', cancelled: 'Cancelled' }

export const RELEASE_STATUSES = ['approved', 'pending', 'refused'] as const
export const ReleaseStatusSchema = z.enum(RELEASE_STATUSES)
export type ReleaseStatus = z.infer<typeof ReleaseStatusSchema>
export const RELEASE_STATUS_LABELS: Record<ReleaseStatus, string> = { approved: 'Release approved', pending: 'Release awaiting approval', refused: 'Release refused' }

export const EngagementListQuerySchema = z.object({
  status: EngagementStatusSchema.optional(),
  /** expert: work I give; receiving: work my school receives; providing: my staff working elsewhere. */
  as: z.enum(['expert', 'receiving', 'providing']).optional(),
}).extend(ListPageQuerySchema.shape)
export type EngagementListQuery = z.infer<typeof EngagementListQuerySchema>
export type EngagementListQueryInput = z.input<typeof EngagementListQuerySchema>

export const EngagementLogSchema = z.object({
  id: IdSchema,
  date: z.string(),
  days: z.number(),
  note: z.string(),
  loggedBy: z.string(),
  createdAt: z.string(),
})

const SchoolRef = z.object({ id: IdSchema, name: z.string() })

export const ExtensionStatusSchema = z.enum(EXTENSION_STATUSES)
export const EXTENSION_STATUS_LABELS: Record<z.infer<typeof ExtensionStatusSchema>, string> = {
  proposed: 'Waiting for the head', pending: "Waiting for the expert's school", approved: 'Approved', declined: 'Declined', refused: 'Release refused',
}

/** More days asked for on an engagement (docs/design.md §3). */
export const ExtensionSchema = z.object({
  id: IdSchema,
  engagementId: IdSchema,
  days: z.number().int(),
  reason: z.string(),
  status: ExtensionStatusSchema,
  /** The term the days are charged to, once the receiving head has agreed. */
  termStart: z.string().nullable(),
  termLabel: z.string().nullable(),
  proposedAt: z.string(),
  decidedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  releaseDecidedAt: z.string().nullable(),
})
export type Extension = z.infer<typeof ExtensionSchema>

export const EXPERT_AWAY_REASONS = ['deactivated', 'paused'] as const
export const ExpertAwayReasonSchema = z.enum(EXPERT_AWAY_REASONS)
export type ExpertAwayReason = z.infer<typeof ExpertAwayReasonSchema>

const LinkedEngagementSchema = z.object({ id: IdSchema, expert: z.object({ id: IdSchema, name: z.string() }) })

/** A colleague named by the expert's own head to take the work over: an offer from the same school with the days left. */
export const ColleagueOfferSchema = z.object({
  id: IdSchema,
  expert: z.object({ id: IdSchema, name: z.string() }),
  expertise: z.object({ id: IdSchema, title: z.string() }),
  days: z.number().int(),
  message: z.string(),
  createdAt: z.string(),
})
export type ColleagueOffer = z.infer<typeof ColleagueOfferSchema>

export const EngagementSchema = z.object({
  id: IdSchema,
  request: z.object({ id: IdSchema, title: z.string() }),
  offerId: IdSchema,
  expert: z.object({ id: IdSchema, name: z.string() }),
  expertise: z.object({ id: IdSchema, title: z.string() }),
  providerSchool: SchoolRef.nullable(),
  receiverSchool: SchoolRef,
  days: z.number().int(),
  daysLogged: z.number(),
  termStart: z.string(),
  termLabel: z.string(),
  status: EngagementStatusSchema,
  release: ReleaseStatusSchema,
  releaseDecidedAt: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  impact: z.number().int().nullable(),
  /** Null for readers who see only metadata (the central team). */
  headReflection: z.string().nullable(),
  expertReflection: z.string().nullable(),
  shareWithTrust: z.boolean(),
  caseId: IdSchema.nullable(),
  logs: z.array(EngagementLogSchema),
  extensions: z.array(ExtensionSchema),
  /** The expert has been deactivated or has paused with this work under way (docs/decisions/012-people-who-leave.md). */
  away: z.object({ since: z.string(), reason: ExpertAwayReasonSchema }).nullable(),
  /** When the receiving head asked the expert's school for a colleague to take the work over. */
  colleagueAskedAt: z.string().nullable(),
  /** The colleague the expert's school named, waiting for the receiving head. */
  colleagueOffer: ColleagueOfferSchema.nullable(),
  /** Ended with what was delivered: the agreed days given back. */
  returnedDays: z.number().int().nullable(),
  /** The colleague's engagement that continues this work, or the one this continues. */
  handedOverTo: LinkedEngagementSchema.nullable(),
  takesOver: LinkedEngagementSchema.nullable(),
  /** How the reader relates to it, and what they may do next. */
  viewer: z.object({
    roles: z.array(z.enum(['expert', 'receiving', 'providing', 'central'])),
    canLog: z.boolean(),
    canComplete: z.boolean(),
    canReflect: z.boolean(),
    canCancel: z.boolean(),
    /** The expert may ask for more days: under way, released, and no request for more days open. */
    canExtend: z.boolean(),
    /** The receiving head, once the expert has gone: end with what was delivered, or ask for a colleague. */
    canEndEarly: z.boolean(),
    canAskColleague: z.boolean(),
    /** The providing head, once asked: name a colleague to take the work over. */
    canNameColleague: z.boolean(),
  }),
})
export type Engagement = z.infer<typeof EngagementSchema>
export const EngagementListSchema = page(EngagementSchema)
export type EngagementList = z.infer<typeof EngagementListSchema>

export const LogSessionBodySchema = z.object({
  date: IsoDateSchema,
  days: z
    .number({ message: 'Say how many days the session took' })
    .positive('A session takes more than 0 days')
    .max(20, 'Log at most 20 days at a time')
    .refine((d) => Number.isInteger(d * 2), 'Use whole or half days'),
  note: text().trim().max(2000, 'Use at most 2000 characters').superRefine(noPupilData).default(''),
})
export type LogSessionBody = z.infer<typeof LogSessionBodySchema>

const Reflection = text().trim().min(20, 'Write at least 20 characters: what was done and what changed').max(5000, 'Use at most 5000 characters').superRefine(noPupilData)

export const CompleteEngagementBodySchema = z.object({
  impact: z.number({ message: 'Rate the impact from 1 to 5' }).int().min(1, 'Rate the impact from 1 to 5').max(5, 'Rate the impact from 1 to 5'),
  reflection: Reflection,
  /** When false, the case stays between the two schools. */
  shareWithTrust: z.boolean().default(true),
})
export type CompleteEngagementBody = z.infer<typeof CompleteEngagementBodySchema>
export type CompleteEngagementInput = z.input<typeof CompleteEngagementBodySchema>

export const ReflectionBodySchema = z.object({ reflection: Reflection })
export type ReflectionBody = z.infer<typeof ReflectionBodySchema>

export const CancelEngagementBodySchema = z.object({
  reason: text().trim().min(5, 'Say briefly why the work is cancelled').max(1000, 'Use at most 1000 characters').superRefine(noPupilData),
})
export type CancelEngagementBody = z.infer<typeof CancelEngagementBodySchema>

export const ProposeExtensionBodySchema = z.object({
  days: z
    .number({ message: 'Say how many more days you need' })
    .int('Ask for whole days')
    .min(1, 'Ask for at least 1 more day')
    .max(20, 'Ask for at most 20 more days at a time'),
  reason: text({ message: 'Say why more days are needed' }).trim().min(10, 'Say in a sentence why more days are needed').max(1000, 'Use at most 1000 characters'),
})
export type ProposeExtensionBody = z.infer<typeof ProposeExtensionBodySchema>

/** Declining (the receiving head) or refusing the release (the providing head), with an optional reason. */
export const ExtensionDecisionBodySchema = z.object({
  reason: text().trim().max(1000, 'Use at most 1000 characters').default(''),
})
export type ExtensionDecisionBody = z.infer<typeof ExtensionDecisionBodySchema>

export const ExtensionDecisionSchema = z.object({
  id: IdSchema,
  engagementId: IdSchema,
  status: ExtensionStatusSchema,
  /** The engagement's agreed days after the decision. */
  engagementDays: z.number().int(),
})
export type ExtensionDecision = z.infer<typeof ExtensionDecisionSchema>

// People who leave (docs/decisions/012-people-who-leave.md).

/** Ending the work with what was delivered: the receiving head's reflection and rating make the case on their own. */
export const EndEarlyBodySchema = CompleteEngagementBodySchema
export type EndEarlyBody = CompleteEngagementBody

/** The receiving head asks the expert's school for a colleague, with an optional note to its head. */
export const AskColleagueBodySchema = z.object({
  note: text().trim().max(1000, 'Use at most 1000 characters').default(''),
})
export type AskColleagueBody = z.infer<typeof AskColleagueBodySchema>

/** The providing head names a colleague by one of their expertise entries, with a word to the receiving head. */
export const NameColleagueBodySchema = z.object({
  expertiseId: IdSchema,
  message: text({ message: 'Say in a sentence why this colleague can take the work on' })
    .trim()
    .min(10, 'Say in a sentence why this colleague can take the work on')
    .max(2000, 'Use at most 2000 characters'),
})
export type NameColleagueBody = z.infer<typeof NameColleagueBodySchema>

export const ColleaguesQuerySchema = ListPageQuerySchema
export type ColleaguesQuery = z.infer<typeof ColleaguesQuerySchema>

/** A colleague at the expert's school who could take the work over, by one expertise entry. */
export const ColleagueSchema = z.object({
  person: z.object({ id: IdSchema, name: z.string() }),
  expertise: z.object({ id: IdSchema, title: z.string() }),
  /** Days free in the term the remaining work is charged to. */
  daysFree: z.number().int(),
})
export const ColleagueListSchema = page(ColleagueSchema).extend({
  /** The days left to hand over, and the term they fall in. */
  daysLeft: z.number().int(),
  termLabel: z.string(),
})
export type ColleagueList = z.infer<typeof ColleagueListSchema>
