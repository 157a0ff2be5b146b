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
  lastActiveAt: z.string().nullable(),
})
export type PersonSummary = z.infer<typeof PersonSummarySchema>
export const PeopleListSchema = z.object({ items: z.array(PersonSummarySchema) })

export const UpdatePersonBodySchema = z
  .object({ role: RoleSchema, schoolId: IdSchema.nullable(), active: z.boolean(), name: z.string().trim().min(2).max(120) })
  .partial()
  .strict()
export type UpdatePersonBody = z.infer<typeof UpdatePersonBodySchema>
