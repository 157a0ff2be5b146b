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

const load = (overrides = {}) => ({ expertDaysThisTerm: 0, schoolDaysThisTerm: 0, ...overrides })
const SPRING = { label: 'Spring 2027', start: '2027-01-01', end: '2027-04-11' }
const places = { from: { id: 'school-home', name: 'Castle Hill Primary' }, to: { id: 'school-away', name: 'Oakfield Primary' } }

describe('reason wording', () => {
  it.each([
    ['Key Stage 3 reading recovery: screening, triage and targeted intervention', 'Key Stage 3 reading recovery'],
    ['Deploying teaching assistants well', 'Deploying teaching assistants well'],
  ])('leads with the title "%s" → "%s"', (title, expected) => {
    expect(titleLead(title)).toBe(expected)
  })

  it.each([
    [['reading', 'families-and-community'], ['reading', 'families-and-community'], 'Covers reading and families and community'],
    [['early-reading-phonics'], ['reading'], 'Works in a related area: reading (you asked for early reading phonics)'],
    [['attendance'], ['science'], null],
    [['send'], ['send'], 'Covers SEND'],
  ])('areas %j for an entry in %j: %s', (request, entry, expected) => {
    expect(areaReason(request, entry, DEFAULT_STRANDS)?.text ?? null).toBe(expected)
  })

  it.each([
    [['primary'], ['primary'], 'Works in primary, as you asked'],
    [['primary'], ['nursery'], 'Works in nursery, next to primary, the phase you asked for'],
    [['primary'], ['post16'], 'Works in post-16; you asked for primary'],
  ] as const)('phases %j for %j: %s', (request, entry, expected) => {
    expect(phaseReason(request, entry)?.text).toBe(expected)
  })

  it('names the kinds of help offered that were asked for', () => {
    expect(modeReason({ modes: ['feedback', 'coaching'] }, { modes: ['feedback'] })).toEqual({
      text: 'Offers independent feedback',
      evidence: { kind: 'modes', entry: ['feedback'], asked: ['feedback', 'coaching'], named: ['feedback'] },
    })
    expect(modeReason({ modes: ['feedback'] }, { modes: ['coaching'] })).toBeNull()
  })

  it.each([
    [12.4, false, 'Oakfield Primary is 12 km from Castle Hill Primary'],
    [0.4, true, 'Oakfield Primary is under 1 km from Castle Hill Primary, in your cluster'],
    [null, true, 'Oakfield Primary is in your cluster'],
    [null, false, null],
  ])('distance %s (same cluster %s): %s', (km, same, expected) => {
    expect(distanceReason(km, same, places)?.text ?? null).toBe(expected)
  })

  it('names both schools in the evidence of a distance, to one decimal as the card shows it', () => {
    expect(distanceReason(12.44, false, places)?.evidence).toEqual({ kind: 'distance', km: 12.4, ...places, sameCluster: false })
  })

  it('gives the plain average impact, how many engagements it rests on and the area they were in', () => {
    const track = trackRecord([5, 5, 4].map((impact) => ({ impact, weight: 1, area: 'reading', asked: ['reading'] })))
    expect(trackReason(track)?.text).toBe('Rated 4.7 out of 5 from 3 past engagements in reading')
    expect(trackReason(trackRecord([]))).toBeNull()
  })

  it('When a rating was earned in another area of the strand, then the reason names that area, not the one asked for', () => {
    const track = trackRecord([{ impact: 5, weight: 0.5, area: 'humanities', asked: ['reading'] }])
    expect(trackReason(track, { humanities: 'Humanities', reading: 'Reading' })).toEqual({
      text: 'Rated 5.0 out of 5 from 1 past engagement in humanities (an area next to reading)',
      evidence: { kind: 'trackRecord', meanImpact: 5, count: 1, earnedIn: [{ area: 'humanities', asked: ['reading'], count: 1 }] },
    })
  })

  it('When ratings were earned in the asked area and a related one, then each is counted where it was earned', () => {
    const track = trackRecord([
      { impact: 3, weight: 0.5, area: 'humanities', asked: ['reading'] },
      { impact: 5, weight: 1, area: 'reading', asked: ['reading'] },
      { impact: 4, weight: 1, area: 'reading', asked: ['reading'] },
    ])
    expect(trackReason(track)?.text).toBe('Rated 4.0 out of 5 from 3 past engagements: 2 in reading and 1 in humanities (an area next to reading)')
  })

  it.each([
    [6, 3, '6 days free in Spring 2027'],
    [1, 3, 'Only 1 day free in Spring 2027; you asked for 3'],
  ])('%s free days for %s asked: %s', (free, asked, expected) => {
    expect(availabilityReason({ capacityDaysPerTerm: free + 2, committedDaysInWindowTerm: 2 }, asked, SPRING)).toEqual({
      text: expected,
      evidence: { kind: 'availability', freeDays: free, capacityDays: free + 2, committedDays: 2, askedDays: asked, term: SPRING },
    })
  })

  it('mentions load only when it is notable, naming the term', () => {
    expect(loadReason(load(), 15, SPRING)).toBeNull()
    expect(loadReason(load({ expertDaysThisTerm: 6 }), 15, SPRING)?.text).toBe('Already giving 6 days to other schools in Spring 2027')
    expect(loadReason(load({ schoolDaysThisTerm: 14 }), 15, SPRING)?.text).toBe('Their school is already giving 14 days in Spring 2027')
  })

  it('mentions when an expert was last active only when it was a while ago', () => {
    expect(lastActiveReason('2026-11-20T00:00:00Z', '2026-12-01T00:00:00Z')).toBeNull()
    expect(lastActiveReason('2026-08-01T00:00:00Z', '2026-12-01T00:00:00Z')?.text).toBe('Last active 4 months ago')
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
    const [match] = rankExpertise(makeRequest({ schoolName: 'Home High' }), [makeEntry({ personId: 'p-att', capacityDaysPerTerm: 6 })], context)
    expect(match?.reasons.map((r) => r.text)).toEqual([
      'Improving attendance in secondary',
      'Covers attendance',
      'Works in secondary, as you asked',
      'Offers implementation support and fresh eyes',
      'Mentions persistent absence, first-day response and family support',
      'Away Academy is 4 km from Home High, in your cluster',
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
