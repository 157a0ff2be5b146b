import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contextWith, entryArb, historyArb, requestArb } from '../../../test/matching/arbitraries.ts'
import { indexHistory } from './history.ts'
import { buildMatchIndex } from '../index/match-index.ts'
import { passesHardRules, prepareRequest } from '../index/prepare.ts'
import { rankExpertise } from '../rank/rank.ts'
import { exclusionsFor, freeDays, isEligible } from './rules.ts'
import { makeContext, makeEngagement, makeEntry, makeRequest } from '../../../test/matching/fixtures.ts'
import type { CandidateExpertise, ExclusionRule } from '../types.ts'

const noHistory = indexHistory([])

describe('hard rules', () => {
  it.each<[string, Partial<CandidateExpertise>, ExclusionRule]>([
    ['an archived entry', { active: false }, 'inactive_expertise'],
    ['a person no longer active', { personActive: false }, 'inactive_person'],
    ['a person who paused', { personPaused: true }, 'paused'],
    ['an expert at the requesting school', { schoolId: 'school-home' }, 'same_school'],
    ['an entry with capacity 0', { capacityDaysPerTerm: 0 }, 'no_days_free'],
    ['an entry whose days are all committed', { capacityDaysPerTerm: 4, committedDaysInWindowTerm: 4 }, 'no_days_free'],
    ['an entry of another trust', { trustId: 'trust-2' }, 'other_trust'],
  ])('excludes %s', (_, overrides, rule) => {
    const entry = makeEntry(overrides)
    const request = makeRequest()
    expect(exclusionsFor(request, entry, noHistory).map((e) => e.rule)).toEqual([rule])
    expect(isEligible(request, entry, noHistory)).toBe(false)
  })

  it('keeps an entry with fewer free days than asked, but some', () => {
    const entry = makeEntry({ capacityDaysPerTerm: 3, committedDaysInWindowTerm: 2 })
    expect(freeDays(entry)).toBe(1)
    expect(isEligible(makeRequest({ daysPerExpert: 4 }), entry, noHistory)).toBe(true)
  })

  it('names every rule an entry breaks, each in words a head would read', () => {
    const exclusions = exclusionsFor(
      makeRequest(),
      makeEntry({ schoolId: 'school-home', capacityDaysPerTerm: 0, personPaused: true }),
      noHistory,
    )
    expect(exclusions.map((e) => e.rule)).toEqual(['paused', 'same_school', 'no_days_free'])
    expect(exclusions.find((e) => e.rule === 'no_days_free')?.reason).toBe('Has no days free in Spring 2027')
  })
})

describe('conflict of interest (feedback)', () => {
  const feedback = makeRequest({ modes: ['feedback'], areas: ['behaviour-systems'] })
  const expert = makeEntry({ personId: 'p-1', areas: ['behaviour-systems'] })
  const worked = (overrides = {}) =>
    indexHistory([makeEngagement({ expertPersonId: 'p-1', areas: ['behaviour-systems'], ...overrides })])

  it('excludes an expert who worked with the requesting school on the same area', () => {
    expect(exclusionsFor(feedback, expert, worked()).map((e) => e.rule)).toEqual(['conflict_of_interest'])
    expect(exclusionsFor(feedback, expert, worked())[0]?.reason).toBe(
      'Already worked with your school on behaviour systems, so cannot give an independent view',
    )
  })

  it('excludes every entry of that person, whatever the entry', () => {
    const otherEntry = makeEntry({ personId: 'p-1', areas: ['reading'] })
    expect(isEligible(feedback, otherEntry, worked())).toBe(false)
  })

  it.each([
    ['with another school', { receivingSchoolId: 'school-b' }],
    ['in another area', { areas: ['reading'] }],
    ['on this very request', { requestId: feedback.id }],
  ])('allows an expert who worked %s', (_, overrides) => {
    expect(isEligible(feedback, expert, worked(overrides))).toBe(true)
  })

  it('allows prior work with the school when the request does not ask for feedback', () => {
    expect(isEligible({ ...feedback, modes: ['implementation', 'coaching'] }, expert, worked())).toBe(true)
  })

  it('counts a cancelled engagement: the expert still had a stake', () => {
    expect(isEligible(feedback, expert, worked({ status: 'cancelled', impact: null }))).toBe(false)
  })
})

describe('hard rules under random inputs (property)', () => {
  it('never suggests an excluded entry, and the fast check agrees with the rules', () => {
    fc.assert(
      fc.property(requestArb, entryArb({ min: 0, max: 25 }), historyArb, (request, entries, history) => {
        const context = contextWith(history)
        const historyIndex = indexHistory(history)
        const ranked = rankExpertise(request, entries, context)
        const shown = new Set(ranked.map((m) => m.expertiseId))
        const prepared = prepareRequest(request, context, buildMatchIndex(entries))
        for (const entry of entries) {
          const excluded = exclusionsFor(request, entry, historyIndex).length > 0
          expect(isEligible(request, entry, historyIndex)).toBe(!excluded)
          expect(passesHardRules(prepared, entry)).toBe(!excluded)
          expect(shown.has(entry.id)).toBe(!excluded)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('never suggests an expert with a feedback conflict', () => {
    fc.assert(
      fc.property(requestArb, entryArb({ min: 1, max: 20 }), historyArb, (request, entries, history) => {
        const feedback = { ...request, modes: ['feedback' as const] }
        const ranked = rankExpertise(feedback, entries, contextWith(history))
        for (const match of ranked) {
          const conflict = history.some(
            (g) =>
              g.expertPersonId === match.personId &&
              g.receivingSchoolId === feedback.schoolId &&
              g.areas.some((a) => feedback.areas.includes(a)),
          )
          expect(conflict).toBe(false)
        }
      }),
      { numRuns: 200 },
    )
  })
})

describe('a context with no history', () => {
  it('ranks without errors', () => {
    expect(rankExpertise(makeRequest(), [makeEntry()], makeContext())).toHaveLength(1)
  })
})
