import { ExpertiseDirectoryQuerySchema } from '@ee/shared/expertise'
import { useUrlFilter } from '../../lib/url-filter.ts'
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
export const useDirectoryFilter = () => useUrlFilter<DirectoryFilter, Partial<Record<FilterKey, string | undefined>>>(readDirectoryFilter)
