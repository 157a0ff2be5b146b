import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { REQUEST_STATUSES, type RequestStatus } from '@ee/shared/requests'
import { SlugSchema } from '@ee/shared/common'
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

export function useRequestFilter(): [RequestFilter, (change: { status?: string; mine?: boolean; area?: string }) => void] {
  const [params, setParams] = useSearchParams()
  const filter = useMemo(() => readRequestFilter(params), [params])
  const update = useCallback(
    (change: { status?: string; mine?: boolean; area?: string }) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev)
          for (const [k, v] of Object.entries(change)) {
            if (v === undefined || v === '' || v === false) next.delete(k)
            else next.set(k, String(v))
          }
          return next
        },
        { replace: true },
      ),
    [setParams],
  )
  return [filter, update]
}
