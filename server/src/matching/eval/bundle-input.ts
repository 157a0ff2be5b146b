// A trust bundle (docs/design.md §8) turned into the engine's inputs, as the matching service would load them
// from the database: ids are the bundle's refs.
import { DEFAULT_FRAMEWORK } from '@ee/shared/areas'
import type { TrustBundle } from '@ee/shared/bundle'
import { caseworkText, type PastCase } from '../text/casework.ts'
import { termOf, overlaps, type Term } from '../../lib/terms.ts'
import type {
  CandidateExpertise,
  Id,
  LoadFigures,
  MatchContext,
  MatchRequest,
  PastEngagement,
} from '../types.ts'

type BundleRequest = TrustBundle['requests'][number]
type BundleEngagement = TrustBundle['engagements'][number]

/** One open request with everything needed to rank it. */
export interface MatchCase {
  request: MatchRequest
  /** Every expertise entry of the trust, with committed days for the term of this request's window. */
  entries: CandidateExpertise[]
  context: MatchContext
}

export interface BundleMatchingInput {
  cases: MatchCase[]
  /** All entries with no term-specific figures: the text index is built from these once. */
  entries: CandidateExpertise[]
}

export interface BundleConversionOptions {
  /** ISO timestamp: requests published and engagements started after it do not exist yet. */
  clock: string
}

function areaMaps(bundle: TrustBundle): { strands: Record<string, string>; names: Record<string, string> } {
  const strands: Record<string, string> = {}
  const names: Record<string, string> = {}
  if (bundle.areas === undefined) {
    for (const strand of DEFAULT_FRAMEWORK) {
      names[strand.slug] = strand.name
      for (const [slug, name] of strand.areas) {
        strands[slug] = strand.slug
        names[slug] = name
      }
    }
    return { strands, names }
  }
  const slugByRef = new Map(bundle.areas.map((a) => [a.ref, a.slug]))
  for (const area of bundle.areas) {
    names[area.slug] = area.name
    const parent = area.parent === undefined ? undefined : slugByRef.get(area.parent)
    if (parent !== undefined) strands[area.slug] = parent
  }
  return { strands, names }
}

interface EngagementFacts {
  engagement: BundleEngagement
  request: BundleRequest
  expertiseRef: string
  personRef: string
  providingSchool: Id
  receivingSchool: Id
  days: number
  from: string
  to: string
}

/**
 * Days count against a term when the engagement runs in it: agreed days while active,
 * delivered days once completed. Cancelled engagements and refused releases commit nothing.
 */
function committingDays(facts: EngagementFacts, term: Term): number {
  const { engagement } = facts
  if (engagement.status === 'cancelled' || engagement.release === 'refused') return 0
  return overlaps(facts.from, facts.to, term.start, term.end) ? facts.days : 0
}

