import { z } from 'zod'
import { IdSchema, IsoDateSchema, ListPageQuerySchema, text } from './common.ts'

/**
 * Flows of expertise between schools (docs/design.md §5). What belongs to a period:
 * - an engagement, when the first day of its term (`termStart`, the term its request's window starts in)
 *   falls inside the period; only active and completed engagements count, never cancelled ones nor
 *   ones whose release was refused;
 * - a request raised, commissioned or timed to commissioning, when it was published inside the period;
 * - an open request (unmet, days asked, left behind), when it is open now and was published on or
 *   before the period's last day: a request still waiting carries over into the next term.
 * A custom period counts the terms that start inside it.
 *
 * Filters: `area` keeps requests (and their engagements) tagged with the area, or with any area of a
 * strand; `cluster` keeps the flows touching a school of the cluster, and the cluster's own schools,
 * expertise and requests elsewhere. A head's view is their school's: the links touching it, its row,
 * its staff's capacity against its own requests.
 */

export const FLOW_PERIODS = ['this-term', 'last-term', 'academic-year', 'custom'] as const
export const FlowPeriodKindSchema = z.enum(FLOW_PERIODS)
export type FlowPeriodKind = z.infer<typeof FlowPeriodKindSchema>
export const FLOW_PERIOD_LABELS: Record<FlowPeriodKind, string> = {
  'this-term': 'This term',
  'last-term': 'Last term',
  'academic-year': 'This academic year',
  custom: 'Dates I choose',
}

/** A link left empty in a shared URL (`area=`) means "no filter", not an error. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

const FlowsFilterFields = z.object({
  period: optional(FlowPeriodKindSchema),
  from: optional(IsoDateSchema),
  to: optional(IsoDateSchema),
  /** An area's or a strand's slug; a strand includes its areas. */
  area: optional(text().trim().max(60, 'Use at most 60 characters')),
  /** A cluster's id or name. */
  cluster: optional(text().trim().max(80, 'Use at most 80 characters')),
  /** Narrow the trust's view to one school (the central team); a head always sees their own. */
  school: optional(IdSchema),
})

function checkPeriod(q: z.infer<typeof FlowsFilterFields>, ctx: z.RefinementCtx) {
  const custom = q.period === 'custom' || (q.period === undefined && (q.from !== undefined || q.to !== undefined))
  if (!custom && (q.from !== undefined || q.to !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['period'], message: 'Choose "Dates I choose" to set your own dates' })
  }
  if (custom && q.from === undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Choose the first day of the period' })
  if (custom && q.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Choose the last day of the period' })
  if (q.from !== undefined && q.to !== undefined && q.to < q.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'The period must end on or after its first day' })
  }
}

export const FlowsFilterSchema = FlowsFilterFields.superRefine(checkPeriod)
export type FlowsFilter = z.infer<typeof FlowsFilterSchema>

export const FlowsFormatSchema = z.enum(['json', 'csv'])
export const FlowsQuerySchema = FlowsFilterFields.extend({ format: optional(FlowsFormatSchema) }).superRefine(checkPeriod)
export type FlowsQuery = z.infer<typeof FlowsQuerySchema>
/** The views with a list of rows: JSON comes a page at a time (IN-2); CSV carries every row. */
export const FlowsPageQuerySchema = FlowsFilterFields.extend(ListPageQuerySchema.shape).superRefine(checkPeriod)
export const FlowsFilterPageQuerySchema = FlowsFilterFields.extend(ListPageQuerySchema.shape).superRefine(checkPeriod)
/** A flows view's answer with the position of its next page. */
export const withNextCursor = <S extends z.ZodRawShape>(schema: z.ZodObject<S>) => schema.extend({ nextCursor: z.string().nullable() })

export const FlowPeriodSchema = z.object({
  kind: FlowPeriodKindSchema,
  from: IsoDateSchema,
  to: IsoDateSchema,
  /** "Spring 2027", "2026/27", "1 Dec 2026 to 31 Jan 2027". */
  label: z.string(),
  /** The terms that start inside the period, whose engagements and capacity count. */
  terms: z.array(z.object({ start: IsoDateSchema, label: z.string(), name: z.enum(['autumn', 'spring', 'summer']) })),
})
export type FlowPeriod = z.infer<typeof FlowPeriodSchema>

/** Whose flows: the whole trust (central team, admin) or one school (its head, or the central team narrowing). */
export const FlowScopeSchema = z.object({ schoolId: IdSchema.nullable(), schoolName: z.string().nullable() })
export type FlowScope = z.infer<typeof FlowScopeSchema>

const Days = z.number()
const Count = z.number().int()

export const FlowNodeSchema = z.object({ schoolId: IdSchema, name: z.string() })

export const FlowLinkSchema = z.object({
  /** The providing school. */
  from: IdSchema,
  /** The receiving school. */
  to: IdSchema,
  /** Days agreed, on active and completed engagements. */
  days: Days,
  /** Days logged as delivered on those engagements. */
  deliveredDays: Days,
  engagements: Count,
})

export const FlowTotalsSchema = z.object({ days: Days, deliveredDays: Days, engagements: Count })

