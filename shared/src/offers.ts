import { z } from 'zod'
import { IdSchema, IsoDateSchema, ListPageQuerySchema, page, text } from './common.ts'
import { MatchSchema } from './matching.ts'

export const OFFER_STATUSES = ['invited', 'proposed', 'accepted', 'declined', 'withdrawn'] as const
export const OfferStatusSchema = z.enum(OFFER_STATUSES)
export type OfferStatus = z.infer<typeof OfferStatusSchema>

export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
  invited: 'Invited',
  proposed: 'Offered',
  accepted: 'Accepted',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
}

/** Why an offer closed without the head choosing it. */
export const OFFER_CLOSED_REASONS = ['declined', 'filled', 'expired', 'invitation_declined', 'request_withdrawn'] as const
export const OfferClosedReasonSchema = z.enum(OFFER_CLOSED_REASONS)

const Message = text().trim().max(3000, 'Use at most 3000 characters')
const OfferDays = z.number({ message: 'Say how many days you can give' }).int().min(1, 'Offer at least 1 day').max(50, 'Offer at most 50 days')

export const CreateInvitationToOfferBodySchema = z.object({
  expertiseId: IdSchema,
  note: text().trim().max(1000, 'Use at most 1000 characters').default(''),
})
export type CreateInvitationToOfferBody = z.infer<typeof CreateInvitationToOfferBodySchema>

const proposedDates = <T extends z.ZodObject>(schema: T) =>
  schema.superRefine((b: { proposedStart?: string | null; proposedEnd?: string | null }, ctx) => {
    if (b.proposedStart && b.proposedEnd && b.proposedEnd < b.proposedStart) {
      ctx.addIssue({ code: 'custom', path: ['proposedEnd'], message: 'The proposed end must be on or after the start' })
    }
  })

export const CreateOfferBodySchema = proposedDates(
  z.object({
    expertiseId: IdSchema,
    message: Message.min(10, 'Tell the head in a sentence or two how you would help'),
    days: OfferDays,
    proposedStart: IsoDateSchema.nullable().optional(),
    proposedEnd: IsoDateSchema.nullable().optional(),
  }),
)
export type CreateOfferBody = z.infer<typeof CreateOfferBodySchema>

export const UpdateOfferBodySchema = proposedDates(
  z.object({
    message: Message.min(10, 'Tell the head in a sentence or two how you would help').optional(),
    days: OfferDays.optional(),
    proposedStart: IsoDateSchema.nullable().optional(),
    proposedEnd: IsoDateSchema.nullable().optional(),
  }),
)
export type UpdateOfferBody = z.infer<typeof UpdateOfferBodySchema>

/** The head's note on commissioning, told to the expert with the acceptance. */
export const AcceptOfferBodySchema = z.object({ note: text().trim().max(1000, 'Use at most 1000 characters').default('') })
export type AcceptOfferBody = z.infer<typeof AcceptOfferBodySchema>

export const DeclineOfferBodySchema = z.object({ reason: text().trim().max(1000, 'Use at most 1000 characters').default('') })
export type DeclineOfferBody = z.infer<typeof DeclineOfferBodySchema>

export const OfferSchema = z.object({
  id: IdSchema,
  requestId: IdSchema,
  requestTitle: z.string(),
  status: OfferStatusSchema,
  closedReason: z.string().nullable(),
  inviteNote: z.string(),
  message: z.string(),
  days: z.number().int(),
  proposedStart: z.string().nullable(),
  proposedEnd: z.string().nullable(),
  invitedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  expert: z.object({ id: IdSchema, name: z.string(), lastActiveAt: z.string().nullable() }),
  school: z.object({ id: IdSchema, name: z.string() }).nullable(),
  expertise: z.object({ id: IdSchema, title: z.string(), summary: z.string(), evidence: z.string() }),
  /** Between the expert's school and the requesting school, straight line. */
  distanceKm: z.number().nullable(),
  /** Average impact (1–5) of the expert's completed engagements, with how many it rests on. */
  pastImpact: z.object({ average: z.number().nullable(), count: z.number().int() }),
  /** Days this expertise still has free in the request's term. */
  freeDays: z.number().int(),
  engagementId: IdSchema.nullable(),
})
export type Offer = z.infer<typeof OfferSchema>
export const OfferListSchema = page(OfferSchema)
export const OfferListQuerySchema = ListPageQuerySchema
export type OfferList = z.infer<typeof OfferListSchema>

export const AcceptOfferResultSchema = z.object({
  offer: OfferSchema,
  engagementId: IdSchema,
  release: z.enum(['approved', 'pending']),
  requestStatus: z.string(),
})
export type AcceptOfferResult = z.infer<typeof AcceptOfferResultSchema>

/** Idempotency-Key: any opaque string a client generates per attempt, a UUID is best. */
export const IdempotencyKeySchema = text().min(8, 'Use a key of at least 8 characters').max(255).regex(/^[\x21-\x7e]+$/, 'Use printable ASCII only')

/** Why an invitation lapsed without the head choosing: it expired, or the expert declined or stepped back. */
export const LAPSED_INVITATION_REASONS = ['expired', 'invitation_declined', 'paused', 'entry_paused', 'archived', 'deactivated'] as const

/** How many suggestions a head is shown once an invitation lapses. */
export const NEXT_SUGGESTIONS = 3

/**
 * What a head can do once an invitation has expired or been declined: the next suggestions still free
 * (never anyone already asked on this request, never a ruled-out expert), while places are open.
 */
export const NextSuggestionsSchema = z.object({
  /** The invitation that most recently expired (`at` its answer-by date) or was declined (`at` when); null while none has. */
  lapsed: z.object({ offerId: IdSchema, expertName: z.string(), expired: z.boolean(), at: z.string() }).nullable(),
  /** Places wanted less those filled and those waiting on an invitation or an offer. */
  placesOpen: z.number().int(),
  suggestions: z.array(MatchSchema).max(NEXT_SUGGESTIONS),
})
export type NextSuggestions = z.infer<typeof NextSuggestionsSchema>
