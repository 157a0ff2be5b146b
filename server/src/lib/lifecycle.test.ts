import { describe, expect, it } from 'vitest'
import {
  ENGAGEMENT_LIFECYCLE,
  EXTENSION_LIFECYCLE,
  EXTENSION_STATUSES,
  type Lifecycle,
  OFFER_LIFECYCLE,
  RELEASE_LIFECYCLE,
  REQUEST_LIFECYCLE,
  actionsFrom,
  allows,
  refusal,
  startsOf,
} from '@ee/shared/lifecycles'
import { ENGAGEMENT_STATUSES, RELEASE_STATUSES } from '@ee/shared/engagements'
import { OFFER_STATUSES } from '@ee/shared/offers'
import { REQUEST_STATUSES } from '@ee/shared/requests'
import { step } from './lifecycle.ts'

/**
 * The graphs as docs/design.md §3 draws them, written out by hand: the tables must hold exactly these
 * steps, so a row added or lost in shared/src/lifecycles.ts fails here before it reaches a head.
 */
const EXPECTED: Record<string, string[]> = {
  request: [
    'draft -edit-> draft', 'open -edit-> open', 'open -edit-> commissioned', 'draft -publish-> open', 'draft -withdraw-> withdrawn', 'open -withdraw-> withdrawn',
    'open -invite-> open', 'open -offer-> open', 'open -accept-> open', 'open -accept-> commissioned',
    'commissioned -complete-> completed', 'commissioned -reopen-> open',
  ],
  offer: [
    'invited -answer-> proposed', 'invited -decline-> declined', 'invited -expire-> declined', 'invited -close-> declined', 'invited -withdraw-> withdrawn',
    'proposed -edit-> proposed', 'proposed -accept-> accepted', 'proposed -decline-> declined', 'proposed -close-> declined', 'proposed -withdraw-> withdrawn',
  ],
  engagement: [
    'active -log-> active', 'active -extend-> active', 'active -complete-> completed', 'active -reflect-> active', 'completed -reflect-> completed',
    'active -cancel-> cancelled', 'active -refuseRelease-> cancelled',
    'active -endEarly-> completed', 'active -askColleague-> active', 'active -nameColleague-> active', 'active -handOver-> completed', 'active -handOver-> cancelled',
  ],
  release: ['pending -approve-> approved', 'pending -refuse-> refused'],
  'request for more days': [
    'proposed -agree-> approved', 'proposed -agree-> pending', 'proposed -decline-> declined', 'pending -approve-> approved', 'pending -refuse-> refused',
  ],
}

type AnyLifecycle = Lifecycle<string, string>
const TABLES: [AnyLifecycle, readonly string[], string][] = [
  [REQUEST_LIFECYCLE, REQUEST_STATUSES, 'draft'],
  [OFFER_LIFECYCLE, OFFER_STATUSES, 'invited'],
  [ENGAGEMENT_LIFECYCLE, ENGAGEMENT_STATUSES, 'active'],
  [RELEASE_LIFECYCLE, RELEASE_STATUSES, 'pending'],
  [EXTENSION_LIFECYCLE, EXTENSION_STATUSES, 'proposed'],
]

describe.each(TABLES)('the $noun lifecycle table', (lc, states, start) => {
  const actions = Object.keys(lc.done)

  it('When read, then it holds exactly the steps of docs/design.md §3, each with a party', () => {
    expect(lc.transitions.map((r) => `${r.from} -${r.action}-> ${r.to}`).sort()).toEqual([...EXPECTED[lc.noun]!].sort())
    for (const r of lc.transitions) {
      expect(states).toContain(r.from)
      expect(states).toContain(r.to)
      expect(r.who.length).toBeGreaterThan(0)
    }
  })

  it('When walked from its first state, then every state is reachable', () => {
    const seen = new Set([start])
    for (let grew = true; grew;) {
      grew = false
      for (const r of lc.transitions) if (seen.has(r.from) && !seen.has(r.to)) grew = seen.add(r.to) !== undefined
    }
    expect([...seen].sort()).toEqual([...states].sort())
  })

  it('When every action is tried from every state, then the table answers the next state or a 409 naming the current one', () => {
    let tried = 0
    for (const from of states) {
      for (const action of actions) {
        tried++
        if (allows(lc, from, action)) {
          expect(lc.transitions.map((r) => r.to)).toContain(step(lc, from, action))
        } else {
          const message = refusal(lc, from, action)
          expect(message).toMatch(new RegExp(`^This ${lc.noun} is ${lc.is[from]}; only .+ can be ${lc.done[action]}\\.$`))
          expect(() => step(lc, from, action)).toThrow(expect.objectContaining({ status: 409, type: '/problems/conflict', detail: message }))
        }
      }
    }
    expect(tried).toBe(states.length * actions.length)
  })

  it('When an action has two ends, then each row says what decides, and the caller must name one the table holds', () => {
    for (const r of lc.transitions) {
      const ends = lc.transitions.filter((o) => o.from === r.from && o.action === r.action)
      if (ends.length > 1) expect(r.when).toBeTruthy()
    }
    const [two] = lc.transitions.filter((r) => lc.transitions.filter((o) => o.from === r.from && o.action === r.action).length > 1)
    if (two) expect(() => step(lc, two.from, two.action, states.find((s) => !lc.transitions.some((o) => o.from === two.from && o.action === two.action && o.to === s)))).toThrow(/not in the table/)
  })
})

describe('what the tables promise', () => {
  it('When a commissioned request is published, then 409: only a draft can be published', () => {
    expect(startsOf(REQUEST_LIFECYCLE, 'publish')).toEqual(['draft'])
    expect(() => step(REQUEST_LIFECYCLE, 'commissioned', 'publish')).toThrow(expect.objectContaining({
      status: 409, detail: 'This request is commissioned; only a draft can be published.',
    }))
    expect(refusal(REQUEST_LIFECYCLE, 'open', 'publish')).toBe('This request is open; only a draft can be published.')
  })

  it('When a decision is final, then nothing leaves it (except the expert reflecting on completed work)', () => {
    for (const s of ['completed', 'withdrawn'] as const) expect(actionsFrom(REQUEST_LIFECYCLE, s)).toEqual([])
    for (const s of ['accepted', 'declined', 'withdrawn'] as const) expect(actionsFrom(OFFER_LIFECYCLE, s)).toEqual([])
    expect(actionsFrom(ENGAGEMENT_LIFECYCLE, 'completed')).toEqual(['reflect'])
    expect(actionsFrom(ENGAGEMENT_LIFECYCLE, 'cancelled')).toEqual([])
    for (const s of ['approved', 'refused'] as const) expect(actionsFrom(RELEASE_LIFECYCLE, s)).toEqual([])
    for (const s of ['approved', 'declined', 'refused'] as const) expect(actionsFrom(EXTENSION_LIFECYCLE, s)).toEqual([])
  })

  it('When the client asks which buttons a party gets, then the table answers by party', () => {
    expect(actionsFrom(REQUEST_LIFECYCLE, 'draft', 'head')).toEqual(['edit', 'publish', 'withdraw'])
    expect(actionsFrom(ENGAGEMENT_LIFECYCLE, 'active', 'expert')).toEqual(['log', 'extend', 'reflect', 'cancel'])
    expect(actionsFrom(EXTENSION_LIFECYCLE, 'proposed', 'head')).toEqual(['agree', 'decline'])
    expect(actionsFrom(EXTENSION_LIFECYCLE, 'pending', 'providing')).toEqual(['approve', 'refuse'])
    expect(actionsFrom(EXTENSION_LIFECYCLE, 'pending', 'head')).toEqual([])
  })
})
