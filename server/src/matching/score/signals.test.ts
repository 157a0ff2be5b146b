import { describe, expect, it } from 'vitest'
import {
  areaFit,
  availabilityFit,
  haversineKm,
  loadBalanceFit,
  modeFit,
  phaseAffinity,
  phaseFit,
  proximityFit,
  SIGNAL_CONFIG,
  subjectFit,
  textFit,
  trackRecord,
  trackRecordFit,
} from './signals.ts'
import { DEFAULT_STRANDS } from '../../../test/matching/fixtures.ts'
import type { Mode, Phase } from '../types.ts'

describe('areaFit', () => {
  it.each([
    ['the same single area', ['attendance'], ['attendance'], 1],
    ['no shared strand', ['attendance'], ['reading'], 0],
    ['an entry with no areas', ['attendance'], [], 0],
    ['a request with no areas', [], ['reading'], 1],
  ] as const)('scores %s', (_, request, entry, expected) => {
    expect(areaFit(request, entry, DEFAULT_STRANDS)).toBeCloseTo(expected, 10)
  })

  it('gives partial credit for another area of the same strand', () => {
    const sameStrand = areaFit(['early-reading-phonics'], ['reading'], DEFAULT_STRANDS)
    expect(sameStrand).toBeGreaterThan(0)
    expect(sameStrand).toBeLessThan(areaFit(['early-reading-phonics'], ['early-reading-phonics'], DEFAULT_STRANDS))
  })

  it('ranks an entry covering every asked area above one covering half', () => {
    const both = areaFit(['reading', 'families-and-community'], ['reading', 'families-and-community'], DEFAULT_STRANDS)
    const half = areaFit(['reading', 'families-and-community'], ['reading'], DEFAULT_STRANDS)
    expect(both).toBeGreaterThan(half)
  })

  it('ranks a focused entry above one spread over unrelated areas', () => {
    const focused = areaFit(['attendance'], ['attendance'], DEFAULT_STRANDS)
    const spread = areaFit(['attendance'], ['attendance', 'eal', 'science'], DEFAULT_STRANDS)
    expect(focused).toBeGreaterThan(spread)
  })

  it('credits areas implied by the entry text below tagged ones', () => {
    const implied = areaFit(['send'], ['early-years'], DEFAULT_STRANDS, SIGNAL_CONFIG, ['send'])
    const tagged = areaFit(['send'], ['send'], DEFAULT_STRANDS)
    expect(implied).toBeGreaterThan(areaFit(['send'], ['early-years'], DEFAULT_STRANDS))
    expect(implied).toBeLessThan(tagged)
  })
})

describe('subjectFit', () => {
  it.each([
    ['no subject asked for', [], ['maths'], 1],
    ['the same subject', ['science'], ['science'], 1],
    ['an alias (maths and mathematics)', ['maths'], ['mathematics'], 0.8],
    ['a different subject', ['science'], ['maths'], 0],
    ['an entry naming none', ['science'], [], SIGNAL_CONFIG.unspecifiedSubjectCredit],
    ['a shared word', ['communication'], ['communication-and-language'], 0.6],
  ] as const)('scores %s', (_, request, entry, expected) => {
    expect(subjectFit(request, entry)).toBeCloseTo(expected, 10)
  })
})

describe('phaseFit', () => {
  it.each<[string, Phase[], Phase[], number]>([
    ['the same phase', ['primary'], ['primary'], 1],
    ['no phase asked for', [], ['secondary'], 1],
    ['an entry naming none', ['primary'], [], SIGNAL_CONFIG.unspecifiedCredit],
  ])('scores %s', (_, request, entry, expected) => {
    expect(phaseFit(request, entry)).toBeCloseTo(expected, 10)
  })

  it.each<[Phase, Phase]>([
    ['primary', 'nursery'],
    ['primary', 'all_through'],
    ['secondary', 'all_through'],
    ['secondary', 'post16'],
    ['secondary', 'alternative_provision'],
    ['special', 'alternative_provision'],
  ])('treats %s and %s as adjacent, both ways', (a, b) => {
    expect(phaseAffinity(a, b)).toBeGreaterThan(0)
    expect(phaseAffinity(a, b)).toBeLessThan(1)
    expect(phaseAffinity(a, b)).toBe(phaseAffinity(b, a))
  })

  it('scores an adjacent phase above a distant one', () => {
    expect(phaseFit(['primary'], ['nursery'])).toBeGreaterThan(phaseFit(['primary'], ['post16']))
    expect(phaseFit(['primary'], ['post16'])).toBe(0)
  })

  it('is met by one of several asked phases', () => {
    expect(phaseFit(['nursery', 'primary'], ['nursery'])).toBeGreaterThan(0.8)
  })
})

