import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { CaseListSchema, type SimilarCasesInput } from '@ee/shared/cases'
import {
  type CommissioningRequest,
  CommissioningRequestSchema,
  type CreateRequestInput,
  RequestListSchema,
  type RequestStatus,
  type UpdateRequestBody,
} from '@ee/shared/requests'
import { api } from '../../lib/api.ts'
import { caseKeys, requestKeys } from '../../lib/query-keys.ts'

export type RequestFilter = { status?: RequestStatus[]; mine?: boolean; area?: string }

export const requestQueries = {
  list: (f: RequestFilter) =>
    queryOptions({
      queryKey: requestKeys.list(f),
      queryFn: () => api.getAll('/requests', RequestListSchema, { status: f.status?.join(','), mine: f.mine ? 'true' : undefined, area: f.area }),
    }),
  detail: (id: string) => queryOptions({ queryKey: requestKeys.detail(id), queryFn: () => api.get(`/requests/${id}`, CommissioningRequestSchema) }),
  similar: (id: string) => queryOptions({ queryKey: requestKeys.similar(id), queryFn: () => api.get(`/requests/${id}/similar-cases`, CaseListSchema) }),
  /** Past cases like the draft being typed: the form debounces before this key changes. */
  similarToDraft: (draft: SimilarCasesInput) =>
    queryOptions({ queryKey: caseKeys.similarToDraft(draft), queryFn: () => api.post('/cases/similar', CaseListSchema, draft), staleTime: 60_000 }),
}

function useRequestMutation<TVars>(fn: (vars: TVars) => Promise<CommissioningRequest>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: (request) => {
      qc.setQueryData(requestKeys.detail(request.id), request)
      void qc.invalidateQueries({ queryKey: requestKeys.lists() })
    },
  })
}

export const useCreateRequest = () => useRequestMutation((body: CreateRequestInput) => api.post('/requests', CommissioningRequestSchema, body))
export const useUpdateRequest = (id: string) => useRequestMutation((body: Partial<CreateRequestInput> & Pick<UpdateRequestBody, 'version'>) => api.patch(`/requests/${id}`, CommissioningRequestSchema, body))
export const usePublishRequest = (id: string) => useRequestMutation(() => api.post(`/requests/${id}/publish`, CommissioningRequestSchema))
export const useWithdrawRequest = (id: string) => useRequestMutation(() => api.post(`/requests/${id}/withdraw`, CommissioningRequestSchema))
