import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { type AuditListQueryInput, AuditListSchema, type PutRetentionBody, RetentionSchema } from '@ee/shared/audit'
import { PeopleListSchema } from '@ee/shared/people'
import { api, apiHref } from '../../lib/api.ts'
import { auditKeys } from '../../lib/query-keys.ts'

export const AUDIT_PAGE = 100

export type AuditFilter = Omit<AuditListQueryInput, 'limit' | 'cursor' | 'format'>

export const auditQueries = {
  /** The trail can be long: a page at a time, newest first, "Show more" for the next (IN-2). */
  list: (filter: AuditFilter) =>
    infiniteQueryOptions({
      queryKey: auditKeys.list(filter),
      queryFn: ({ pageParam }) => api.get('/admin/audit', AuditListSchema, { ...filter, limit: AUDIT_PAGE, cursor: pageParam }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      select: (data) => ({ items: data.pages.flatMap((p) => p.items) }),
    }),
  /** People whose name or e-mail matches what the administrator types, for the person filter. */
  people: (q: string) =>
    queryOptions({
      queryKey: [...auditKeys.all, 'people', q] as const,
      queryFn: () => api.get('/people', PeopleListSchema, { q, limit: 20 }),
      enabled: q.trim().length >= 2,
      staleTime: 60_000,
    }),
  retention: () => queryOptions({ queryKey: auditKeys.retention(), queryFn: () => api.get('/retention', RetentionSchema) }),
}

/** Every row the filters match, as a CSV file the browser saves with the session cookie. */
export const auditCsvHref = (filter: AuditFilter) => apiHref('/admin/audit', { ...filter, format: 'csv' })

export function useSetRetention() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: PutRetentionBody) => api.put('/admin/retention', RetentionSchema, body),
    onSuccess: (data) => {
      qc.setQueryData(auditKeys.retention(), data)
      return qc.invalidateQueries({ queryKey: auditKeys.all })
    },
  })
}
