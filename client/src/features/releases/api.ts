import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { ReleaseDecisionSchema, type ReleaseListQuery, ReleaseListSchema } from '@ee/shared/releases'
import { api } from '../../lib/api.ts'
import { engagementKeys, notificationKeys, releaseKeys } from '../../lib/query-keys.ts'

export const releaseQueries = {
  list: (q: ReleaseListQuery) => queryOptions({ queryKey: releaseKeys.list(q), queryFn: () => api.getAll('/releases', ReleaseListSchema, q) }),
}

export function useDecideRelease() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'approve' | 'refuse'; reason?: string }) =>
      api.post(`/releases/${id}/${decision}`, ReleaseDecisionSchema, decision === 'refuse' ? { reason: reason ?? '' } : {}),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: releaseKeys.all })
      void qc.invalidateQueries({ queryKey: engagementKeys.all })
      void qc.invalidateQueries({ queryKey: notificationKeys.all })
    },
  })
}
