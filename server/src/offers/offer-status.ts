import type { OfferStatus } from '@ee/shared/offers'
import { conflict } from '../lib/problem.ts'

/**
 * The offer lifecycle (docs/design.md §3): born `invited` (the head asked) or `proposed` (the expert offered);
 * an invitation becomes `proposed` when the expert answers it. Then the head accepts or declines, or
 * the expert withdraws. Accepted, declined and withdrawn are final.
 */
export const OFFER_TRANSITIONS: Readonly<Record<OfferStatus, readonly OfferStatus[]>> = {
  invited: ['proposed', 'declined', 'withdrawn'],
  proposed: ['accepted', 'declined', 'withdrawn'],
  accepted: [],
  declined: [],
  withdrawn: [],
}

export const canMoveOffer = (from: OfferStatus, to: OfferStatus) => OFFER_TRANSITIONS[from].includes(to)

const NOW: Record<OfferStatus, string> = {
  invited: 'It is an invitation the expert has not answered yet.',
  proposed: 'It is waiting for the head to decide.',
  accepted: 'It has already been accepted.',
  declined: 'It has already been declined.',
  withdrawn: 'It has been withdrawn.',
}

export function assertOfferTransition(from: OfferStatus, to: OfferStatus): void {
  if (!canMoveOffer(from, to)) conflict(`This offer cannot be ${to} now. ${NOW[from]}`)
}
