import { OFFER_LIFECYCLE, type OfferAction } from '@ee/shared/lifecycles'
import type { OfferStatus } from '@ee/shared/offers'
import { step } from '../lib/lifecycle.ts'

/**
 * The offer lifecycle is one table in shared/src/lifecycles.ts (docs/design.md §3): born `invited` (the
 * head asked) or `proposed` (the expert offered); an invitation becomes `proposed` when the expert answers
 * it. Then the head accepts or declines, or the expert withdraws. Accepted, declined and withdrawn are final.
 */
export const offerStep = (from: OfferStatus, action: OfferAction): OfferStatus => step(OFFER_LIFECYCLE, from, action)
