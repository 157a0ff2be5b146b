import type { OfferStatus } from '@ee/shared/offers'

export const OFFER_STATUS_COLOURS: Record<OfferStatus, string> = {
  invited: 'violet',
  proposed: 'blue',
  accepted: 'green',
  declined: 'gray',
  withdrawn: 'dark',
}
