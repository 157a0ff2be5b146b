import { queryOptions } from '@tanstack/react-query'
import { AreaListSchema } from '@ee/shared/areas'
import { ClusterListSchema, SchoolListSchema } from '@ee/shared/schools'
import { api } from './api.ts'
import { areaKeys, clusterKeys, schoolKeys } from './query-keys.ts'

/** The framework, schools and clusters change rarely (an admin edits them); every page reads them through here. */
export const REFERENCE_STALE_TIME = 5 * 60_000

export const referenceQueries = {
  areas: () => queryOptions({ queryKey: areaKeys.list(), queryFn: () => api.getAll('/areas', AreaListSchema), staleTime: REFERENCE_STALE_TIME }),
  schools: () => queryOptions({ queryKey: schoolKeys.list(), queryFn: () => api.getAll('/schools', SchoolListSchema), staleTime: REFERENCE_STALE_TIME }),
  clusters: () => queryOptions({ queryKey: clusterKeys.list(), queryFn: () => api.getAll('/clusters', ClusterListSchema), staleTime: REFERENCE_STALE_TIME }),
}
