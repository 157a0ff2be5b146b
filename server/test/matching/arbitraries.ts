// fast-check generators of whole matching scenarios, for the property tests.
import fc from 'fast-check'
import { DEFAULT_STRANDS, makeEntry, makeRequest } from './fixtures.ts'
import { MODES, PHASES, type CandidateExpertise, type MatchContext, type MatchRequest, type PastEngagement } from '../../src/matching/types.ts'

const AREAS = Object.keys(DEFAULT_STRANDS)
const SCHOOLS = ['school-home', 'school-b', 'school-c', 'school-d', 'school-e', 'school-f']
const WORDS = ['attendance', 'reading', 'phonics', 'behaviour', 'workload', 'families', 'science', 'absence', 'coaching']

const someOf = <T>(items: readonly T[], max = 3) => fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: max })

export const requestArb: fc.Arbitrary<MatchRequest> = fc
  .record({
    areas: someOf(AREAS, 2),
    phases: someOf(PHASES, 2),
    modes: someOf(MODES, 2),
    expertsWanted: fc.integer({ min: 1, max: 5 }),
    daysPerExpert: fc.integer({ min: 1, max: 5 }),
    title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
  })
  .map((r) => makeRequest(r))

export function entryArb(count: { min: number; max: number }): fc.Arbitrary<CandidateExpertise[]> {
  return fc
    .array(
      fc.record({
        person: fc.integer({ min: 0, max: 12 }),
        schoolId: fc.constantFrom(...SCHOOLS),
        trustId: fc.constantFrom('trust-1', 'trust-1', 'trust-1', 'trust-2'),
        areas: someOf(AREAS, 3),
        phases: someOf(PHASES, 2),
        modes: someOf(MODES, 3),
        capacityDaysPerTerm: fc.integer({ min: 0, max: 8 }),
        committedDaysInWindowTerm: fc.integer({ min: 0, max: 4 }),
        active: fc.constantFrom(true, true, true, false),
        personActive: fc.constantFrom(true, true, true, false),
        personPaused: fc.constantFrom(false, false, false, true),
        title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' ')),
      }),
      { minLength: count.min, maxLength: count.max },
    )
    .map((rows) =>
      rows.map((r, i) =>
        makeEntry({
          id: `e-${String(i).padStart(3, '0')}`,
          personId: `p-${r.person}`,
          schoolId: r.schoolId,
          trustId: r.trustId,
          areas: r.areas,
          phases: r.phases,
          modes: r.modes,
          capacityDaysPerTerm: r.capacityDaysPerTerm,
          committedDaysInWindowTerm: r.committedDaysInWindowTerm,
          active: r.active,
          personActive: r.personActive,
          personPaused: r.personPaused,
          title: r.title,
          school: { name: r.schoolId, lat: 53 + SCHOOLS.indexOf(r.schoolId) / 20, lng: -1.5, clusterId: r.schoolId.slice(-1), releaseDaysPerTerm: 15 },
        }),
      ),
    )
}

export const historyArb: fc.Arbitrary<PastEngagement[]> = fc
  .array(
    fc.record({
      person: fc.integer({ min: 0, max: 12 }),
      receivingSchoolId: fc.constantFrom(...SCHOOLS),
      areas: someOf(AREAS, 2),
      impact: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      status: fc.constantFrom<PastEngagement['status']>('active', 'completed', 'cancelled'),
    }),
    { maxLength: 15 },
  )
  .map((rows) =>
    rows.map((g, i) => ({
      requestId: `old-${i}`,
      expertPersonId: `p-${g.person}`,
      expertiseId: `old-entry-${i}`,
      receivingSchoolId: g.receivingSchoolId,
      areas: g.areas,
      impact: g.status === 'completed' ? g.impact : null,
      status: g.status,
    })),
  )

export function contextWith(history: PastEngagement[]): MatchContext {
  return {
    areaStrands: DEFAULT_STRANDS,
    history,
    load: { expertDaysThisTerm: new Map(), schoolDaysThisTerm: new Map() },
    now: '2026-12-01T00:00:00Z',
  }
}