export function bundleToMatchingInput(bundle: TrustBundle, options: BundleConversionOptions): BundleMatchingInput {
  const trustId = bundle.trust.ref
  const clockDate = options.clock.slice(0, 10)
  const { strands, names } = areaMaps(bundle)
  const schools = new Map(bundle.schools.map((s) => [s.ref, s]))
  const people = new Map(bundle.people.map((p) => [p.ref, p]))
  const expertise = new Map(bundle.expertise.map((e) => [e.ref, e]))
  const requests = new Map(bundle.requests.map((r) => [r.ref, r]))
  const offers = new Map(bundle.offers.map((o) => [o.ref, o]))
  const schoolOf = (personRef: string): Id => people.get(personRef)?.school ?? `no-school:${personRef}`

  const facts: EngagementFacts[] = []
  for (const engagement of bundle.engagements) {
    const offer = offers.get(engagement.offer)
    const request = offer && requests.get(offer.request)
    const entry = offer && expertise.get(offer.expertise)
    if (offer === undefined || request === undefined || entry === undefined) continue
    if (engagement.startedAt !== undefined && engagement.startedAt > clockDate) continue
    const from = engagement.startedAt ?? request.window.start
    const to = engagement.completedAt ?? request.window.end
    facts.push({
      engagement,
      request,
      expertiseRef: entry.ref,
      personRef: entry.person,
      providingSchool: schoolOf(entry.person),
      receivingSchool: request.school,
      days: engagement.status === 'completed' ? (engagement.daysDelivered ?? offer.days) : offer.days,
      from,
      to,
    })
  }

  const history: PastEngagement[] = facts.map((f) => ({
    requestId: f.request.ref,
    expertPersonId: f.personRef,
    expertiseId: f.expertiseRef,
    receivingSchoolId: f.receivingSchool,
    areas: f.request.areas,
    impact: f.engagement.status === 'completed' ? (f.engagement.impact ?? null) : null,
    status: f.engagement.status,
  }))

  const casesByEntry = new Map<Id, PastCase[]>()
  for (const f of facts) {
    if (f.engagement.status !== 'completed') continue
    const list = casesByEntry.get(f.expertiseRef) ?? []
    list.push({
      title: f.request.title,
      problem: f.request.problem,
      headReflection: f.engagement.headReflection ?? null,
      impact: f.engagement.impact ?? null,
    })
    casesByEntry.set(f.expertiseRef, list)
  }

  const baseEntries: CandidateExpertise[] = bundle.expertise.map((e) => {
    const person = people.get(e.person)
    const school = person?.school === undefined ? undefined : schools.get(person.school)
    return {
      id: e.ref,
      personId: e.person,
      schoolId: schoolOf(e.person),
      trustId,
      title: e.title,
      summary: e.summary,
      evidence: e.evidence,
      areas: e.areas,
      subjects: e.subjects,
      phases: e.phases,
      modes: e.modes,
      capacityDaysPerTerm: e.capacityDaysPerTerm,
      committedDaysInWindowTerm: 0,
      active: e.active,
      personActive: person?.active ?? false,
      personPaused: false,
      lastActiveAt: null,
      school: {
        name: school?.name ?? '',
        lat: school?.lat ?? null,
        lng: school?.lng ?? null,
        clusterId: school?.cluster ?? null,
        releaseDaysPerTerm: school?.releaseDaysPerTerm,
      },
      casework: caseworkText(casesByEntry.get(e.ref) ?? []),
    }
  })

  const termCache = new Map<string, { entries: CandidateExpertise[]; load: LoadFigures }>()
  const forTerm = (term: Term) => {
    const cached = termCache.get(term.label)
    if (cached !== undefined) return cached
    const committed = new Map<Id, number>()
    const expertDays = new Map<Id, number>()
    const schoolDays = new Map<Id, number>()
    for (const f of facts) {
      const days = committingDays(f, term)
      if (days === 0) continue
      committed.set(f.expertiseRef, (committed.get(f.expertiseRef) ?? 0) + days)
      expertDays.set(f.personRef, (expertDays.get(f.personRef) ?? 0) + days)
      schoolDays.set(f.providingSchool, (schoolDays.get(f.providingSchool) ?? 0) + days)
    }
    const value = {
      entries: baseEntries.map((e) => ({ ...e, committedDaysInWindowTerm: committed.get(e.id) ?? 0 })),
      load: { expertDaysThisTerm: expertDays, schoolDaysThisTerm: schoolDays },
    }
    termCache.set(term.label, value)
    return value
  }

  const open = bundle.requests.filter(
    (r) => r.status === 'open' && (r.publishedAt === undefined || r.publishedAt <= options.clock),
  )
  const cases = open.map((r): MatchCase => {
    const school = schools.get(r.school)
    const { entries, load } = forTerm(termOf(r.window.start))
    return {
      request: {
        id: r.ref,
        schoolId: r.school,
        trustId,
        title: r.title,
        problem: r.problem,
        tried: r.tried,
        outcome: r.outcome,
        areas: r.areas,
        subjects: r.subjects,
        phases: r.phases,
        modes: r.modes,
        expertsWanted: r.expertsWanted,
        daysPerExpert: r.daysPerExpert,
        window: r.window,
        location: school === undefined ? null : { lat: school.lat, lng: school.lng },
        clusterId: school?.cluster ?? null,
      },
      entries,
      context: { areaStrands: strands, areaNames: names, history, load, now: options.clock },
    }
  })
  return { cases, entries: baseEntries }
}
