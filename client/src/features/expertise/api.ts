import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import { ExpertiseDetailSchema, ExpertiseDirectorySchema, type ExpertiseDirectoryQueryInput } from '@ee/shared/expertise'
import { api } from '../../lib/api.ts'
import { expertiseKeys } from '../../lib/query-keys.ts'

export type DirectoryFilter = Omit<ExpertiseDirectoryQueryInput, 'cursor' | 'limit'>

export const PAGE_SIZE = 20

export const expertiseQueries = {
  directory: (filter: DirectoryFilter) =>
    infiniteQueryOptions({
      queryKey: expertiseKeys.directory(filter),
      queryFn: ({ pageParam }) => api.get('/expertise', ExpertiseDirectorySchema, { ...filter, limit: PAGE_SIZE, cursor: pageParam }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
  detail: (id: string) => queryOptions({ queryKey: expertiseKeys.detail(id), queryFn: () => api.get(`/expertise/${id}`, ExpertiseDetailSchema) }),
}
