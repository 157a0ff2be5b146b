import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { ClusterListSchema, SchoolImportReportSchema, SchoolListSchema, SchoolSchema, type UpdateSchoolBody } from '@ee/shared/schools'
import { api } from '../../lib/api.ts'

export const schoolQueries = {
  all: () => ['schools'] as const,
  list: () => queryOptions({ queryKey: [...schoolQueries.all(), 'list'], queryFn: () => api.get('/schools', SchoolListSchema) }),
  clusters: () => queryOptions({ queryKey: ['clusters', 'list'], queryFn: () => api.get('/clusters', ClusterListSchema) }),
}

function useInvalidate() {
  const qc = useQueryClient()
  return () => Promise.all([qc.invalidateQueries({ queryKey: schoolQueries.all() }), qc.invalidateQueries({ queryKey: ['clusters'] })])
}

export function useUpdateSchool() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateSchoolBody }) => api.patch(`/schools/${id}`, SchoolSchema, body), onSuccess: invalidate })
}

export function usePreviewSchoolImport() {
  return useMutation({ mutationFn: (csv: string) => api.post('/schools/import/preview', SchoolImportReportSchema, { csv }) })
}

export function useImportSchools() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: (csv: string) => api.post('/schools/import', SchoolImportReportSchema, { csv }), onSuccess: invalidate })
}
