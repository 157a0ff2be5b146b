import { REQUEST_LIFECYCLE, type RequestAction } from '@ee/shared/lifecycles'
import type { RequestStatus } from '@ee/shared/requests'
import { step } from '../lib/lifecycle.ts'

/**
 * The request lifecycle is one table in shared/src/lifecycles.ts (docs/design.md §3): a head drafts,
 * publishes (only a draft), commissions by accepting offers until every place is filled, and the work
 * completes. A refused release or a cancelled engagement frees a place, so a commissioned request can
 * open again, but only by the product, never by publishing it again.
 */
export const requestStep = (from: RequestStatus, action: RequestAction, to?: RequestStatus): RequestStatus => step(REQUEST_LIFECYCLE, from, action, to)
