import { describe, expect, it } from 'vitest'
import { OFFER_STATUSES, type OfferStatus } from '@ee/shared/offers'
import { assertOfferTransition, canMoveOffer } from './offer-status.ts'

const LEGAL: [OfferStatus, OfferStatus][] = [
  ['invited', 'proposed'],
  ['invited', 'declined'],
  ['invited', 'withdrawn'],
  ['proposed', 'accepted'],
  ['proposed', 'declined'],
  ['proposed', 'withdrawn'],
]
const isLegal = (from: OfferStatus, to: OfferStatus) => LEGAL.some(([f, t]) => f === from && t === to)
const ALL = OFFER_STATUSES.flatMap((from) => OFFER_STATUSES.map((to) => [from, to] as [OfferStatus, OfferStatus]))

describe('offer lifecycle', () => {
  it.each(LEGAL)('When an offer moves %s → %s, then it is allowed', (from, to) => {
    expect(canMoveOffer(from, to)).toBe(true)
    expect(() => assertOfferTransition(from, to)).not.toThrow()
  })

  it.each(ALL.filter(([f, t]) => !isLegal(f, t)))('When an offer would move %s → %s, then 409', (from, to) => {
    expect(canMoveOffer(from, to)).toBe(false)
    expect(() => assertOfferTransition(from, to)).toThrow(expect.objectContaining({ status: 409, detail: expect.stringContaining(`cannot be ${to} now`) }))
  })

  it('cannot accept an invitation the expert has not answered', () => {
    expect(() => assertOfferTransition('invited', 'accepted')).toThrow(expect.objectContaining({ detail: expect.stringContaining('not answered yet') }))
  })

  it('covers every pair of statuses', () => {
    expect(ALL.filter(([f, t]) => canMoveOffer(f, t))).toEqual(LEGAL)
  })
})
