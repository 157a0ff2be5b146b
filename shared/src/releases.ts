import { z } from 'zod'
import { IdSchema, ListPageQuerySchema, text } from './common.ts'
import { ExtensionStatusSchema, ReleaseStatusSchema } from './engagements.ts'

export const ReleaseListQuerySchema = z.object({
  /** pending: waiting for me; decided: approved or refused. */
  status: z.enum(['pending', 'decided', 'all']).default('all'),
}).extend(ListPageQuerySchema.shape)
export type ReleaseListQuery = z.input<typeof ReleaseListQuerySchema>

/** A member of my staff lent to another school: the id is the engagement's. */
export const ReleaseSchema = z.object({
  id: IdSchema,
  expert: z.object({ id: IdSchema, name: z.string() }),
  request: z.object({ id: IdSchema, title: z.string() }),
  receiverSchool: z.object({ id: IdSchema, name: z.string() }),
  days: z.number().int(),
  termStart: z.string(),
  termLabel: z.string(),
  release: ReleaseStatusSchema,
  engagementStatus: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  createdAt: z.string(),
  /** My school's approved days in that term, and its cap, as they stand now. */
  termUsedDays: z.number().int(),
})
export type Release = z.infer<typeof ReleaseSchema>

/** More days asked for on work my staff do elsewhere: pending ones wait for my decision. */
export const ExtensionReleaseSchema = z.object({
  id: IdSchema,
  engagementId: IdSchema,
  expert: z.object({ id: IdSchema, name: z.string() }),
  request: z.object({ id: IdSchema, title: z.string() }),
  receiverSchool: z.object({ id: IdSchema, name: z.string() }),
  days: z.number().int(),
  reason: z.string(),
  status: ExtensionStatusSchema,
  termStart: z.string().nullable(),
  termLabel: z.string().nullable(),
  /** My school's approved days in that term as they stand now. */
  termUsedDays: z.number().int(),
  proposedAt: z.string(),
})
export type ExtensionRelease = z.infer<typeof ExtensionReleaseSchema>

/** Work of my staff whose expert has gone, where the receiving head asked me for a colleague to take it over. */
export const HandoverAskSchema = z.object({
  engagementId: IdSchema,
  expert: z.object({ id: IdSchema, name: z.string() }),
  request: z.object({ id: IdSchema, title: z.string() }),
  receiverSchool: z.object({ id: IdSchema, name: z.string() }),
  daysLeft: z.number().int(),
  askedAt: z.string(),
  /** Whether I have named a colleague who now waits for the receiving head. */
  colleagueNamed: z.boolean(),
})
export type HandoverAsk = z.infer<typeof HandoverAskSchema>

export const ReleaseListSchema = z.object({
  items: z.array(ReleaseSchema),
  nextCursor: z.string().nullable(),
  /** Requests for more days on my staff's engagements that the receiving head agreed to. */
  extensions: z.array(ExtensionReleaseSchema),
  /** Requests for a colleague to take over work whose expert has left or is away. */
  handovers: z.array(HandoverAskSchema),
  /** This term: days my school has released against its cap. */
  summary: z.object({
    termLabel: z.string(),
    termStart: z.string(),
    capDays: z.number().int(),
    approvedDays: z.number().int(),
    pendingDays: z.number().int(),
  }),
})
export type ReleaseList = z.infer<typeof ReleaseListSchema>

export const RefuseReleaseBodySchema = z.object({
  reason: text().trim().max(1000, 'Use at most 1000 characters').default(''),
})
export type RefuseReleaseBody = z.infer<typeof RefuseReleaseBodySchema>

export const ReleaseDecisionSchema = z.object({ id: IdSchema, release: ReleaseStatusSchema, engagementStatus: z.string() })
export type ReleaseDecision = z.infer<typeof ReleaseDecisionSchema>
