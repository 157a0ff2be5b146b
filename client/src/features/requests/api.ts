import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import { AreaListSchema } from '@ee/shared/areas'
import { CaseListSchema, type SimilarCasesInput } from '@ee/shared/cases'
import { ExpertiseDirectorySchema, ExpertiseListSchema } from '@ee/shared/expertise'
import {
  AcceptOfferResultSchema,
  type CreateInvitationToOfferBody,
  type CreateOfferBodySchema,
  OfferListSchema,
  OfferSchema,
  type UpdateOfferBody,
} from '@ee/shared/offers'
import {
  type CommissioningRequest,
  CommissioningRequestSchema,
  type CreateRequestInput,
  RequestListSchema,
  type RequestStatus,
  type UpdateRequestBody,
} from '@ee/shared/requests'
import { api } from '../../lib/api.ts'

export type RequestFilter = { status?: RequestStatus[]; mine?: boolean; area?: string }

export const requestQueries = {
  all: () => ['requests'] as const,
  lists: () => [...requestQueries.all(), 'list'] as const,
  list: (f: RequestFilter) =>
    queryOptions({
      queryKey: [...requestQueries.lists(), f],
      queryFn: () => api.get('/requests', RequestListSchema, { status: f.status?.join(','), mine: f.mine ? 'true' : undefined, area: f.area }),
    }),
  detail: (id: string) => queryOptions({ queryKey: [...requestQueries.all(), 'detail', id], queryFn: () => api.get(`/requests/${id}`, CommissioningRequestSchema) }),
  offers: (id: string) => queryOptions({ queryKey: ['offers', 'request', id], queryFn: () => api.get(`/requests/${id}/offers`, OfferListSchema) }),
  similar: (id: string) => queryOptions({ queryKey: [...requestQueries.all(), 'similar', id], queryFn: () => api.get(`/requests/${id}/similar-cases`, CaseListSchema) }),
  /** Past cases like the draft being typed: the form debounces before this key changes. */
  similarToDraft: (draft: SimilarCasesInput) =>
    queryOptions({ queryKey: ['cases', 'similar-draft', draft], queryFn: () => api.post('/cases/similar', CaseListSchema, draft), staleTime: 60_000 }),
  areas: () => queryOptions({ queryKey: ['areas', 'list'], queryFn: () => api.get('/areas', AreaListSchema), staleTime: 5 * 60_000 }),
  /** The reader's own expertise entries, to offer with. */
  myExpertise: () => queryOptions({ queryKey: ['expertise', 'mine'], queryFn: () => api.get('/expertise/mine', ExpertiseListSchema) }),
  /** Colleagues of other schools to invite, from the expertise directory. */
  experts: (q: { area?: string; q?: string }) =>
    queryOptions({ queryKey: ['expertise', 'invite-search', q], queryFn: () => api.get('/expertise', ExpertiseDirectorySchema, { ...q, limit: 20 }), staleTime: 60_000 }),
}

function useRequestMutation<TVars>(fn: (vars: TVars) => Promise<CommissioningRequest>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: (request) => {
      qc.setQueryData(requestQueries.detail(request.id).queryKey, request)
      void qc.invalidateQueries({ queryKey: requestQueries.lists() })
    },
  })
}

export const useCreateRequest = () => useRequestMutation((body: CreateRequestInput) => api.post('/requests', CommissioningRequestSchema, body))
export const useUpdateRequest = (id: string) => useRequestMutation((body: Partial<CreateRequestInput> & Pick<UpdateRequestBody, 'version'>) => api.patch(`/requests/${id}`, CommissioningRequestSchema, body))
export const usePublishRequest = (id: string) => useRequestMutation(() => api.post(`/requests/${id}/publish`, CommissioningRequestSchema))
export const useWithdrawRequest = (id: string) => useRequestMutation(() => api.post(`/requests/${id}/withdraw`, CommissioningRequestSchema))

/** Anything done to an offer can change the request (places, status) and the reader's notifications. */
function useOfferMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: requestQueries.all() })
      void qc.invalidateQueries({ queryKey: ['offers'] })
      void qc.invalidateQueries({ queryKey: ['notifications'] })
      void qc.invalidateQueries({ queryKey: ['engagements'] })
    },
  })
}

export const useInvite = (requestId: string) =>
  useOfferMutation((body: CreateInvitationToOfferBody) => api.post(`/requests/${requestId}/invitations`, OfferSchema, body))
export const useMakeOffer = (requestId: string) =>
  useOfferMutation((body: z.input<typeof CreateOfferBodySchema>) => api.post(`/requests/${requestId}/offers`, OfferSchema, body))
export const useUpdateOffer = () =>
  useOfferMutation(({ id, ...body }: UpdateOfferBody & { id: string }) => api.patch(`/offers/${id}`, OfferSchema, body))
/** One Idempotency-Key per click: a retried request after a dropped connection cannot commission twice. */
export const useAcceptOffer = () =>
  useOfferMutation(({ id, note, key }: { id: string; note: string; key: string }) =>
    api.post(`/offers/${id}/accept`, AcceptOfferResultSchema, { note }, { 'idempotency-key': key }),
  )
export const useDeclineOffer = () =>
  useOfferMutation(({ id, reason }: { id: string; reason: string }) => api.post(`/offers/${id}/decline`, OfferSchema, { reason }))
export const useWithdrawOffer = () => useOfferMutation(({ id }: { id: string }) => api.post(`/offers/${id}/withdraw`, OfferSchema))
