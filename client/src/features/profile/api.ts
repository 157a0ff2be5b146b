import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { AreaListSchema } from '@ee/shared/areas'
import { AvailabilitySchema, type CreateExpertiseBody, ExpertiseSchema, ProfileSchema, type UpdateExpertiseBody } from '@ee/shared/expertise'
import { api } from '../../lib/api.ts'

export const profileQueries = {
  all: () => ['profile'] as const,
  me: () => queryOptions({ queryKey: [...profileQueries.all(), 'me'], queryFn: () => api.get('/me/profile', ProfileSchema) }),
  areas: () => queryOptions({ queryKey: ['areas', 'list'], queryFn: () => api.get('/areas', AreaListSchema), staleTime: 5 * 60_000 }),
}

/** A change to someone's entries shows in their profile, the directory and the `me` person (paused). */
function useInvalidate() {
  const qc = useQueryClient()
  return () => Promise.all([qc.invalidateQueries({ queryKey: profileQueries.all() }), qc.invalidateQueries({ queryKey: ['expertise'] }), qc.invalidateQueries({ queryKey: ['me'] })])
}

export function useCreateExpertise() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: (body: CreateExpertiseBody) => api.post('/expertise', ExpertiseSchema, body), onSuccess: invalidate })
}

export function useUpdateExpertise() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateExpertiseBody }) => api.patch(`/expertise/${id}`, ExpertiseSchema, body), onSuccess: invalidate })
}

export function useArchiveExpertise() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: (id: string) => api.delete(`/expertise/${id}`, ExpertiseSchema), onSuccess: invalidate })
}

export function useUpdateAvailability() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: (paused: boolean) => api.patch('/me/availability', AvailabilitySchema, { paused }), onSuccess: invalidate })
}
