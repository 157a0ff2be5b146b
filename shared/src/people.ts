import { z } from 'zod'
import { EmailSchema, IdSchema, RoleSchema } from './common.ts'

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

export const InvitationSchema = z.object({
  id: IdSchema,
  email: z.string(),
  role: RoleSchema,
  schoolId: IdSchema.nullable(),
  expiresAt: z.string(),
  /** The one-time link to send to the invitee; shown once. */
  link: z.string(),
})
export type Invitation = z.infer<typeof InvitationSchema>

export const PersonSummarySchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  schoolId: IdSchema.nullable(),
  schoolName: z.string().nullable(),
  active: z.boolean(),
  paused: z.boolean(),
  lastActiveAt: z.string().nullable(),
})
export type PersonSummary = z.infer<typeof PersonSummarySchema>
export const PeopleListSchema = z.object({ items: z.array(PersonSummarySchema) })

export const PeopleListQuerySchema = z.object({
  /** Part of a name or an e-mail address. */
  q: z.string().trim().max(120, 'Use at most 120 characters').optional(),
  role: RoleSchema.optional(),
  school: IdSchema.optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
})
export type PeopleListQuery = z.infer<typeof PeopleListQuerySchema>
export type PeopleListQueryInput = z.input<typeof PeopleListQuerySchema>

export const UpdatePersonBodySchema = z
  .object({
    role: RoleSchema,
    schoolId: IdSchema.nullable(),
    active: z.boolean(),
    name: z.string().trim().min(2, 'Enter their full name').max(120, 'Use at most 120 characters'),
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
  invitationId: IdSchema.nullable(),
  /** The one-time link, shown once, for when e-mail is not set up. */
  link: z.string().nullable(),
})
export type InvitationImportRow = z.infer<typeof InvitationImportRowSchema>
export const InvitationImportReportSchema = z.object({
  counts: z.object({ invited: z.number().int(), refused: z.number().int() }),
  rows: z.array(InvitationImportRowSchema),
})
export type InvitationImportReport = z.infer<typeof InvitationImportReportSchema>
