import { REQUEST_STATUSES, type RequestStatus } from '@ee/shared/requests'
import { SlugSchema } from '@ee/shared/common'
import { useUrlFilter } from '../../lib/url-filter.ts'
import type { RequestFilter } from './api.ts'

/** The list's filters live in the URL (?status=open&mine=true&area=reading) so a view can be shared. */
export function readRequestFilter(params: URLSearchParams): RequestFilter {
  const status = (params.get('status') ?? '').split(',').filter((s): s is RequestStatus => (REQUEST_STATUSES as readonly string[]).includes(s))
  const area = params.get('area')
  return {
    ...(status.length ? { status } : {}),
    ...(params.get('mine') === 'true' ? { mine: true } : {}),
    ...(area && SlugSchema.safeParse(area).success ? { area } : {}),
  }
}

export const useRequestFilter = () => useUrlFilter<RequestFilter, { status?: string; mine?: boolean; area?: string }>(readRequestFilter)
