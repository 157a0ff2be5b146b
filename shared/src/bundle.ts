import { z } from 'zod'
import { TermNameSchema } from './calendar.ts'
import {
  DateWindowSchema,
  EmailSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  ModeSchema,
  PhaseSchema,
  RoleSchema,
  SlugSchema,
  SubjectSchema,
  text,
} from './common.ts'
import { EXTENSION_STATUSES } from './lifecycles.ts'
import { DeliverySchema, NotificationKindSchema } from './notifications.ts'

/** The trust bundle (docs/design.md §8): one JSON document that describes a whole trust. */

const Ref = text().trim().min(1, 'A ref cannot be empty').max(80)
const Text = (max: number) => text().trim().min(1, 'Cannot be empty').max(max, `Use at most ${max} characters`)
const Days = z.number().int('Use whole days').min(0, 'Cannot be negative').max(200)
/** When something happened, as the export gives it (optional everywhere: a hand-written bundle leaves them out). */
const When = IsoDateTimeSchema.optional()
const Note = (max: number) => z.string().trim().max(max).default('')

export const BundleAreaSchema = z.object({
  ref: Ref,
  slug: SlugSchema,
  name: Text(80),
  description: text().max(500).default(''),
  parent: Ref.optional(),
  /** Its place in the framework; the bundle's order when absent. */
  position: z.number().int().min(0).max(10_000).optional(),
  /** A retired area stays on old records but cannot be chosen anew. */
  retiredAt: When,
})

export const BundleSchoolSchema = z.object({
  ref: Ref,
  urn: z.number().int().positive().max(99_999_999),
  name: Text(200),
  phase: PhaseSchema,
  type: text().max(120).default(''),
  postcode: text().trim().max(10).default(''),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  cluster: text().trim().max(80).optional(),
  releaseDaysPerTerm: Days.default(10),
  status: z.enum(['open', 'closed']).default('open'),
  closedOn: IsoDateSchema.optional(),
})

export const BundlePersonSchema = z.object({
  ref: Ref,
  email: EmailSchema,
  name: Text(120),
  role: RoleSchema,
  school: Ref.optional(),
  password: text().min(8).max(128).optional(),
  active: z.boolean().default(true),
  pausedAt: When,
  lastActiveAt: When,
  createdAt: When,
})

export const BundleExpertiseSchema = z.object({
  ref: Ref,
  person: Ref,
  title: Text(160),
  summary: Text(3000),
  evidence: Text(3000),
  areas: z.array(SlugSchema).min(1, 'Tag at least one area').max(10),
  subjects: z.array(SubjectSchema).max(20).default([]),
  phases: z.array(PhaseSchema).max(7).default([]),
  modes: z.array(ModeSchema).max(5).default([]),
  capacityDaysPerTerm: Days,
  /** Optional per-term figures instead of capacityDaysPerTerm, e.g. {"summer": 0}. */
  termDays: z.object({ autumn: Days.optional(), spring: Days.optional(), summer: Days.optional() }).strict().optional(),
  active: z.boolean().default(true),
  archivedAt: When,
  createdAt: When,
  updatedAt: When,
})

export const BundleRequestStatusSchema = z.enum(['draft', 'open', 'commissioned', 'completed', 'withdrawn'])

export const BundleRequestSchema = z.object({
  ref: Ref,
  school: Ref,
  raisedBy: Ref,
  title: Text(160),
  problem: Text(5000),
  tried: z.string().trim().max(5000).default(''),
  outcome: z.string().trim().max(5000).default(''),
  areas: z.array(SlugSchema).min(1, 'Tag at least one area').max(10),
  subjects: z.array(SubjectSchema).max(20).default([]),
  phases: z.array(PhaseSchema).max(7).default([]),
  modes: z.array(ModeSchema).min(1, 'Choose at least one kind of help').max(5),
  expertsWanted: z.number().int().min(1).max(5),
  daysPerExpert: z.number().int().min(1).max(50),
  window: DateWindowSchema,
  confidentiality: z.enum(['trust', 'invited']).default('trust'),
  status: BundleRequestStatusSchema.default('open'),
  publishedAt: IsoDateTimeSchema.optional(),
  /** Taken from its engagements when absent. */
  commissionedAt: When,
  closedAt: When,
  staleNotifiedAt: When,
  version: z.number().int().min(1).optional(),
  createdAt: When,
  updatedAt: When,
})

