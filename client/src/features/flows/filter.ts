import { useCallback } from 'react'
import { useSearchParams } from 'react-router'
import { type FlowsFilter, FlowsFilterSchema } from '@ee/shared/flows'
import { useUrlFilter } from '../../lib/url-filter.ts'

const KEYS = ['period', 'from', 'to', 'area', 'cluster'] as const

/**
 * Reads the filter from the URL so a view can be shared. A half-made custom period (only one date)
 * is left out rather than refused: the view falls back to this term until both dates are there.
 */
export function readFilter(params: URLSearchParams): FlowsFilter {
  const raw = Object.fromEntries(KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])))
  const parsed = FlowsFilterSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  const rest = FlowsFilterSchema.safeParse({ area: raw.area, cluster: raw.cluster })
  return rest.success ? rest.data : {}
}

type FlowChange = Partial<Record<(typeof KEYS)[number], string | undefined>>

/** A period other than custom drops the custom dates. */
function dropCustomDates(next: URLSearchParams, change: FlowChange) {
  if (change.period !== undefined && change.period !== 'custom') {
    next.delete('from')
    next.delete('to')
  }
}

/** The filter in the URL and a way to change part of it; a change replaces the history entry. */
export const useFlowFilter = () => useUrlFilter<FlowsFilter, FlowChange>(readFilter, dropCustomDates)

/** The link whose engagements are open, kept in the URL as `link=<from>~<to>`. */
export function useOpenLink(): [{ from: string; to: string } | null, (link: { from: string; to: string } | null) => void] {
  const [params, setParams] = useSearchParams()
  const value = params.get('link')
  const [from, to] = value?.split('~') ?? []
  const open = useCallback(
    (link: { from: string; to: string } | null) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev)
        if (link) next.set('link', `${link.from}~${link.to}`)
        else next.delete('link')
        return next
      }),
    [setParams],
  )
  return [from && to ? { from, to } : null, open]
}
