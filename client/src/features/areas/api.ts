import { useMutation, useQueryClient } from '@tanstack/react-query'
import { AreaSchema, type CreateAreaBody, type UpdateAreaBody } from '@ee/shared/areas'
import { OkSchema } from '@ee/shared/common'
import { api } from '../../lib/api.ts'
import { areaKeys } from '../../lib/query-keys.ts'

function useInvalidate() {
  const qc = useQueryClient()
  return () => qc.invalidateQueries({ queryKey: areaKeys.all })
}

export function useCreateArea() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: (body: CreateAreaBody) => api.post('/areas', AreaSchema, body), onSuccess: invalidate })
}

export function useUpdateArea() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateAreaBody }) => api.patch(`/areas/${id}`, AreaSchema, body), onSuccess: invalidate })
}

export function useDeleteArea() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: (id: string) => api.delete(`/areas/${id}`, OkSchema), onSuccess: invalidate })
}
