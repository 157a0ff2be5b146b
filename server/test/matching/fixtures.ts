// Builders for the matching engine's unit tests: a plausible request, entry and context, overridable.
import { DEFAULT_FRAMEWORK } from '@ee/shared/areas'
import type { CandidateExpertise, MatchContext, MatchRequest, PastEngagement } from '../../src/matching/types.ts'

export const DEFAULT_STRANDS: Readonly<Record<string, string>> = Object.fromEntries(
  DEFAULT_FRAMEWORK.flatMap((strand) => strand.areas.map(([slug]) => [slug, strand.slug])),
)

export function makeRequest(overrides: Partial<MatchRequest> = {}): MatchRequest {
  return {
    id: 'req-1',
    schoolId: 'school-home',
    trustId: 'trust-1',
    title: 'Persistent absence in Years 9 and 10',
    problem: 'Too many students in Years 9 and 10 are persistently absent and attendance keeps falling.',
    tried: 'Letters home and attendance certificates.',
    outcome: 'Persistent absence below 15% and students back in lessons.',
    areas: ['attendance'],
    subjects: [],
    phases: ['secondary'],
    modes: ['implementation', 'fresh_eyes'],
    expertsWanted: 1,
    daysPerExpert: 3,
    window: { start: '2027-01-11', end: '2027-03-26' },
    location: { lat: 53.68, lng: -1.5 },
    clusterId: 'cluster-a',
    ...overrides,
  }
}

let sequence = 0

export function makeEntry(overrides: Partial<CandidateExpertise> = {}): CandidateExpertise {
  sequence += 1
  const id = overrides.id ?? `entry-${String(sequence).padStart(4, '0')}`
  return {
    id,
    personId: `person-of-${id}`,
    schoolId: 'school-away',
    trustId: 'trust-1',
    title: 'Improving attendance in secondary: tiered support and first-day response',
    summary: 'I lead attendance. We cut persistent absence with first-day calls, mentoring and family support.',
    evidence: 'Persistent absence fell from 24% to 13% in two years.',
    areas: ['attendance'],
    subjects: [],
    phases: ['secondary'],
    modes: ['implementation', 'fresh_eyes'],
    capacityDaysPerTerm: 5,
    committedDaysInWindowTerm: 0,
    active: true,
    personActive: true,
    personPaused: false,
    lastActiveAt: null,
    school: { name: 'Away Academy', lat: 53.7, lng: -1.45, clusterId: 'cluster-a', releaseDaysPerTerm: 15 },
    ...overrides,
  }
}

export function makeEngagement(overrides: Partial<PastEngagement> = {}): PastEngagement {
  return {
    requestId: 'old-req',
    expertPersonId: 'person-x',
    expertiseId: 'entry-x',
    receivingSchoolId: 'school-home',
    areas: ['attendance'],
    impact: 4,
    status: 'completed',
    ...overrides,
  }
}

export function makeContext(overrides: Partial<MatchContext> = {}): MatchContext {
  return {
    areaStrands: DEFAULT_STRANDS,
    history: [],
    load: { expertDaysThisTerm: new Map(), schoolDaysThisTerm: new Map() },
    now: '2026-12-01T00:00:00Z',
    ...overrides,
  }
}
