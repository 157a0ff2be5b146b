import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'

type Change = Partial<Record<string, string | boolean | undefined>>

/**
 * A view's filters kept in the URL, so a view can be shared. `read` turns the query string into the
 * filter; the update sets some keys (undefined, '' or false clears one), lets `adjust` tidy the rest,
 * and replaces the history entry. Pass module-level functions: they are dependencies.
 */
export function useUrlFilter<F, C extends Change>(read: (params: URLSearchParams) => F, adjust?: (next: URLSearchParams, change: C) => void): [F, (change: C) => void, URLSearchParams] {
  const [params, setParams] = useSearchParams()
  const filter = useMemo(() => read(params), [read, params])
  const update = useCallback(
    (change: C) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev)
          for (const [k, v] of Object.entries(change)) {
            if (v === undefined || v === '' || v === false) next.delete(k)
            else next.set(k, String(v))
          }
          adjust?.(next, change)
          return next
        },
        { replace: true },
      ),
    [setParams, adjust],
  )
  return [filter, update, params]
}