export const BundleOfferSchema = z.object({
  ref: Ref,
  request: Ref,
  expertise: Ref,
  message: z.string().trim().max(3000).default(''),
  days: z.number().int().min(1).max(50),
  status: z.enum(['invited', 'proposed', 'accepted', 'declined', 'withdrawn']),
  inviteNote: Note(3000),
  proposedStart: IsoDateSchema.optional(),
  proposedEnd: IsoDateSchema.optional(),
  /** When an invitation was sent (default: on import); unanswered, it expires five school days later. */
  invitedAt: When,
  expiresAt: When,
  decidedAt: When,
  closedReason: z.string().trim().max(1000).optional(),
  createdAt: When,
  updatedAt: When,
})

/** A session logged on an engagement; `loggedBy` is a person's ref. */
export const BundleLogSchema = z.object({
  ref: Ref.optional(),
  date: IsoDateSchema,
  days: z.number().positive().max(20),
  note: Note(2000),
  loggedBy: Ref,
  createdAt: When,
})

/** The case a completed engagement left: derived from the reflections when absent. */
export const BundleCaseSchema = z.object({
  ref: Ref.optional(),
  title: Text(160),
  problem: z.string().max(5000),
  approach: z.string().max(10_000),
  outcome: z.string().max(5000),
  impact: z.number().int().min(1).max(5),
  visibility: z.enum(['trust', 'schools']),
  areas: z.array(SlugSchema).max(10),
  createdAt: When,
})

export const BundleEngagementSchema = z.object({
  ref: Ref,
  offer: Ref,
  status: z.enum(['active', 'completed', 'cancelled']),
  release: z.enum(['approved', 'pending', 'refused']).default('approved'),
  startedAt: IsoDateSchema.optional(),
  /** A day (hand-written bundles) or the instant (an export). */
  completedAt: z.union([IsoDateSchema, IsoDateTimeSchema]).optional(),
  daysDelivered: z.number().min(0).max(200).optional(),
  impact: z.number().int().min(1).max(5).optional(),
  headReflection: z.string().trim().max(5000).optional(),
  expertReflection: z.string().trim().max(5000).optional(),
  /** Agreed days, the offer's when absent (more after an extension). */
  days: z.number().int().min(0).max(250).optional(),
  /** The first day of the term the work falls in; from the request's window when absent. */
  termStart: IsoDateSchema.optional(),
  /** Days charged to each term; split over the request's window when absent. */
  charges: z.array(z.object({ termStart: IsoDateSchema, days: z.number().int().min(0).max(250) })).max(20).optional(),
  releaseDecidedBy: Ref.optional(),
  releaseDecidedAt: When,
  cancelledAt: When,
  cancelReason: z.string().trim().max(1000).optional(),
  caseVisibility: z.enum(['trust', 'schools']).optional(),
  createdAt: When,
  /** The sessions logged; one "Imported" session of daysDelivered when absent. */
  logs: z.array(BundleLogSchema).max(1000).optional(),
  /** null: completed work that left no case; absent: derived from the reflections as before. */
  case: BundleCaseSchema.nullable().optional(),
  /** Its expert left or paused with the work under way (docs/decisions/012-people-who-leave.md). */
  away: z.object({ since: IsoDateTimeSchema, reason: z.enum(['deactivated', 'paused']) }).optional(),
  colleagueAskedAt: When,
  awayRemindedAt: When,
  /** Ended with what was delivered: the agreed days given back. */
  returnedDays: z.number().int().min(0).max(250).optional(),
  /** The engagement (its ref) whose work this one took over from a colleague who left. */
  takesOver: Ref.optional(),
})

export const BundleExtensionSchema = z.object({
  ref: Ref,
  engagement: Ref,
  days: z.number().int().min(1).max(50),
  reason: z.string().trim().max(2000),
  status: z.enum(EXTENSION_STATUSES),
  termStart: IsoDateSchema.optional(),
  proposedBy: Ref,
  decidedBy: Ref.optional(),
  decidedAt: When,
  declineReason: z.string().trim().max(1000).optional(),
  releaseDecidedBy: Ref.optional(),
  releaseDecidedAt: When,
  createdAt: When,
})

