import { describe, expect, it } from 'vitest'
import { rankExpertise, rankRequestsForExpert } from './rank.ts'
import {
  areaReason,
  availabilityReason,
  distanceReason,
  lastActiveReason,
  loadReason,
  modeReason,
  phaseReason,
  titleLead,
  trackReason,
} from './reasons.ts'
import { trackRecord } from '../score/signals.ts'
import { DEFAULT_STRANDS, makeContext, makeEngagement, makeEntry, makeRequest } from '../../../test/matching/fixtures.ts'

const details = (overrides = {}) => ({
  km: 12,
  sameCluster: false,
  track: trackRecord([]),
  freeDays: 6,
  expertDaysThisTerm: 0,
  schoolDaysThisTerm: 0,
  ...overrides,
})

describe('reason wording', () => {
  it.each([
    ['Key Stage 3 reading recovery: screening, triage and targeted intervention', 'Key Stage 3 reading recovery'],
    ['Deploying teaching assistants well', 'Deploying teaching assistants well'],
  ])('leads with the title "%s" → "%s"', (title, expected) => {
    expect(titleLead(title)).toBe(expected)
  })

  it.each([
    [['reading', 'families-and-community'], ['reading', 'families-and-community'], 'Covers reading and families and community'],
    [['early-reading-phonics'], ['reading'], 'Works in a related area: reading'],
    [['attendance'], ['science'], null],
    [['send'], ['send'], 'Covers SEND'],
  ])('areas %j for an entry in %j: %s', (request, entry, expected) => {
    expect(areaReason(request, entry, DEFAULT_STRANDS)).toBe(expected)
  })

  it.each([
    [['primary'], ['primary'], 'Works in primary, as you asked'],
    [['primary'], ['nursery'], 'Works in nursery, next to your phase'],
    [['primary'], ['post16'], 'Works in post-16, a different phase'],
  ] as const)('phases %j for %j: %s', (request, entry, expected) => {
    expect(phaseReason(request, entry)).toBe(expected)
  })

  it('names the kinds of help offered that were asked for', () => {
    expect(modeReason({ modes: ['feedback', 'coaching'] }, { modes: ['feedback'] })).toBe('Offers independent feedback')
    expect(modeReason({ modes: ['feedback'] }, { modes: ['coaching'] })).toBeNull()
  })

  it.each([
    [12.4, false, '12 km away'],
    [0.4, true, 'Under 1 km away, in your cluster'],
    [null, true, 'In your cluster'],
    [null, false, null],
  ])('distance %s (same cluster %s): %s', (km, same, expected) => {
    expect(distanceReason(km, same)).toBe(expected)
  })

  it('gives the plain average impact and how many engagements it rests on', () => {
    const track = trackRecord([5, 5, 4].map((impact) => ({ impact, weight: 1 })))
    expect(trackReason(details({ track }), 'reading')).toBe('Rated 4.7 out of 5 from 3 past engagements in reading')
    expect(trackReason(details(), 'reading')).toBeNull()
  })

  it.each([
    [6, 3, 'Spring 2027', '6 days free in Spring 2027'],
    [1, 3, 'Spring 2027', 'Only 1 day free in Spring 2027; you asked for 3'],
  ])('%s free days for %s asked: %s', (free, asked, term, expected) => {
    expect(availabilityReason(free, asked, term)).toBe(expected)
  })

  it('mentions load only when it is notable', () => {
    expect(loadReason(details(), 15)).toBeNull()
    expect(loadReason(details({ expertDaysThisTerm: 6 }), 15)).toBe('Already giving 6 days to other schools this term')
    expect(loadReason(details({ schoolDaysThisTerm: 14 }), 15)).toBe('Their school is already giving 14 days this term')
  })

  it('mentions when an expert was last active only when it was a while ago', () => {
    expect(lastActiveReason('2026-11-20T00:00:00Z', '2026-12-01T00:00:00Z')).toBeNull()
    expect(lastActiveReason('2026-08-01T00:00:00Z', '2026-12-01T00:00:00Z')).toBe('Last active 4 months ago')
  })
})

describe('reasons on a suggestion', () => {
  it('reads like the head would expect, most telling first', () => {
    const context = makeContext({
      history: [
        makeEngagement({ expertPersonId: 'p-att', impact: 5, receivingSchoolId: 'school-x' }),
        makeEngagement({ expertPersonId: 'p-att', impact: 4, receivingSchoolId: 'school-y', requestId: 'older' }),
      ],
    })
    const [match] = rankExpertise(makeRequest(), [makeEntry({ personId: 'p-att', capacityDaysPerTerm: 6 })], context)
    expect(match?.reasons).toEqual([
      'Improving attendance in secondary',
      'Covers attendance',
      'Works in secondary, as you asked',
      'Offers implementation support and fresh eyes',
      'Mentions persistent absence, first-day response and family support',
      '4 km away, in your cluster',
      'Rated 4.5 out of 5 from 2 past engagements in attendance',
      '6 days free in Spring 2027',
    ])
  })

  it('tells an expert why a request suits them', () => {
    const [ranked] = rankRequestsForExpert([makeEntry()], [makeRequest({ daysPerExpert: 2 })], makeContext())
    expect(ranked?.reasons).toContain('Asks for attendance')
    expect(ranked?.reasons).toContain('2 days in Spring 2027; you have 5 free')
  })
})
