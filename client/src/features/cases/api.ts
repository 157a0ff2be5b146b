import { queryOptions } from '@tanstack/react-query'
import { CaseListSchema, CaseSchema } from '@ee/shared/cases'
import { api } from '../../lib/api.ts'
import { caseKeys } from '../../lib/query-keys.ts'

export const caseQueries = {
  list: (q: { q?: string; area?: string }) => queryOptions({ queryKey: caseKeys.list(q), queryFn: () => api.getAll('/cases', CaseListSchema, q) }),
  detail: (id: string) => queryOptions({ queryKey: caseKeys.detail(id), queryFn: () => api.get(`/cases/${id}`, CaseSchema) }),
}
