import { z } from 'zod'
import { EmailSchema, IdSchema, PasswordSchema, RoleSchema, text } from './common.ts'

export const LoginBodySchema = z.object({
  email: EmailSchema,
  password: text().min(1, 'Enter your password').max(128, 'Use at most 128 characters'),
})
export type LoginBody = z.infer<typeof LoginBodySchema>

/** Who someone is, as every answer about a person shows it. */
export const PersonBaseSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  schoolId: IdSchema.nullable(),
  schoolName: z.string().nullable(),
  active: z.boolean(),
  paused: z.boolean(),
})

export const PersonSchema = PersonBaseSchema.extend({ trustId: IdSchema, trustName: z.string() })
export type Person = z.infer<typeof PersonSchema>

export const LoginResponseSchema = z.object({ person: PersonSchema, token: z.string() })
export const MeSchema = z.object({ person: PersonSchema })

export const AcceptInvitationBodySchema = z.object({
  token: text().min(20, 'This invitation link is incomplete').max(200),
  name: text().trim().min(2, 'Enter your full name').max(120, 'Use at most 120 characters'),
  password: PasswordSchema,
})
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBodySchema>

export const PasswordResetRequestBodySchema = z.object({ email: EmailSchema })
export type PasswordResetRequestBody = z.infer<typeof PasswordResetRequestBodySchema>
/** The same answer whether or not the address has an account. */
export const PasswordResetRequestedSchema = z.object({ message: z.string() })
export const PASSWORD_RESET_MINUTES = 30

export const PasswordResetConfirmBodySchema = z.object({
  token: text().min(20, 'This reset link is incomplete').max(200),
  password: PasswordSchema,
})
export type PasswordResetConfirmBody = z.infer<typeof PasswordResetConfirmBodySchema>

export const ChangePasswordBodySchema = z.object({
  currentPassword: text().min(1, 'Enter your current password').max(128, 'Use at most 128 characters'),
  newPassword: PasswordSchema,
})
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>