/** A year of the trust's own term dates (2026 for 2026/27) with its closure days. */
export const BundleCalendarYearSchema = z.object({
  academicYear: z.number().int().min(2000).max(2100),
  terms: z.array(z.object({ name: TermNameSchema, start: IsoDateSchema, end: IsoDateSchema, halfTermStart: IsoDateSchema, halfTermEnd: IsoDateSchema })).max(3),
  closures: z.array(z.object({ date: IsoDateSchema, label: text().trim().min(1).max(80) })).max(366).default([]),
})

/** An invitation nobody has accepted yet. Its link is not exported: the admin resends it from the new service. */
export const BundleInvitationSchema = z.object({
  ref: Ref,
  email: EmailSchema,
  role: RoleSchema,
  school: Ref.optional(),
  invitedBy: Ref.optional(),
  expiresAt: IsoDateTimeSchema,
  createdAt: When,
})

/** An in-app notification. Ids in `link` that are refs of this bundle are rewritten to the new ids. */
export const BundleNotificationSchema = z.object({
  ref: Ref,
  person: Ref,
  kind: z.string().trim().min(1).max(60),
  title: z.string().max(500),
  body: z.string().max(5000).default(''),
  link: z.string().max(500).optional(),
  readAt: When,
  delivery: DeliverySchema.default('immediate'),
  digestedAt: When,
  createdAt: When,
})

export const BundleNotificationPreferenceSchema = z.object({ person: Ref, kind: NotificationKindSchema, delivery: DeliverySchema })

const BundleShape = z.object({
  trust: z.object({ ref: Ref, name: Text(200) }),
  areas: z.array(BundleAreaSchema).max(500).optional(),
  schools: z.array(BundleSchoolSchema).max(50_000).default([]),
  people: z.array(BundlePersonSchema).max(500_000).default([]),
  expertise: z.array(BundleExpertiseSchema).max(500_000).default([]),
  requests: z.array(BundleRequestSchema).max(500_000).default([]),
  offers: z.array(BundleOfferSchema).max(1_000_000).default([]),
  engagements: z.array(BundleEngagementSchema).max(1_000_000).default([]),
  // Sections an export carries beyond docs/design.md §8's first list; each optional, so older bundles stay valid.
  /** Clusters by name, with those that have no school yet. */
  clusters: z.array(z.object({ ref: Ref.optional(), name: text().trim().min(1).max(80) })).max(50_000).optional(),
  calendar: z.array(BundleCalendarYearSchema).max(100).optional(),
  extensions: z.array(BundleExtensionSchema).max(1_000_000).optional(),
  invitations: z.array(BundleInvitationSchema).max(500_000).optional(),
  notifications: z.array(BundleNotificationSchema).max(5_000_000).optional(),
  notificationPreferences: z.array(BundleNotificationPreferenceSchema).max(5_000_000).optional(),
})

export type BundleIssue = { path: (string | number)[]; message: string }

type Item = Record<string, unknown>
const items = (x: unknown): Item[] => (Array.isArray(x) ? x.map((i) => (i && typeof i === 'object' ? (i as Item) : {})) : [])
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined)

/** Every ref names one object: a second object with the same ref is a fault at its own path. */
function refuseDuplicateRefs(kinds: Record<string, Item[]>, seen: Set<string>, issues: BundleIssue[]) {
  for (const [kind, list] of Object.entries(kinds)) {
    list.forEach((item, i) => {
      const ref = str(item.ref)
      if (ref === undefined) return
      if (seen.has(ref)) issues.push({ path: [kind, i, 'ref'], message: `Duplicate ref "${ref}"` })
      else seen.add(ref)
    })
  }
}

/**
 * Cross-reference rules zod cannot express field by field: unique refs, refs that resolve to the right
 * kind of object, and the facts that make the bundle a coherent trust (an offer never comes from the
 * requesting school, an engagement hangs on an accepted offer). It reads defensively, because it also
 * runs on a bundle whose fields failed, so that one answer lists every fault.
 */
