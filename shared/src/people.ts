import { z } from 'zod'
import { PersonBaseSchema } from './auth.ts'
import { EmailSchema, IdSchema, ListPageQuerySchema, RoleSchema, page, text } from './common.ts'

export const CreateInvitationBodySchema = z
  .object({
    email: EmailSchema,
    role: RoleSchema,
    schoolId: IdSchema.nullable().optional(),
  })
  .superRefine((b, ctx) => {
    const needsSchool = b.role === 'headteacher' || b.role === 'teacher'
    if (needsSchool && !b.schoolId) ctx.addIssue({ code: 'custom', path: ['schoolId'], message: 'Choose the school this person works at' })
    if (!needsSchool && b.schoolId) ctx.addIssue({ code: 'custom', path: ['schoolId'], message: 'Central team and administrators do not belong to a school' })
  })
export type CreateInvitationBody = z.infer<typeof CreateInvitationBodySchema>

/**
 * The answer to an invitation. It carries nothing that differs between two calls for the same input
 * (no id, no link, no time of day), so an address that has an account in another trust is answered
 * exactly like a new one; the link goes by e-mail only.
 */
export const InvitationSentSchema = z.object({
  email: z.string(),
  role: RoleSchema,
  schoolId: IdSchema.nullable(),
  status: z.literal('sent'),
  /** The last day the link works, `YYYY-MM-DD` (UK date). */
  expiresOn: z.string(),
})
export type InvitationSent = z.infer<typeof InvitationSentSchema>

/** An invitation of the admin's own trust that nobody has accepted yet. */
export const PendingInvitationSchema = z.object({
  id: IdSchema,
  email: z.string(),
  role: RoleSchema,
  schoolId: IdSchema.nullable(),
  schoolName: z.string().nullable(),
  invitedByName: z.string().nullable(),
  sentAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
})
export type PendingInvitation = z.infer<typeof PendingInvitationSchema>
export const PendingInvitationListSchema = page(PendingInvitationSchema)
export const PendingInvitationListQuerySchema = ListPageQuerySchema

export const ResetLinkSentSchema = z.object({ email: z.string(), status: z.literal('sent') })
export type ResetLinkSent = z.infer<typeof ResetLinkSentSchema>

export const PersonSummarySchema = PersonBaseSchema.extend({ lastActiveAt: z.string().nullable() })
export type PersonSummary = z.infer<typeof PersonSummarySchema>
export const PeopleListSchema = page(PersonSummarySchema)
export type PeopleList = z.infer<typeof PeopleListSchema>

export const PeopleListQuerySchema = z.object({
  /** Part of a name or an e-mail address. */
  q: text().trim().max(120, 'Use at most 120 characters').optional(),
  role: RoleSchema.optional(),
  school: IdSchema.optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
}).extend(ListPageQuerySchema.shape)
export type PeopleListQuery = z.infer<typeof PeopleListQuerySchema>
export type PeopleListQueryInput = z.input<typeof PeopleListQuerySchema>

export const UpdatePersonBodySchema = z
  .object({
    role: RoleSchema,
    schoolId: IdSchema.nullable(),
    active: z.boolean(),
    name: text().trim().min(2, 'Enter their full name').max(120, 'Use at most 120 characters'),
  })
  .partial()
  .strict()
export type UpdatePersonBody = z.infer<typeof UpdatePersonBodySchema>

export const InvitationImportRowSchema = z.object({
  line: z.number().int(),
  email: z.string(),
  role: RoleSchema.nullable(),
  schoolUrn: z.number().int().nullable(),
  status: z.enum(['invited', 'refused']),
  reasons: z.array(z.string()),
})
export type InvitationImportRow = z.infer<typeof InvitationImportRowSchema>
export const InvitationImportReportSchema = z.object({
  counts: z.object({ invited: z.number().int(), refused: z.number().int() }),
  rows: z.array(InvitationImportRowSchema),
})
export type InvitationImportReport = z.infer<typeof InvitationImportReportSchema>
