import { z } from 'zod'
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
} from './common.ts'

/** The trust bundle (DESIGN §8): one JSON document that describes a whole trust. */

const Ref = z.string().trim().min(1, 'A ref cannot be empty').max(80)
const Text = (max: number) => z.string().trim().min(1, 'Cannot be empty').max(max, `Use at most ${max} characters`)
const Days = z.number().int('Use whole days').min(0, 'Cannot be negative').max(200)

export const BundleAreaSchema = z.object({
  ref: Ref,
  slug: SlugSchema,
  name: Text(80),
  description: z.string().max(500).default(''),
  parent: Ref.optional(),
})

export const BundleSchoolSchema = z.object({
  ref: Ref,
  urn: z.number().int().positive().max(99_999_999),
  name: Text(200),
  phase: PhaseSchema,
  type: z.string().max(120).default(''),
  postcode: z.string().trim().max(10).default(''),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  cluster: z.string().trim().max(80).optional(),
  releaseDaysPerTerm: Days.default(10),
})

export const BundlePersonSchema = z.object({
  ref: Ref,
  email: EmailSchema,
  name: Text(120),
  role: RoleSchema,
  school: Ref.optional(),
  password: z.string().min(8).max(128).optional(),
  active: z.boolean().default(true),
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
  active: z.boolean().default(true),
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
})

export const BundleOfferSchema = z.object({
  ref: Ref,
  request: Ref,
  expertise: Ref,
  message: z.string().trim().max(3000).default(''),
  days: z.number().int().min(1).max(50),
  status: z.enum(['invited', 'proposed', 'accepted', 'declined', 'withdrawn']),
})

export const BundleEngagementSchema = z.object({
  ref: Ref,
  offer: Ref,
  status: z.enum(['active', 'completed', 'cancelled']),
  release: z.enum(['approved', 'pending', 'refused']).default('approved'),
  startedAt: IsoDateSchema.optional(),
  completedAt: IsoDateSchema.optional(),
  daysDelivered: z.number().min(0).max(200).optional(),
  impact: z.number().int().min(1).max(5).optional(),
  headReflection: z.string().trim().max(5000).optional(),
  expertReflection: z.string().trim().max(5000).optional(),
})

const BundleShape = z.object({
  trust: z.object({ ref: Ref, name: Text(200) }),
  areas: z.array(BundleAreaSchema).max(500).optional(),
  schools: z.array(BundleSchoolSchema).max(50_000).default([]),
  people: z.array(BundlePersonSchema).max(500_000).default([]),
  expertise: z.array(BundleExpertiseSchema).max(500_000).default([]),
  requests: z.array(BundleRequestSchema).max(500_000).default([]),
  offers: z.array(BundleOfferSchema).max(1_000_000).default([]),
  engagements: z.array(BundleEngagementSchema).max(1_000_000).default([]),
})
type BundleShape = z.infer<typeof BundleShape>

export type BundleIssue = { path: (string | number)[]; message: string }

/**
 * Cross-reference rules zod cannot express field by field: unique refs, refs that resolve to the right
 * kind of object, and the facts that make the bundle a coherent trust (an offer never comes from the
 * requesting school, an engagement hangs on an accepted offer).
 */
