import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { ReleaseDecisionSchema, type ReleaseListQuery, ReleaseListSchema } from '@ee/shared/releases'
import { ExtensionDecisionSchema } from '@ee/shared/engagements'
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

/** The providing head releases, or refuses, more days past the school's budget (docs/design.md §3). */
export function useDecideExtensionRelease() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'approve' | 'refuse'; reason?: string }) =>
      api.post(`/extensions/${id}/${decision}`, ExtensionDecisionSchema, decision === 'refuse' ? { reason: reason ?? '' } : {}),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: releaseKeys.all })
      void qc.invalidateQueries({ queryKey: engagementKeys.all })
      void qc.invalidateQueries({ queryKey: notificationKeys.all })
    },
  })
}
