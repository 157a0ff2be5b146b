import { z } from 'zod'
import { IdSchema, RoleSchema, text } from './common.ts'

/**
 * Subject access and erasure (UK GDPR articles 15 and 17; issue 14). The trust is the controller: a
 * person downloads everything the product holds about them, and the trust administrator can download it
 * for them or erase them.
 */

/** What an erased person is called everywhere they appear, and what replaces the words they wrote. */
export const FORMER_COLLEAGUE = 'A former colleague'
export const REMOVED_TEXT = '[removed: written by a former colleague]'
/** `.invalid` is reserved (RFC 2606): the placeholder can never reach anyone, and stays unique. */
export const ERASED_EMAIL_DOMAIN = 'erased.invalid'
export const erasedEmail = (personId: string) => `erased-${personId}@${ERASED_EMAIL_DOMAIN}`
export const isErasedEmail = (email: string) => email.endsWith(`@${ERASED_EMAIL_DOMAIN}`)

export const ExportQuerySchema = z.object({
  /** `html` answers a readable page; JSON otherwise (or `Accept: text/html`). */
  format: z.enum(['json', 'html']).optional(),
})
export type ExportQuery = z.infer<typeof ExportQuerySchema>

const when = z.string()
const day = z.string()

export const SubjectAccessExportSchema = z.object({
  generatedAt: when,
  /** Who asked for it: the person themselves, or their trust's administrator on their behalf. */
  requestedBy: z.enum(['self', 'admin']),
  person: z.object({
    id: IdSchema,
    name: z.string(),
    email: z.string(),
    role: RoleSchema,
    trustName: z.string(),
    schoolName: z.string().nullable(),
    active: z.boolean(),
    paused: z.boolean(),
    lastActiveAt: when.nullable(),
    createdAt: when,
  }),
  expertise: z.array(z.object({
    id: IdSchema,
    title: z.string(),
    summary: z.string(),
    evidence: z.string(),
    areas: z.array(z.string()),
    subjects: z.array(z.string()),
    phases: z.array(z.string()),
    modes: z.array(z.string()),
    capacityDaysPerTerm: z.number().int(),
    active: z.boolean(),
    archivedAt: when.nullable(),
    createdAt: when,
    updatedAt: when,
  })),
  /** Requests they raised as a headteacher. */
  requests: z.array(z.object({
    id: IdSchema,
    title: z.string(),
    problem: z.string(),
    tried: z.string(),
    outcome: z.string(),
    status: z.string(),
    confidentiality: z.string(),
    windowStart: day,
    windowEnd: day,
    createdAt: when,
  })),
  /** Offers they made and invitations they were sent, with their own words. */
  offers: z.array(z.object({
    id: IdSchema,
    requestId: IdSchema,
    requestTitle: z.string(),
    status: z.string(),
    message: z.string(),
    days: z.number().int(),
    createdAt: when,
  })),
  /** Work they did as the expert, or decided on as a headteacher of either school. */
  engagements: z.array(z.object({
    id: IdSchema,
    requestTitle: z.string(),
    part: z.enum(['expert', 'receiving headteacher', 'providing headteacher']),
    status: z.string(),
    release: z.string(),
    days: z.number().int(),
    deliveredDays: z.number(),
    startedAt: day.nullable(),
    completedAt: when.nullable(),
    impact: z.number().int().nullable(),
    /** Their own reflection; the other side's where the reader may read the engagement's words. */
    expertReflection: z.string().nullable(),
    headReflection: z.string().nullable(),
  })),
  sessionLogs: z.array(z.object({ id: IdSchema, engagementId: IdSchema, date: day, days: z.number(), note: z.string(), createdAt: when })),
  extensions: z.array(z.object({ id: IdSchema, engagementId: IdSchema, days: z.number().int(), reason: z.string(), status: z.string(), createdAt: when })),
  notifications: z.array(z.object({ id: IdSchema, kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), readAt: when.nullable(), createdAt: when })),
  emails: z.array(z.object({ subject: z.string(), text: z.string(), sentAt: when.nullable(), createdAt: when })),
  notificationPreferences: z.array(z.object({ kind: z.string(), delivery: z.string() })),
  /** Every audit event they did, or that was done to them. */
  auditEvents: z.array(z.object({
    action: z.string(),
    objectType: z.string(),
    objectId: z.string().nullable(),
    outcome: z.string(),
    byThisPerson: z.boolean(),
    detail: z.unknown(),
    createdAt: when,
  })),
})
export type SubjectAccessExport = z.infer<typeof SubjectAccessExportSchema>

export const ErasePersonBodySchema = z.object({
  /** The person's name as it is now, typed by the administrator to confirm. */
  confirmName: text({ message: 'Type their name to confirm' }).trim().min(1, 'Type their name to confirm').max(200, 'Use at most 200 characters'),
})
export type ErasePersonBody = z.infer<typeof ErasePersonBodySchema>

export const ErasureSchema = z.object({
  id: IdSchema,
  name: z.literal(FORMER_COLLEAGUE),
  erasedAt: when,
  /** How many stored texts were replaced or removed, and how many rows about them were deleted. */
  textsRemoved: z.number().int(),
  rowsDeleted: z.number().int(),
})
export type Erasure = z.infer<typeof ErasureSchema>
