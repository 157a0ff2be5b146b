import { useMutation, useQueryClient } from '@tanstack/react-query'
import { SchoolImportReportSchema, SchoolSchema, type SchoolImportQueryInput, type UpdateSchoolBody } from '@ee/shared/schools'
import { AssignSchoolsResultSchema, ClusterSchema, type AssignSchoolsBody } from '@ee/shared/clusters'
import { OkSchema } from '@ee/shared/common'
import { api } from '../../lib/api.ts'
import { clusterKeys, schoolKeys } from '../../lib/query-keys.ts'

function useInvalidate() {
  const qc = useQueryClient()
  return () => Promise.all([qc.invalidateQueries({ queryKey: schoolKeys.all }), qc.invalidateQueries({ queryKey: clusterKeys.all })])
}

export function useUpdateSchool() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateSchoolBody }) => api.patch(`/schools/${id}`, SchoolSchema, body), onSuccess: invalidate })
}

/**
 * The file goes as it is (GIAS's Windows-1252 bytes included) as text/csv, whatever type the browser
 * guessed (Windows says application/vnd.ms-excel for .csv); which schools are the trust's goes in the query.
 */
export type ImportInput = { file: Blob; selector: SchoolImportQueryInput }
const upload = (path: string) => ({ file, selector }: ImportInput) =>
  api.upload(path, SchoolImportReportSchema, new Blob([file], { type: 'text/csv' }), selector)

export function usePreviewSchoolImport() {
  return useMutation({ mutationFn: upload('/schools/import/preview') })
}

export function useImportSchools() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: upload('/schools/import'), onSuccess: invalidate })
}

export function useCreateCluster() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: (name: string) => api.post('/clusters', ClusterSchema, { name }), onSuccess: invalidate })
}

export function useRenameCluster() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: ({ id, name }: { id: string; name: string }) => api.patch(`/clusters/${id}`, ClusterSchema, { name }), onSuccess: invalidate })
}

export function useMergeCluster() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: ({ id, intoId }: { id: string; intoId: string }) => api.post(`/clusters/${id}/merge`, ClusterSchema, { intoId }), onSuccess: invalidate })
}

export function useDeleteCluster() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: (id: string) => api.delete(`/clusters/${id}`, OkSchema), onSuccess: invalidate })
}

export function useAssignSchools() {
  const invalidate = useInvalidate()
  return useMutation({ mutationFn: (body: AssignSchoolsBody) => api.post('/clusters/assign', AssignSchoolsResultSchema, body), onSuccess: invalidate })
}
