import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { ExpertiseDirectoryQuerySchema } from '@ee/shared/expertise'
import type { DirectoryFilter } from './api.ts'

export const FILTER_KEYS = ['q', 'area', 'phase', 'subject', 'mode', 'school', 'cluster', 'hasFreeDays'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]

/** Reads the directory's filters from the URL; a value the server would refuse is left out, not shown as an error. */
export function readDirectoryFilter(params: URLSearchParams): DirectoryFilter {
  const shape = ExpertiseDirectoryQuerySchema.shape
  const filter: Record<string, string> = {}
  for (const key of FILTER_KEYS) {
    const value = params.get(key)
    if (value && shape[key].safeParse(value).success) filter[key] = value
  }
  return filter
}

/** The filters in the URL, so a view can be shared, and a way to change some of them. */
export function useDirectoryFilter(): [DirectoryFilter, (change: Partial<Record<FilterKey, string | undefined>>) => void] {
  const [params, setParams] = useSearchParams()
  const filter = useMemo(() => readDirectoryFilter(params), [params])
  const update = useCallback(
    (change: Partial<Record<FilterKey, string | undefined>>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev)
          for (const [k, v] of Object.entries(change)) {
            if (v === undefined || v === '') next.delete(k)
            else next.set(k, v)
          }
          return next
        },
        { replace: true },
      ),
    [setParams],
  )
  return [filter, update]
}
