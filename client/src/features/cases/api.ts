import { queryOptions } from '@tanstack/react-query'
import { AreaListSchema } from '@ee/shared/areas'
import { CaseListSchema, CaseSchema } from '@ee/shared/cases'
import { api } from '../../lib/api.ts'

export const caseQueries = {
  all: () => ['cases'] as const,
  list: (q: { q?: string; area?: string }) => queryOptions({ queryKey: [...caseQueries.all(), 'list', q], queryFn: () => api.get('/cases', CaseListSchema, q) }),
  detail: (id: string) => queryOptions({ queryKey: [...caseQueries.all(), 'detail', id], queryFn: () => api.get(`/cases/${id}`, CaseSchema) }),
  areas: () => queryOptions({ queryKey: ['areas', 'list'], queryFn: () => api.get('/areas', AreaListSchema), staleTime: 5 * 60_000 }),
}
