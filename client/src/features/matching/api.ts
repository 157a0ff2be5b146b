import { queryOptions } from '@tanstack/react-query'
import { ExpertiseDirectorySchema } from '@ee/shared/expertise'
import { MatchListSchema, RequestForMeListSchema, WhyNotSchema } from '@ee/shared/matching'
import { api } from '../../lib/api.ts'
import { matchingKeys } from '../../lib/query-keys.ts'

export const matchingQueries = {
  matches: (requestId: string, panel: boolean) =>
    queryOptions({
      queryKey: matchingKeys.matches(requestId, panel),
      queryFn: () => api.get(`/requests/${requestId}/matches`, MatchListSchema, { limit: 10, panel }),
    }),
  whyNot: (requestId: string, personId: string) =>
    queryOptions({
      queryKey: matchingKeys.whyNot(requestId, personId),
      queryFn: () => api.get(`/requests/${requestId}/why-not`, WhyNotSchema, { person: personId }),
    }),
  people: (q: string) =>
    queryOptions({ queryKey: matchingKeys.people(q), queryFn: () => api.get('/expertise', ExpertiseDirectorySchema, { q, limit: 8 }) }),
  forMe: () =>
    queryOptions({ queryKey: matchingKeys.forMe(), queryFn: () => api.get('/requests/for-me', RequestForMeListSchema, { limit: 10 }) }),
}
