import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import { ExpertiseDirectorySchema, ExpertiseListSchema } from '@ee/shared/expertise'
import {
  AcceptOfferResultSchema,
  type CreateInvitationToOfferBody,
  NextSuggestionsSchema,
  type CreateOfferBodySchema,
  OfferListSchema,
  OfferSchema,
  type UpdateOfferBody,
} from '@ee/shared/offers'
import { RequestListSchema } from '@ee/shared/requests'
import { api } from '../../lib/api.ts'
import { engagementKeys, expertiseKeys, notificationKeys, offerKeys, requestKeys } from '../../lib/query-keys.ts'

export const offerQueries = {
  /** Requests I was invited to or offered on, each with my offer's status. */
  mine: () =>
    queryOptions({
      queryKey: offerKeys.mine(),
      queryFn: async () => {
        const list = await api.getAll('/requests', RequestListSchema, { mine: 'true' })
        return list.items.filter((r) => r.viewer.myOffer !== null)
      },
    }),
  /** Every offer on one request: the head sees all, an expert their own. */
  forRequest: (requestId: string) => queryOptions({ queryKey: offerKeys.forRequest(requestId), queryFn: () => api.getAll(`/requests/${requestId}/offers`, OfferListSchema) }),
  /** Once an invitation has expired or been declined: the next suggestions still free, while places are open. */
  nextSuggestions: (requestId: string) =>
    queryOptions({ queryKey: offerKeys.nextSuggestions(requestId), queryFn: () => api.get(`/requests/${requestId}/next-suggestions`, NextSuggestionsSchema) }),
  /** The reader's own expertise entries, to offer with. */
  myExpertise: () => queryOptions({ queryKey: expertiseKeys.mine(), queryFn: () => api.getAll('/expertise/mine', ExpertiseListSchema) }),
  /** Colleagues of other schools to invite, from the expertise directory. */
  experts: (q: { area?: string; q?: string }) =>
    queryOptions({ queryKey: expertiseKeys.inviteSearch(q), queryFn: () => api.get('/expertise', ExpertiseDirectorySchema, { ...q, limit: 20 }), staleTime: 60_000 }),
}

/** Anything done to an offer can change the request (places, status) and the reader's notifications. */
function useOfferMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: requestKeys.all })
      void qc.invalidateQueries({ queryKey: offerKeys.all })
      void qc.invalidateQueries({ queryKey: notificationKeys.all })
      void qc.invalidateQueries({ queryKey: engagementKeys.all })
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