describe('modeFit', () => {
  it.each<[string, Mode[], Mode[], number]>([
    ['every asked mode offered', ['feedback'], ['feedback', 'coaching'], 1],
    ['half the asked modes', ['coaching', 'feedback'], ['coaching'], 0.5],
    ['nothing asked', [], ['coaching'], 1],
    ['an unrelated mode only', ['feedback'], ['coaching'], 0],
  ])('scores %s', (_, request, entry, expected) => {
    expect(modeFit(request, entry)).toBeCloseTo(expected, 10)
  })

  it('gives partial credit to a related mode (fresh eyes for feedback)', () => {
    expect(modeFit(['feedback'], ['fresh_eyes'])).toBeGreaterThan(0)
    expect(modeFit(['feedback'], ['fresh_eyes'])).toBeLessThan(1)
  })
})

describe('textFit', () => {
  it.each([
    [10, 10, 1],
    [5, 10, 0.5],
    [0, 10, 0],
    [3, 0, 0],
  ])('BM25 %s against a best of %s scores %s', (bm25, best, expected) => {
    expect(textFit(bm25, best)).toBeCloseTo(expected, 10)
  })
})

describe('proximity', () => {
  it('measures Wakefield to Leeds as about 14 km', () => {
    expect(haversineKm({ lat: 53.683, lng: -1.498 }, { lat: 53.8, lng: -1.549 })).toBeGreaterThan(12)
    expect(haversineKm({ lat: 53.683, lng: -1.498 }, { lat: 53.8, lng: -1.549 })).toBeLessThan(15)
  })

  it.each([
    [0, true, 1],
    [15, false, (1 - SIGNAL_CONFIG.sameClusterShare) * 0.5],
  ])('scores %s km (same cluster %s) as %s', (km, same, expected) => {
    expect(proximityFit(km, same)).toBeCloseTo(expected, 10)
  })

  it('prefers nearer, and the same cluster at the same distance', () => {
    expect(proximityFit(5, false)).toBeGreaterThan(proximityFit(30, false))
    expect(proximityFit(10, true)).toBeGreaterThan(proximityFit(10, false))
  })

  it('scores an unknown distance as middling', () => {
    expect(proximityFit(null, false)).toBeGreaterThan(proximityFit(100, false))
    expect(proximityFit(null, false)).toBeLessThan(proximityFit(1, false))
  })
})

describe('trackRecord (shrunk towards the prior)', () => {
  it('sits at the prior with no engagements', () => {
    const record = trackRecord([])
    expect(record.shrunkImpact).toBe(SIGNAL_CONFIG.trackPriorImpact)
    expect(record.meanImpact).toBeNull()
  })

  it.each([
    ['one 5', [5], 5],
    ['three 5s', [5, 5, 5], 5],
    ['one 1', [1], 1],
  ])('moves towards %s without reaching it', (_, impacts, towards) => {
    const record = trackRecord(impacts.map((impact) => ({ impact, weight: 1 })))
    const gap = Math.abs(record.shrunkImpact - towards)
    expect(gap).toBeGreaterThan(0)
    expect(gap).toBeLessThan(Math.abs(SIGNAL_CONFIG.trackPriorImpact - towards))
  })

  it('trusts three strong engagements more than one', () => {
    const one = trackRecordFit(trackRecord([{ impact: 5, weight: 1 }]))
    const three = trackRecordFit(trackRecord([5, 5, 5].map((impact) => ({ impact, weight: 1 }))))
    expect(three).toBeGreaterThan(one)
  })

  it('ranks a weak record below no record', () => {
    expect(trackRecordFit(trackRecord([{ impact: 1, weight: 1 }]))).toBeLessThan(trackRecordFit(trackRecord([])))
  })
})

describe('availabilityFit', () => {
  it.each([
    [6, 3, 1],
    [3, 3, 1],
    [0, 3, 0],
  ])('%s free days for %s asked scores %s', (free, asked, expected) => {
    expect(availabilityFit(free, asked)).toBe(expected)
  })

  it('scores fewer days than asked (but some) lower, not zero', () => {
    const partial = availabilityFit(2, 4)
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(1)
    expect(availabilityFit(1, 4)).toBeLessThan(partial)
  })
})

describe('loadBalanceFit', () => {
  it('is 1 for an expert and school giving nothing yet', () => {
    expect(loadBalanceFit(0, 0, 15)).toBe(1)
  })

  it('ranks an expert (or school) already giving a lot lower', () => {
    expect(loadBalanceFit(8, 0, 15)).toBeLessThan(loadBalanceFit(2, 0, 15))
    expect(loadBalanceFit(0, 20, 15)).toBeLessThan(loadBalanceFit(0, 5, 15))
  })

  it('scales the school load by the days it releases per term', () => {
    expect(loadBalanceFit(0, 10, 25)).toBeGreaterThan(loadBalanceFit(0, 10, 10))
  })
})
