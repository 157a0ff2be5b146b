import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { AvailabilitySchema, type CreateExpertiseBody, ExpertiseSchema, ProfileSchema, type UpdateExpertiseBody } from '@ee/shared/expertise'
import { api } from '../../lib/api.ts'
import { expertiseKeys, meKeys, profileKeys } from '../../lib/query-keys.ts'

export const profileQueries = {
  me: () => queryOptions({ queryKey: profileKeys.me(), queryFn: () => api.get('/me/profile', ProfileSchema) }),
}

/** A change to someone's entries shows in their profile, the directory and the `me` person (paused). */
function useInvalidate() {
  const qc = useQueryClient()
  return () => Promise.all([qc.invalidateQueries({ queryKey: profileKeys.all }), qc.invalidateQueries({ queryKey: expertiseKeys.all }), qc.invalidateQueries({ queryKey: meKeys.all })])
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
