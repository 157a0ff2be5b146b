import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { ExpertiseDirectorySchema } from '@ee/shared/expertise'
import { MatchListSchema, RequestForMeListSchema, WhyNotSchema } from '@ee/shared/matching'
import { api } from '../../lib/api.ts'

export const matchingQueries = {
  all: () => ['matching'] as const,
  matches: (requestId: string, panel: boolean) =>
    queryOptions({
      queryKey: [...matchingQueries.all(), 'matches', requestId, panel],
      queryFn: () => api.get(`/requests/${requestId}/matches`, MatchListSchema, { limit: 10, panel }),
    }),
  whyNot: (requestId: string, personId: string) =>
    queryOptions({
      queryKey: [...matchingQueries.all(), 'why-not', requestId, personId],
      queryFn: () => api.get(`/requests/${requestId}/why-not`, WhyNotSchema, { person: personId }),
    }),
  people: (q: string) =>
    queryOptions({ queryKey: [...matchingQueries.all(), 'people', q], queryFn: () => api.get('/expertise', ExpertiseDirectorySchema, { q, limit: 8 }) }),
  forMe: () =>
    queryOptions({ queryKey: [...matchingQueries.all(), 'for-me'], queryFn: () => api.get('/requests/for-me', RequestForMeListSchema, { limit: 10 }) }),
}

export function useInviteExpert(requestId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { expertiseId: string; note: string }) => api.post(`/requests/${requestId}/invitations`, z.unknown(), body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['requests'] })
      void qc.invalidateQueries({ queryKey: ['offers'] })
    },
  })
}