export const FlowGraphSchema = z.object({
  period: FlowPeriodSchema,
  scope: FlowScopeSchema,
  nodes: z.array(FlowNodeSchema),
  links: z.array(FlowLinkSchema),
  totals: FlowTotalsSchema,
})
export type FlowGraph = z.infer<typeof FlowGraphSchema>

export const BalanceRowSchema = z.object({
  schoolId: IdSchema,
  name: z.string(),
  cluster: z.string().nullable(),
  daysGiven: Days,
  daysReceived: Days,
  /** Published in the period. */
  requestsRaised: Count,
  /** Of those, commissioned (or since completed). */
  commissioned: Count,
  /** Open requests with places still unfilled. */
  unmet: Count,
})
export type BalanceRow = z.infer<typeof BalanceRowSchema>
export const BalanceSchema = z.object({ period: FlowPeriodSchema, scope: FlowScopeSchema, items: z.array(BalanceRowSchema) })
export type Balance = z.infer<typeof BalanceSchema>

export const SupplyDemandRowSchema = z.object({
  areaId: IdSchema,
  slug: z.string(),
  name: z.string(),
  /** The strand's name, or null when the row is a strand. */
  strand: z.string().nullable(),
  experts: Count,
  /** Capacity of active expertise over the period's terms. */
  capacityDays: Days,
  /** Days already agreed on that expertise in the period's terms. */
  committedDays: Days,
  /** Capacity less committed, never below nothing for any one expertise. */
  freeDays: Days,
  openRequests: Count,
  /** Experts wanted × days per expert, over open requests. */
  askedDays: Days,
})
export type SupplyDemandRow = z.infer<typeof SupplyDemandRowSchema>
export const SupplyDemandSchema = z.object({ period: FlowPeriodSchema, scope: FlowScopeSchema, items: z.array(SupplyDemandRowSchema) })
export type SupplyDemand = z.infer<typeof SupplyDemandSchema>

export { CONFIDENTIAL_TITLE } from './requests.ts'

const FlowAreaSchema = z.object({ slug: z.string(), name: z.string() })

export const OpenRequestRowSchema = z.object({
  requestId: IdSchema,
  /** The title, or "Confidential request". */
  title: z.string(),
  confidential: z.boolean(),
  schoolId: IdSchema,
  schoolName: z.string(),
  areas: z.array(FlowAreaSchema),
  publishedAt: z.iso.datetime({ offset: true }),
  ageDays: Count,
  expertsWanted: Count,
  placesFilled: Count,
  /** Offers proposed or accepted; an unanswered invitation is not an offer. */
  liveOffers: Count,
})
export type OpenRequestRow = z.infer<typeof OpenRequestRowSchema>
export const OpenRequestsSchema = z.object({ period: FlowPeriodSchema, scope: FlowScopeSchema, items: z.array(OpenRequestRowSchema) })
export type OpenRequests = z.infer<typeof OpenRequestsSchema>

/** A request waits this long with no offer before it counts as left behind (docs/design.md §3). */
export const LEFT_BEHIND_AFTER_DAYS = 14

export const LeftBehindSchoolSchema = z.object({
  schoolId: IdSchema,
  name: z.string(),
  cluster: z.string().nullable(),
  reason: z.string(),
})
export const LeftBehindRequestSchema = OpenRequestRowSchema.extend({ reason: z.string() })
export const LeftBehindSchema = z.object({
  period: FlowPeriodSchema,
  scope: FlowScopeSchema,
  schools: z.array(LeftBehindSchoolSchema),
  requests: z.array(LeftBehindRequestSchema),
})
export type LeftBehind = z.infer<typeof LeftBehindSchema>

export const CommissionTimeRowSchema = z.object({
  areaId: IdSchema,
  slug: z.string(),
  name: z.string(),
  strand: z.string().nullable(),
  requests: Count,
  /** Median days from publishing to commissioning, to one decimal place. */
  medianDays: z.number(),
})
export type CommissionTimeRow = z.infer<typeof CommissionTimeRowSchema>
export const TimeToCommissionSchema = z.object({
  period: FlowPeriodSchema,
  scope: FlowScopeSchema,
  overall: z.object({ requests: Count, medianDays: z.number().nullable() }),
  items: z.array(CommissionTimeRowSchema),
})
export type TimeToCommission = z.infer<typeof TimeToCommissionSchema>

export const FlowLinkParamsSchema = z.object({ from: IdSchema, to: IdSchema })

export const LinkEngagementSchema = z.object({
  engagementId: IdSchema,
  requestId: IdSchema,
  /** The title, or "Confidential request". */
  title: z.string(),
  confidential: z.boolean(),
  areas: z.array(FlowAreaSchema),
  termStart: IsoDateSchema,
  days: Days,
  deliveredDays: Days,
  status: z.enum(['active', 'completed']),
  release: z.enum(['approved', 'pending']),
})
export const FlowLinkDetailSchema = z.object({
  period: FlowPeriodSchema,
  from: FlowNodeSchema,
  to: FlowNodeSchema,
  items: z.array(LinkEngagementSchema),
})
export type FlowLinkDetail = z.infer<typeof FlowLinkDetailSchema>
