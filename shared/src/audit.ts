import { z } from 'zod'
import { IdSchema, IsoDateSchema, ListPageQuerySchema, page, text } from './common.ts'

/**
 * The trust's audit trail as the administrator reads it (issue 14, docs/design.md §11): who did what to
 * which object and when, refusals included. Rows are never edited (migration 0021).
 */

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const
export const AuditOutcomeSchema = z.enum(AUDIT_OUTCOMES)
export type AuditOutcome = z.infer<typeof AuditOutcomeSchema>
export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = { success: 'Done', failure: 'Failed', denied: 'Refused' }

/** The kinds of object the trail names, with the words the page shows for them. */
export const AUDIT_OBJECT_TYPES = ['request', 'offer', 'engagement', 'release', 'extension', 'case', 'expertise', 'person', 'invitation', 'school', 'cluster', 'area', 'calendar', 'trust', 'notification', 'flows'] as const
export const AUDIT_OBJECT_LABELS: Record<(typeof AUDIT_OBJECT_TYPES)[number], string> = {
  request: 'Request', offer: 'Offer', engagement: 'Engagement', release: 'Release', extension: 'More days', case: 'Case',
  expertise: 'Expertise', person: 'Person', invitation: 'Invitation', school: 'School', cluster: 'Cluster', area: 'Area',
  calendar: 'Calendar', trust: 'Trust', notification: 'Notification', flows: 'Flows',
}

const DateRange = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.to >= q.from

export const AuditListQuerySchema = z
  .object({
    /** The person who acted. */
    person: IdSchema.optional(),
    /** An action, or the start of one: `request` matches request.created, request.published, … */
    action: text().trim().max(100, 'Use at most 100 characters').optional(),
    objectType: text().trim().max(60, 'Use at most 60 characters').optional(),
    objectId: text().trim().max(200, 'Use at most 200 characters').optional(),
    outcome: AuditOutcomeSchema.optional(),
    /** UK dates, both days included. */
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    format: z.enum(['json', 'csv']).optional(),
  })
  .extend(ListPageQuerySchema.shape)
  .refine(DateRange, { message: 'The last day must be on or after the first', path: ['to'] })
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>
export type AuditListQueryInput = z.input<typeof AuditListQuerySchema>

export const AuditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** Null for the service itself (jobs, the operator); a person of another trust shows with no name. */
  actor: z.object({ id: IdSchema, name: z.string().nullable() }).nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  /** The object's page in the app, where it has one. */
  link: z.string().nullable(),
  outcome: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
})
export type AuditEvent = z.infer<typeof AuditEventSchema>
export const AuditListSchema = page(AuditEventSchema)
export type AuditList = z.infer<typeof AuditListSchema>

/** Retention (issue 14): months after closing that request text and engagement notes are kept. */
export const RETENTION_MONTHS = { min: 6, max: 120, default: 24 } as const
export const RetentionSchema = z.object({
  months: z.number().int(),
  /** How many closed requests and engagements have had their words removed so far. */
  removed: z.object({ requests: z.number().int(), engagements: z.number().int() }),
})
export type Retention = z.infer<typeof RetentionSchema>
export const PutRetentionBodySchema = z.object({
  months: z
    .number({ message: 'Give the number of months' })
    .int('Give a whole number of months')
    .min(RETENTION_MONTHS.min, `Keep text for at least ${RETENTION_MONTHS.min} months`)
    .max(RETENTION_MONTHS.max, `Keep text for at most ${RETENTION_MONTHS.max} months (10 years)`),
})
export type PutRetentionBody = z.infer<typeof PutRetentionBodySchema>