export function checkBundleRefs(input: unknown, defaultAreaSlugs: readonly string[]): BundleIssue[] {
  const b = (input && typeof input === 'object' ? input : {}) as Item
  const issues: BundleIssue[] = []
  const must = (ok: boolean, path: (string | number)[], message: string) => {
    if (!ok) issues.push({ path, message })
  }
  const kinds = {
    areas: items(b.areas),
    schools: items(b.schools),
    people: items(b.people),
    expertise: items(b.expertise),
    requests: items(b.requests),
    offers: items(b.offers),
    engagements: items(b.engagements),
    clusters: items(b.clusters),
    extensions: items(b.extensions),
    invitations: items(b.invitations),
    notifications: items(b.notifications),
  }
  const seen = new Set<string>()
  const trustRef = str((b.trust as Item | undefined)?.ref)
  if (trustRef) seen.add(trustRef)
  refuseDuplicateRefs(kinds, seen, issues)
  kinds.engagements.forEach((g, i) => {
    refuseDuplicateRefs({ [`engagements[${i}].logs`]: items(g.logs) }, seen, issues)
    const c = g.case as Item | undefined
    if (c && str(c.ref)) refuseDuplicateRefs({ [`engagements[${i}].case`]: [c] }, seen, issues)
  })
  /** The first object with a ref wins, so a duplicate does not cascade into more faults. */
  const byRef = (list: Item[]) => new Map(list.flatMap((x) => (str(x.ref) ? [[str(x.ref)!, x] as const] : [])).reverse())
  const areas = byRef(kinds.areas)
  const schools = byRef(kinds.schools)
  const people = byRef(kinds.people)
  const expertise = byRef(kinds.expertise)
  const requests = byRef(kinds.requests)
  const offers = byRef(kinds.offers)
  const engagements = byRef(kinds.engagements)
  const slugs = new Set(Array.isArray(b.areas) ? kinds.areas.map((a) => str(a.slug)) : defaultAreaSlugs)
  const resolves = (map: Map<string, Item>, ref: unknown, path: (string | number)[], kind: string) => {
    if (typeof ref !== 'string') return undefined
    const found = map.get(ref)
    must(found !== undefined, path, `No ${kind} with ref "${ref}"`)
    return found
  }

  kinds.areas.forEach((a, i) => {
    if (a.parent !== undefined) resolves(areas, a.parent, ['areas', i, 'parent'], 'area')
  })
  const emails = new Map<string, number>()
  kinds.people.forEach((p, i) => {
    const role = str(p.role)
    const needsSchool = role === 'headteacher' || role === 'teacher'
    if (p.school !== undefined) resolves(schools, p.school, ['people', i, 'school'], 'school')
    else if (role) must(!needsSchool, ['people', i, 'school'], `A ${role} must belong to a school`)
    if (role && !needsSchool) must(p.school === undefined, ['people', i, 'school'], `A ${role} works for the trust, not one school`)
    const email = str(p.email)?.trim().toLowerCase()
    if (!email) return
    const first = emails.get(email)
    if (first !== undefined) issues.push({ path: ['people', i, 'email'], message: `Duplicate e-mail, also people[${first}]` })
    else emails.set(email, i)
  })
  const urns = new Map<unknown, number>()
  kinds.schools.forEach((s, i) => {
    if (s.urn === undefined) return
    const first = urns.get(s.urn)
    if (first !== undefined) issues.push({ path: ['schools', i, 'urn'], message: `Duplicate URN, also schools[${first}]` })
    else urns.set(s.urn, i)
  })
  const checkSlugs = (kind: string, i: number, list: unknown) =>
    items(list).length === 0 && Array.isArray(list)
      ? undefined
      : (Array.isArray(list) ? list : []).forEach((slug, j) => typeof slug === 'string' && must(slugs.has(slug), [kind, i, 'areas', j], `No area with slug "${slug}"`))

  kinds.expertise.forEach((e, i) => {
    resolves(people, e.person, ['expertise', i, 'person'], 'person')
    checkSlugs('expertise', i, e.areas)
  })
  kinds.requests.forEach((r, i) => {
    resolves(schools, r.school, ['requests', i, 'school'], 'school')
    const raiser = resolves(people, r.raisedBy, ['requests', i, 'raisedBy'], 'person')
    if (raiser) {
      must(raiser.role === 'headteacher', ['requests', i, 'raisedBy'], 'Only a headteacher raises a request')
      must(raiser.school === r.school, ['requests', i, 'raisedBy'], 'A head raises requests for their own school only')
    }
    must(r.status === 'draft' || r.publishedAt !== undefined, ['requests', i, 'publishedAt'], 'A published request needs publishedAt')
    checkSlugs('requests', i, r.areas)
  })
  kinds.offers.forEach((o, i) => {
    const request = resolves(requests, o.request, ['offers', i, 'request'], 'request')
    const entry = resolves(expertise, o.expertise, ['offers', i, 'expertise'], 'expertise')
    const expert = entry && typeof entry.person === 'string' ? people.get(entry.person) : undefined
    if (request && expert) must(expert.school !== request.school, ['offers', i, 'expertise'], 'An offer cannot come from the requesting school')
  })
  const engaged = new Map<string, number>()
  kinds.engagements.forEach((g, i) => {
    const offer = resolves(offers, g.offer, ['engagements', i, 'offer'], 'offer')
    if (offer) must(offer.status === 'accepted', ['engagements', i, 'offer'], 'An engagement needs an accepted offer')
    if (g.status === 'completed') {
      must(g.impact !== undefined, ['engagements', i, 'impact'], 'A completed engagement needs an impact rating')
      must(g.completedAt !== undefined, ['engagements', i, 'completedAt'], 'A completed engagement needs completedAt')
    }
    if (g.releaseDecidedBy !== undefined) resolves(people, g.releaseDecidedBy, ['engagements', i, 'releaseDecidedBy'], 'person')
    items(g.logs).forEach((l, j) => resolves(people, l.loggedBy, ['engagements', i, 'logs', j, 'loggedBy'], 'person'))
    const c = g.case as Item | undefined
    if (c && typeof c === 'object') (Array.isArray(c.areas) ? c.areas : []).forEach((slug, j) => typeof slug === 'string' && must(slugs.has(slug), ['engagements', i, 'case', 'areas', j], `No area with slug "${slug}"`))
    const ref = str(g.offer)
    if (!ref) return
    const first = engaged.get(ref)
    if (first !== undefined) issues.push({ path: ['engagements', i, 'offer'], message: `This offer already has engagements[${first}]` })
    else engaged.set(ref, i)
  })
  kinds.extensions.forEach((x, i) => {
    resolves(engagements, x.engagement, ['extensions', i, 'engagement'], 'engagement')
    resolves(people, x.proposedBy, ['extensions', i, 'proposedBy'], 'person')
    for (const field of ['decidedBy', 'releaseDecidedBy'] as const) if (x[field] !== undefined) resolves(people, x[field], ['extensions', i, field], 'person')
  })
  kinds.invitations.forEach((v, i) => {
    if (v.school !== undefined) resolves(schools, v.school, ['invitations', i, 'school'], 'school')
    if (v.invitedBy !== undefined) resolves(people, v.invitedBy, ['invitations', i, 'invitedBy'], 'person')
  })
  kinds.notifications.forEach((n, i) => resolves(people, n.person, ['notifications', i, 'person'], 'person'))
  items(b.notificationPreferences).forEach((n, i) => resolves(people, n.person, ['notificationPreferences', i, 'person'], 'person'))
  return issues
}

