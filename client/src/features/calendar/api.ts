import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { CalendarYearSchema, type PutCalendarYearBody } from '@ee/shared/calendar'
import { api } from '../../lib/api.ts'
import { calendarKeys } from '../../lib/query-keys.ts'

export const calendarQueries = {
  /** No year: the academic year today falls in (its answer says which: `currentYear`). */
  year: (year?: number) => queryOptions({ queryKey: calendarKeys.year(year), queryFn: () => api.get('/calendar', CalendarYearSchema, { year }) }),
}

/** Term dates move "this term" everywhere: everything read since is stale. */
function useRefreshAll() {
  const qc = useQueryClient()
  return () => qc.invalidateQueries()
}

export function useSaveCalendarYear() {
  const refresh = useRefreshAll()
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: PutCalendarYearBody }) => api.put(`/calendar/${year}`, CalendarYearSchema, body),
    onSuccess: refresh,
  })
}

export function useResetCalendarYear() {
  const refresh = useRefreshAll()
  return useMutation({ mutationFn: (year: number) => api.delete(`/calendar/${year}`, CalendarYearSchema), onSuccess: refresh })
}
