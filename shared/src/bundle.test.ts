import { describe, expect, it } from 'vitest'
import { DEFAULT_AREA_SLUGS } from './areas.ts'
import { type TrustBundleInput, makeBundleSchema } from './bundle.ts'
import { PLAIN_ENGLISH } from './messages.ts'
import { formatPath } from './problem.ts'

const schema = makeBundleSchema(DEFAULT_AREA_SLUGS)
const paths = (input: unknown) => {
  const r = schema.safeParse(input, PLAIN_ENGLISH)
  return r.success ? [] : r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)
}

const base = (): TrustBundleInput => ({
  trust: { ref: 't', name: 'Trust' },
  schools: [
    { ref: 's-1', urn: 100001, name: 'One', phase: 'primary', lat: 53, lng: -1 },
    { ref: 's-2', urn: 100002, name: 'Two', phase: 'secondary', lat: 53, lng: -1 },
  ],
  people: [
    { ref: 'p-1', email: 'head@x.org', name: 'Head', role: 'headteacher', school: 's-1' },
    { ref: 'p-2', email: 'teach@x.org', name: 'Teach', role: 'teacher', school: 's-2' },
  ],
  expertise: [{ ref: 'e-1', person: 'p-2', title: 'Phonics', summary: 'x', evidence: 'y', areas: ['early-reading-phonics'], capacityDaysPerTerm: 3 }],
  requests: [{ ref: 'r-1', school: 's-1', raisedBy: 'p-1', title: 'Phonics', problem: 'p', areas: ['reading'], modes: ['coaching'], expertsWanted: 1, daysPerExpert: 2, window: { start: '2027-01-05', end: '2027-03-31' }, status: 'open', publishedAt: '2026-11-02T09:00:00Z' }],
  offers: [{ ref: 'o-1', request: 'r-1', expertise: 'e-1', days: 2, status: 'accepted' }],
  engagements: [{ ref: 'g-1', offer: 'o-1', status: 'active' }],
})

describe('trust bundle checks', () => {
  it('accepts a coherent bundle', () => {
    expect(paths(base())).toEqual([])
  })

  it('takes optional days per term on an expertise entry, whole and not negative', () => {
    const b = base()
    b.expertise![0]!.termDays = { summer: 0, autumn: 4 }
    expect(paths(b)).toEqual([])
    b.expertise![0]!.termDays = { summer: -1 }
    expect(paths(b)).toEqual(['expertise[0].termDays.summer: Cannot be negative'])
  })

  it('lists every fault with its path: a bad field, a dangling ref and a duplicate ref together', () => {
    const b = base() as { schools: Record<string, unknown>[]; expertise: Record<string, unknown>[]; people: Record<string, unknown>[] }
    b.schools[1]!.lat = 'north'
    b.expertise[0]!.person = 'p-404'
    b.people[1]!.ref = 'p-1'
    expect(paths(b)).toEqual([
      'schools[1].lat: The latitude of school 2 must be a number',
      'people[1].ref: Duplicate ref "p-1"',
      'expertise[0].person: No person with ref "p-404"',
    ])
  })

  it('refuses an offer from the requesting school, an unknown area and duplicate URNs and e-mails', () => {
    const b = base()
    b.expertise![0]!.person = 'p-1'
    b.expertise![0]!.areas = ['astrology']
    b.schools![1]!.urn = 100001
    b.people![1]!.email = 'head@x.org'
    expect(paths(b)).toEqual([
      'people[1].email: Duplicate e-mail, also people[0]',
      'schools[1].urn: Duplicate URN, also schools[0]',
      'expertise[0].areas[0]: No area with slug "astrology"',
      'offers[0].expertise: An offer cannot come from the requesting school',
    ])
  })

  it('requires a school for staff and none for the central team, and a head to raise requests for their own school', () => {
    const b = base()
    b.people!.push({ ref: 'p-3', email: 'c@x.org', name: 'C', role: 'central', school: 's-1' }, { ref: 'p-4', email: 't@x.org', name: 'T', role: 'teacher' })
    b.requests![0]!.raisedBy = 'p-2'
    expect(paths(b)).toEqual([
      'people[2].school: A central works for the trust, not one school',
      'people[3].school: A teacher must belong to a school',
      'requests[0].raisedBy: Only a headteacher raises a request',
      'requests[0].raisedBy: A head raises requests for their own school only',
    ])
  })

  it('needs an accepted offer under an engagement, and impact on a completed one', () => {
    const b = base()
    b.offers![0]!.status = 'proposed'
    b.engagements![0]!.status = 'completed'
    expect(paths(b)).toEqual([
      'engagements[0].offer: An engagement needs an accepted offer',
      'engagements[0].impact: A completed engagement needs an impact rating',
      'engagements[0].completedAt: A completed engagement needs completedAt',
    ])
  })

  it('formats paths the way a person reads them', () => {
    expect(formatPath(['schools', 3, 'lat'])).toBe('schools[3].lat')
    expect(formatPath(['window', 'end'])).toBe('window.end')
    expect(formatPath([])).toBe('')
  })
})
