import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contextWith, entryArb, historyArb, requestArb } from '../../../test/matching/arbitraries.ts'
import { buildMatchIndex } from '../index/match-index.ts'
import { emptySignals, prepareRequest, signalsFor } from '../index/prepare.ts'
import { MATCH_WEIGHTS, panel, panelFirst, rankExpertise, rankRequestsForExpert, weightedScore } from './rank.ts'
import { makeContext, makeEntry, makeRequest } from '../../../test/matching/fixtures.ts'
import { SIGNAL_NAMES, type Signals } from '../types.ts'

const allSignals = (value: number): Signals =>
  Object.fromEntries(SIGNAL_NAMES.map((name) => [name, value])) as Signals

describe('weightedScore', () => {
  it.each([0, 0.5, 1])('is %s when every signal is %s', (value) => {
    expect(weightedScore(allSignals(value))).toBeCloseTo(value, 10)
  })

  it('keeps every weight in one config object, all positive', () => {
    for (const name of SIGNAL_NAMES) expect(MATCH_WEIGHTS[name]).toBeGreaterThan(0)
  })

  it('weighs text relevance most', () => {
    const most = Math.max(...SIGNAL_NAMES.map((name) => MATCH_WEIGHTS[name]))
    expect(MATCH_WEIGHTS.text).toBe(most)
  })
})

describe('panel', () => {
  const item = (id: string, schoolId: string, personId = `p-${id}`) => ({ id, schoolId, personId })

  it.each([
    ['takes the best of each school first', [item('a', 's1'), item('b', 's1'), item('c', 's2'), item('d', 's3')], 3, ['a', 'c', 'd']],
    ['falls back to a school already used when no other school is left', [item('a', 's1'), item('b', 's1'), item('c', 's2')], 3, ['a', 'b', 'c']],
    ['never takes the same person twice', [item('a', 's1', 'p1'), item('b', 's2', 'p1'), item('c', 's3', 'p2')], 2, ['a', 'c']],
    ['returns what there is when there are fewer than asked', [item('a', 's1')], 3, ['a']],
  ])('%s', (_, ranked, n, expected) => {
    expect(panel(ranked, n).map((x) => x.id)).toEqual(expected)
  })

  it('puts the panel first, then the rest in rank order', () => {
    const ranked = [item('a', 's1'), item('b', 's1'), item('c', 's2')]
    expect(panelFirst(ranked, 2).map((x) => x.id)).toEqual(['a', 'c', 'b'])
  })

  it('finds distinct schools even when the best person of one school blocks another', () => {
    const ranked = [item('a', 's1', 'p1'), item('b', 's2', 'p1'), item('c', 's1', 'p2')]
    expect(panel(ranked, 2).map((x) => x.id)).toEqual(['b', 'c'])
  })

  it('picks distinct schools whenever enough distinct schools exist (property)', () => {
    const arb = fc.tuple(
      fc.array(fc.constantFrom<string>('s1', 's2', 's3', 's4', 's5'), { maxLength: 20 }),
      fc.integer({ min: 1, max: 5 }),
    )
    fc.assert(
      fc.property(arb, ([schools, n]) => {
        const ranked = schools.map((schoolId, i) => item(String(i), schoolId))
        const chosen = panel(ranked, n)
        expect(chosen).toHaveLength(Math.min(n, ranked.length))
        expect(new Set(chosen.map((r) => r.schoolId)).size).toBe(Math.min(n, new Set(schools).size))
        const firstOfEachSchool = ranked.filter((r, i) => schools.indexOf(r.schoolId) === i).slice(0, n)
        for (const best of firstOfEachSchool) expect(chosen).toContain(best)
      }),
      { numRuns: 300 },
    )
  })

  it('never repeats a person and keeps rank order (property)', () => {
    const arb = fc.tuple(
      fc.array(fc.record({ schoolId: fc.constantFrom('s1', 's2', 's3'), personId: fc.constantFrom('p1', 'p2', 'p3', 'p4') }), {
        maxLength: 15,
      }),
      fc.integer({ min: 1, max: 5 }),
    )
    fc.assert(
      fc.property(arb, ([rows, n]) => {
        const ranked = rows.map((r, i) => ({ ...r, id: i }))
        const chosen = panel(ranked, n)
        expect(new Set(chosen.map((r) => r.personId)).size).toBe(chosen.length)
        expect(chosen.length).toBe(Math.min(n, new Set(rows.map((r) => r.personId)).size))
        expect(chosen.map((r) => r.id)).toEqual([...chosen.map((r) => r.id)].sort((a, b) => a - b))
      }),
      { numRuns: 300 },
    )
  })

  it('leads the suggestions with a panel from different schools when a head wants several experts', () => {
    const request = makeRequest({ expertsWanted: 2 })
    const entries = [
      makeEntry({ id: 'a1', schoolId: 'school-a', personId: 'pa1' }),
      makeEntry({ id: 'a2', schoolId: 'school-a', personId: 'pa2' }),
      makeEntry({ id: 'b1', schoolId: 'school-b', personId: 'pb1', title: 'Attendance mentoring', summary: 'Mentoring.' }),
    ]
    const top2 = rankExpertise(request, entries, makeContext()).slice(0, 2)
    expect(new Set(top2.map((m) => m.schoolId)).size).toBe(2)
  })
})