export function checkBundleRefs(b: BundleShape, defaultAreaSlugs: readonly string[]): BundleIssue[] {
  const issues: BundleIssue[] = []
  const seen = new Map<string, string>()
  const kinds = {
    areas: b.areas ?? [],
    schools: b.schools,
    people: b.people,
    expertise: b.expertise,
    requests: b.requests,
    offers: b.offers,
    engagements: b.engagements,
  }
  seen.set(b.trust.ref, 'trust')
  for (const [kind, items] of Object.entries(kinds)) {
    items.forEach((item, i) => {
      if (seen.has(item.ref)) issues.push({ path: [kind, i, 'ref'], message: `Duplicate ref "${item.ref}"` })
      else seen.set(item.ref, kind)
    })
  }
  const byRef = <T extends { ref: string }>(items: T[]) => new Map(items.map((x) => [x.ref, x]))
  const areas = byRef(kinds.areas)
  const schools = byRef(b.schools)
  const people = byRef(b.people)
  const expertise = byRef(b.expertise)
  const requests = byRef(b.requests)
  const offers = byRef(b.offers)

  const must = (ok: boolean, path: (string | number)[], message: string) => {
    if (!ok) issues.push({ path, message })
  }
  const slugs = new Set(b.areas ? b.areas.map((a) => a.slug) : defaultAreaSlugs)

  kinds.areas.forEach((a, i) => {
    if (a.parent !== undefined) must(areas.has(a.parent), ['areas', i, 'parent'], `No area with ref "${a.parent}"`)
  })
  const emails = new Map<string, number>()
  b.people.forEach((p, i) => {
    const needsSchool = p.role === 'headteacher' || p.role === 'teacher'
    if (p.school !== undefined) must(schools.has(p.school), ['people', i, 'school'], `No school with ref "${p.school}"`)
    else must(!needsSchool, ['people', i, 'school'], `A ${p.role} must belong to a school`)
    if (!needsSchool) must(p.school === undefined, ['people', i, 'school'], `A ${p.role} works for the trust, not one school`)
    const first = emails.get(p.email)
    if (first !== undefined) issues.push({ path: ['people', i, 'email'], message: `Duplicate e-mail, also people[${first}]` })
    else emails.set(p.email, i)
  })
  const urns = new Map<number, number>()
  b.schools.forEach((s, i) => {
    const first = urns.get(s.urn)
    if (first !== undefined) issues.push({ path: ['schools', i, 'urn'], message: `Duplicate URN, also schools[${first}]` })
    else urns.set(s.urn, i)
  })
  const checkSlugs = (kind: string, i: number, list: string[]) =>
    list.forEach((slug, j) => must(slugs.has(slug), [kind, i, 'areas', j], `No area with slug "${slug}"`))

  b.expertise.forEach((e, i) => {
    const person = people.get(e.person)
    must(person !== undefined, ['expertise', i, 'person'], `No person with ref "${e.person}"`)
    checkSlugs('expertise', i, e.areas)
  })
  b.requests.forEach((r, i) => {
    const raiser = people.get(r.raisedBy)
    must(schools.has(r.school), ['requests', i, 'school'], `No school with ref "${r.school}"`)
    must(raiser !== undefined, ['requests', i, 'raisedBy'], `No person with ref "${r.raisedBy}"`)
    if (raiser) {
      must(raiser.role === 'headteacher', ['requests', i, 'raisedBy'], 'Only a headteacher raises a request')
      must(raiser.school === r.school, ['requests', i, 'raisedBy'], "A head raises requests for their own school only")
    }
    must(r.status === 'draft' || r.publishedAt !== undefined, ['requests', i, 'publishedAt'], 'A published request needs publishedAt')
    checkSlugs('requests', i, r.areas)
  })
  b.offers.forEach((o, i) => {
    const request = requests.get(o.request)
    const entry = expertise.get(o.expertise)
    must(request !== undefined, ['offers', i, 'request'], `No request with ref "${o.request}"`)
    must(entry !== undefined, ['offers', i, 'expertise'], `No expertise with ref "${o.expertise}"`)
    const expert = entry && people.get(entry.person)
    if (request && expert) {
      must(expert.school !== request.school, ['offers', i, 'expertise'], 'An offer cannot come from the requesting school')
    }
  })
  b.engagements.forEach((g, i) => {
    const offer = offers.get(g.offer)
    must(offer !== undefined, ['engagements', i, 'offer'], `No offer with ref "${g.offer}"`)
    if (offer) must(offer.status === 'accepted', ['engagements', i, 'offer'], 'An engagement needs an accepted offer')
    if (g.status === 'completed') {
      must(g.impact !== undefined, ['engagements', i, 'impact'], 'A completed engagement needs an impact rating')
      must(g.completedAt !== undefined, ['engagements', i, 'completedAt'], 'A completed engagement needs completedAt')
    }
  })
  const engaged = new Map<string, number>()
  b.engagements.forEach((g, i) => {
    const first = engaged.get(g.offer)
    if (first !== undefined) issues.push({ path: ['engagements', i, 'offer'], message: `This offer already has engagements[${first}]` })
    else engaged.set(g.offer, i)
  })
  return issues
}

export function makeBundleSchema(defaultAreaSlugs: readonly string[]) {
  return BundleShape.superRefine((b, ctx) => {
    for (const issue of checkBundleRefs(b, defaultAreaSlugs)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
  })
}

export type TrustBundle = z.infer<typeof BundleShape>
export type TrustBundleInput = z.input<typeof BundleShape>
export const ImportResultSchema = z.object({ ids: z.record(z.string(), z.string()) })