export function makeBundleSchema(defaultAreaSlugs: readonly string[]) {
  // `when`: the reference checks run even when fields failed, so one answer lists every fault.
  return BundleShape.superRefine(
    (b, ctx) => {
      for (const issue of checkBundleRefs(b, defaultAreaSlugs)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
    },
    { when: () => true },
  )
}

/** The bundle as GET /api/admin/export answers it (the reference checks are the import's). */
export const TrustBundleDocumentSchema = BundleShape
export type TrustBundle = z.infer<typeof BundleShape>
export type TrustBundleInput = z.input<typeof BundleShape>
export const ImportResultSchema = z.object({ ids: z.record(z.string(), z.string()) })

/**
 * What a trust admin imports into their own trust (POST /api/admin/import): schools (with their
 * clusters by name), people and expertise. No `trust` (only the operator creates trusts), no
 * passwords (each person chooses their own from the invitation e-mail). A ref names an object of this
 * file; `people[].school` may instead give the URN (a number) of a school already in the trust, and
 * `expertise[].person` the e-mail of someone already in the trust.
 */
const NOT_IN_ADMIN_IMPORT = ['areas', 'requests', 'offers', 'engagements'] as const

export const AdminImportPersonSchema = BundlePersonSchema.omit({ password: true }).extend({
  school: z.union([Ref, BundleSchoolSchema.shape.urn]).optional(),
  password: z.undefined({ error: 'Passwords are never imported: each person chooses their own from the invitation e-mail' }).optional(),
})

export const AdminImportExpertiseSchema = BundleExpertiseSchema

// Loose, so that the refinement sees (and refuses) the sections that have no place here.
// The maxima bound the work of one request (docs/design.md §8): a larger trust imports in several files.
export const ADMIN_IMPORT_MAX = { schools: 5_000, people: 5_000, expertise: 10_000 } as const
const AdminImportShape = z.looseObject({
  schools: z.array(BundleSchoolSchema).max(ADMIN_IMPORT_MAX.schools, `Import at most ${ADMIN_IMPORT_MAX.schools.toLocaleString('en-GB')} schools in one file; split the file and import each part`).default([]),
  people: z.array(AdminImportPersonSchema).max(ADMIN_IMPORT_MAX.people, `Import at most ${ADMIN_IMPORT_MAX.people.toLocaleString('en-GB')} people in one file; split the file and import each part`).default([]),
  expertise: z.array(AdminImportExpertiseSchema).max(ADMIN_IMPORT_MAX.expertise, `Import at most ${ADMIN_IMPORT_MAX.expertise.toLocaleString('en-GB')} expertise entries in one file; split the file and import each part`).default([]),
})

/** Unique refs, URNs and e-mails within the file; refs that name objects of this file resolve to the right kind. */
export function checkAdminImportRefs(input: unknown): BundleIssue[] {
  const b = (input && typeof input === 'object' ? input : {}) as Item
  const issues: BundleIssue[] = []
  for (const key of NOT_IN_ADMIN_IMPORT) {
    if (b[key] !== undefined) issues.push({ path: [key], message: `The import adds schools, clusters, people and expertise only; ${key} cannot be imported here` })
  }
  const kinds = { schools: items(b.schools), people: items(b.people), expertise: items(b.expertise) }
  const seen = new Set<string>()
  refuseDuplicateRefs(kinds, seen, issues)
  const schoolRefs = new Set(kinds.schools.flatMap((s) => (str(s.ref) ? [str(s.ref)!] : [])))
  const personRefs = new Set(kinds.people.flatMap((p) => (str(p.ref) ? [str(p.ref)!] : [])))
  const unique = (kind: 'schools' | 'people', field: string, norm: (x: unknown) => unknown, label: string) => {
    const first = new Map<unknown, number>()
    kinds[kind].forEach((item, i) => {
      const value = norm(item[field])
      if (value === undefined) return
      if (first.has(value)) issues.push({ path: [kind, i, field], message: `Duplicate ${label}, also ${kind}[${first.get(value)}]` })
      else first.set(value, i)
    })
  }
  unique('schools', 'urn', (x) => x, 'URN')
  unique('people', 'email', (x) => str(x)?.trim().toLowerCase() || undefined, 'e-mail')
  kinds.people.forEach((p, i) => {
    const role = str(p.role)
    const needsSchool = role === 'headteacher' || role === 'teacher'
    if (typeof p.school === 'string' && !schoolRefs.has(p.school)) {
      issues.push({ path: ['people', i, 'school'], message: `No school with ref "${p.school}" in this file; for one of your trust's schools, give its URN as a number` })
    }
    if (role && needsSchool && p.school === undefined) issues.push({ path: ['people', i, 'school'], message: `A ${role} must belong to a school` })
    if (role && !needsSchool && p.school !== undefined) issues.push({ path: ['people', i, 'school'], message: `A ${role} works for the trust, not one school` })
  })
  kinds.expertise.forEach((e, i) => {
    const person = str(e.person)
    if (person && !personRefs.has(person) && !person.includes('@')) {
      issues.push({ path: ['expertise', i, 'person'], message: `No person with ref "${person}" in this file; for someone already in your trust, give their e-mail` })
    }
  })
  return issues
}

export const AdminImportSchema = AdminImportShape.superRefine(
  (b, ctx) => {
    for (const issue of checkAdminImportRefs(b)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
  },
  { when: () => true },
)
export type AdminImport = z.infer<typeof AdminImportShape>
export type AdminImportInput = z.input<typeof AdminImportShape>
