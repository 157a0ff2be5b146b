import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import { AreaListSchema } from '@ee/shared/areas'
import { ExpertiseDetailSchema, ExpertiseDirectorySchema, type ExpertiseDirectoryQueryInput } from '@ee/shared/expertise'
import { ClusterListSchema, SchoolListSchema } from '@ee/shared/schools'
import { api } from '../../lib/api.ts'

export type DirectoryFilter = Omit<ExpertiseDirectoryQueryInput, 'cursor' | 'limit'>

export const PAGE_SIZE = 20

export const expertiseQueries = {
  all: () => ['expertise'] as const,
  directories: () => [...expertiseQueries.all(), 'directory'] as const,
  directory: (filter: DirectoryFilter) =>
    infiniteQueryOptions({
      queryKey: [...expertiseQueries.directories(), filter],
      queryFn: ({ pageParam }) => api.get('/expertise', ExpertiseDirectorySchema, { ...filter, limit: PAGE_SIZE, cursor: pageParam }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
  detail: (id: string) => queryOptions({ queryKey: [...expertiseQueries.all(), 'detail', id], queryFn: () => api.get(`/expertise/${id}`, ExpertiseDetailSchema) }),
  /** The framework, schools and clusters, for the filter menus. */
  areas: () => queryOptions({ queryKey: ['areas', 'list'], queryFn: () => api.get('/areas', AreaListSchema), staleTime: 5 * 60_000 }),
  schools: () => queryOptions({ queryKey: ['schools', 'list'], queryFn: () => api.get('/schools', SchoolListSchema), staleTime: 5 * 60_000 }),
  clusters: () => queryOptions({ queryKey: ['clusters', 'list'], queryFn: () => api.get('/clusters', ClusterListSchema), staleTime: 5 * 60_000 }),
}
