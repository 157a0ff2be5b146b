import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  type AskColleagueBody,
  type CancelEngagementBody,
  ColleagueListSchema,
  type EndEarlyBody,
  type NameColleagueBody,
  type CompleteEngagementInput,
  type Engagement,
  type EngagementListQueryInput,
  EngagementListSchema,
  EngagementSchema,
  ExtensionDecisionSchema,
  type LogSessionBody,
  type ProposeExtensionBody,
  type ReflectionBody,
} from '@ee/shared/engagements'
import { AcceptOfferResultSchema, OfferSchema } from '@ee/shared/offers'
import { api } from '../../lib/api.ts'
import { caseKeys, engagementKeys, notificationKeys, releaseKeys, requestKeys } from '../../lib/query-keys.ts'

export const engagementQueries = {
  list: (q: EngagementListQueryInput) => queryOptions({ queryKey: engagementKeys.list(q), queryFn: () => api.getAll('/engagements', EngagementListSchema, q) }),
  detail: (id: string) => queryOptions({ queryKey: engagementKeys.detail(id), queryFn: () => api.get(`/engagements/${id}`, EngagementSchema) }),
  colleagues: (id: string) => queryOptions({ queryKey: engagementKeys.colleagues(id), queryFn: () => api.getAll(`/engagements/${id}/colleagues`, ColleagueListSchema) }),
}

function useEngagementMutation<TVars>(id: string, fn: (vars: TVars) => Promise<Engagement>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: (g) => {
      qc.setQueryData(engagementQueries.detail(id).queryKey, g)
      void qc.invalidateQueries({ queryKey: engagementKeys.lists() })
      void qc.invalidateQueries({ queryKey: requestKeys.all })
      void qc.invalidateQueries({ queryKey: caseKeys.all })
    },
  })
}

export const useLogSession = (id: string) => useEngagementMutation(id, (body: Partial<LogSessionBody> & Pick<LogSessionBody, 'date' | 'days'>) => api.post(`/engagements/${id}/logs`, EngagementSchema, body))
export const useCompleteEngagement = (id: string) => useEngagementMutation(id, (body: CompleteEngagementInput) => api.post(`/engagements/${id}/complete`, EngagementSchema, body))
export const useAddReflection = (id: string) => useEngagementMutation(id, (body: ReflectionBody) => api.post(`/engagements/${id}/reflection`, EngagementSchema, body))
export const useCancelEngagement = (id: string) => useEngagementMutation(id, (body: CancelEngagementBody) => api.post(`/engagements/${id}/cancel`, EngagementSchema, body))
export const useProposeExtension = (id: string) => useEngagementMutation(id, (body: ProposeExtensionBody) => api.post(`/engagements/${id}/extensions`, EngagementSchema, body))

/** The receiving head agrees to, or declines, a request for more days (docs/design.md §3). */
export function useDecideExtension(engagementId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'agree' | 'decline'; reason?: string }) =>
      api.post(`/extensions/${id}/${decision}`, ExtensionDecisionSchema, decision === 'decline' ? { reason: reason ?? '' } : {}),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: engagementKeys.detail(engagementId) })
      void qc.invalidateQueries({ queryKey: engagementKeys.lists() })
      void qc.invalidateQueries({ queryKey: releaseKeys.all })
      void qc.invalidateQueries({ queryKey: notificationKeys.all })
    },
  })
}

// People who leave (docs/decisions/012-people-who-leave.md).
export const useEndEarly = (id: string) => useEngagementMutation(id, (body: EndEarlyBody) => api.post(`/engagements/${id}/end-early`, EngagementSchema, body))
export const useAskColleague = (id: string) => useEngagementMutation(id, (body: AskColleagueBody) => api.post(`/engagements/${id}/colleague-request`, EngagementSchema, body))
export const useNameColleague = (id: string) => useEngagementMutation(id, (body: NameColleagueBody) => api.post(`/engagements/${id}/colleague`, EngagementSchema, body))

/** The receiving head accepts or declines the colleague named: an offer like any other, on the same request. */
export function useDecideColleague(engagementId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ offerId, decision }: { offerId: string; decision: 'accept' | 'decline' }) =>
      decision === 'accept'
        ? (await api.post(`/offers/${offerId}/accept`, AcceptOfferResultSchema.pick({ engagementId: true }), { note: '' })).engagementId
        : (await api.post(`/offers/${offerId}/decline`, OfferSchema, {}), null),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: engagementKeys.detail(engagementId) })
      void qc.invalidateQueries({ queryKey: engagementKeys.lists() })
      void qc.invalidateQueries({ queryKey: requestKeys.all })
      void qc.invalidateQueries({ queryKey: releaseKeys.all })
      void qc.invalidateQueries({ queryKey: notificationKeys.all })
    },
  })
}
