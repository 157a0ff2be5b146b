import { describe, expect, it } from 'vitest'
import { makeContext, makeEngagement, makeEntry, makeRequest } from '../../../test/matching/fixtures.ts'
import type { CandidateExpertise, ExclusionRule, WhyNotEntry } from '../types.ts'
import { explainWhyNot } from './why-not.ts'

const strong = (i: number) =>
  makeEntry({ id: `strong-${i}`, personId: `p-strong-${i}`, schoolId: `school-${i}` })

function askAbout(target: CandidateExpertise, others: CandidateExpertise[] = [strong(1)], request = makeRequest(), context = makeContext()) {
  const answer = explainWhyNot(request, [...others, target], context, { expertiseId: target.id }, { limit: 10 })
  return answer.entries[0] as WhyNotEntry
}

describe('why not this person?', () => {
  it.each<[string, Partial<CandidateExpertise>, ExclusionRule, string]>([
    ['works at the requesting school', { schoolId: 'school-home' }, 'same_school', 'Works at your school; suggestions always come from other schools'],
    ['has no days free', { capacityDaysPerTerm: 0 }, 'no_days_free', 'Has no days free in Spring 2027'],
    ['paused', { personPaused: true }, 'paused', 'Has paused their availability'],
    ['is no longer active', { personActive: false }, 'inactive_person', 'No longer active in the trust'],
    ['archived the entry', { active: false }, 'inactive_expertise', 'This expertise has been archived'],
    ['is in another trust', { trustId: 'trust-2' }, 'other_trust', 'Belongs to another trust'],
  ])('names the rule when the expert %s', (_, overrides, rule, reason) => {
    const answer = askAbout(makeEntry({ id: 'asked', ...overrides }))
    expect(answer).toEqual({ expertiseId: 'asked', status: 'excluded', exclusions: [{ rule, reason }] })
  })

  it('names the conflict of interest on a feedback request', () => {
    const request = makeRequest({ modes: ['feedback'] })
    const context = makeContext({ history: [makeEngagement({ expertPersonId: 'p-asked' })] })
    const answer = askAbout(makeEntry({ id: 'asked', personId: 'p-asked' }), [], request, context)
    expect(answer.status === 'excluded' && answer.exclusions[0]?.rule).toBe('conflict_of_interest')
  })

  it('gives the rank and the weak signals that kept an eligible expert low', () => {
    const others = Array.from({ length: 12 }, (_, i) => strong(i))
    const weak = makeEntry({
      id: 'asked',
      title: 'GCSE drama: devising',
      summary: 'I teach drama.',
      evidence: 'Results rose.',
      areas: ['arts-and-pe'],
      phases: ['primary'],
      modes: ['coaching'],
    })
    const answer = askAbout(weak, others)
    expect(answer.status).toBe('ranked')
    if (answer.status !== 'ranked') return
    expect(answer.rank).toBe(13)
    expect(answer.of).toBe(13)
    expect(answer.shown).toBe(false)
    expect(answer.cutOffScore).toBeGreaterThan(answer.score)
    const signals = answer.weakSignals.map((w) => w.signal)
    expect(signals).toContain('area')
    expect(answer.weakSignals.find((w) => w.signal === 'area')?.reason).toBe(
      'Low area fit: their expertise is in arts and PE; you asked for attendance',
    )
    expect(answer.weakSignals.length).toBeLessThanOrEqual(3)
  })

  it('answers for every entry of a named person', () => {
    const entries = [
      makeEntry({ id: 'a', personId: 'p-two', capacityDaysPerTerm: 0 }),
      makeEntry({ id: 'b', personId: 'p-two' }),
    ]
    const answer = explainWhyNot(makeRequest(), entries, makeContext(), { personId: 'p-two' })
    expect(answer.entries.map((e) => [e.expertiseId, e.status])).toEqual([
      ['a', 'excluded'],
      ['b', 'ranked'],
    ])
  })

  it('answers nothing for someone it does not know (the route answers 404)', () => {
    expect(explainWhyNot(makeRequest(), [strong(1)], makeContext(), { personId: 'nobody' })).toEqual({ entries: [] })
  })
})
