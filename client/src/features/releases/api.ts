import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { ReleaseDecisionSchema, type ReleaseListQuery, ReleaseListSchema } from '@ee/shared/releases'
import { api } from '../../lib/api.ts'

export const releaseQueries = {
  all: () => ['releases'] as const,
  list: (q: ReleaseListQuery) => queryOptions({ queryKey: [...releaseQueries.all(), q], queryFn: () => api.get('/releases', ReleaseListSchema, q) }),
}

export function useDecideRelease() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'approve' | 'refuse'; reason?: string }) =>
      api.post(`/releases/${id}/${decision}`, ReleaseDecisionSchema, decision === 'refuse' ? { reason: reason ?? '' } : {}),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: releaseQueries.all() })
      void qc.invalidateQueries({ queryKey: ['engagements'] })
      void qc.invalidateQueries({ queryKey: ['notifications'] })
    },
  })
}