describe('determinism', () => {
  it('gives the same ranking whatever the order of the candidates (property)', () => {
    fc.assert(
      fc.property(requestArb, entryArb({ min: 0, max: 30 }), historyArb, fc.integer(), (request, entries, history, seed) => {
        const context = contextWith(history)
        const shuffled = [...entries].sort((a, b) => ((hash(a.id, seed) - hash(b.id, seed)) | 0) || (a.id < b.id ? -1 : 1))
        const first = rankExpertise(request, entries, context, { limit: 10 })
        const second = rankExpertise(request, shuffled, context, { limit: 10 })
        expect(second.map((m) => m.expertiseId)).toEqual(first.map((m) => m.expertiseId))
        expect(second.map((m) => m.score)).toEqual(first.map((m) => m.score))
      }),
      { numRuns: 150 },
    )
  })

  it('breaks ties by id', () => {
    const twins = ['c', 'a', 'b'].map((id) => makeEntry({ id, personId: `p-${id}`, schoolId: `s-${id}` }))
    const ranked = rankExpertise(makeRequest(), twins, makeContext(), { panelFirst: false })
    expect(ranked.map((m) => m.expertiseId)).toEqual(['a', 'b', 'c'])
    expect(new Set(ranked.map((m) => m.score)).size).toBe(1)
  })

  it('scores an entry the same from the prebuilt tables as from the entry itself (property)', () => {
    fc.assert(
      fc.property(requestArb, entryArb({ min: 1, max: 20 }), historyArb, (request, entries, history) => {
        const prepared = prepareRequest(request, contextWith(history), buildMatchIndex(entries))
        entries.forEach((entry, position) => {
          const fast = signalsFor(prepared, entry, 1, 2, emptySignals(), position)
          const slow = signalsFor(prepared, entry, 1, 2, emptySignals(), -1)
          expect(fast).toEqual(slow)
        })
      }),
      { numRuns: 150 },
    )
  })
})

describe('rankExpertise', () => {
  it('returns scores between 0 and 1, best first, with reasons', () => {
    const entries = [
      makeEntry({ id: 'fit' }),
      makeEntry({ id: 'unfit', title: 'GCSE drama', summary: 'Devising.', areas: ['arts-and-pe'], phases: ['primary'] }),
    ]
    const ranked = rankExpertise(makeRequest(), entries, makeContext())
    expect(ranked.map((m) => m.expertiseId)).toEqual(['fit', 'unfit'])
    for (const m of ranked) {
      expect(m.score).toBeGreaterThanOrEqual(0)
      expect(m.score).toBeLessThanOrEqual(1)
      expect(m.reasons.length).toBeGreaterThan(0)
    }
  })

  it('honours the limit', () => {
    const entries = Array.from({ length: 12 }, (_, i) => makeEntry({ id: `e${i}`, schoolId: `s${i}`, personId: `p${i}` }))
    expect(rankExpertise(makeRequest(), entries, makeContext(), { limit: 5 })).toHaveLength(5)
  })

  it('ranks an entry missing from a prebuilt index by the index statistics', () => {
    const indexed = [makeEntry({ id: 'old', title: 'Reading fluency', summary: 'Echo reading.', areas: ['reading'] })]
    const index = buildMatchIndex(indexed)
    const fresh = makeEntry({ id: 'new' })
    const ranked = rankExpertise(makeRequest(), [...indexed, fresh], makeContext(), { index })
    expect(ranked[0]?.expertiseId).toBe('new')
  })
})

describe('rankRequestsForExpert', () => {
  it('ranks the request that fits the expert first, under the same hard rules', () => {
    const mine = [makeEntry({ id: 'mine', personId: 'me', schoolId: 'school-mine' })]
    const requests = [
      makeRequest({ id: 'r-reading', title: 'Reading for pleasure', problem: 'Few read at home.', areas: ['reading'], phases: ['primary'] }),
      makeRequest({ id: 'r-attendance' }),
      makeRequest({ id: 'r-own-school', schoolId: 'school-mine' }),
    ]
    const ranked = rankRequestsForExpert(mine, requests, makeContext(), { index: buildMatchIndex(mine) })
    expect(ranked.map((r) => r.requestId)).toEqual(['r-attendance', 'r-reading'])
    expect(ranked[0]?.reasons[0]).toContain('Improving attendance in secondary')
  })
})

function hash(id: string, seed: number): number {
  let h = seed | 0
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619)
  return h
}
