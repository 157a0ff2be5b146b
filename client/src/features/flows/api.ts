import { queryOptions } from '@tanstack/react-query'
import { AreaListSchema } from '@ee/shared/areas'
import {
  BalanceSchema,
  FlowGraphSchema,
  FlowLinkDetailSchema,
  type FlowsFilter,
  LeftBehindSchema,
  OpenRequestsSchema,
  SupplyDemandSchema,
  TimeToCommissionSchema,
} from '@ee/shared/flows'
import { ClusterListSchema } from '@ee/shared/schools'
import { api, apiHref } from '../../lib/api.ts'

/** The flows tables that download as CSV, by their API path. */
export type FlowTable = '' | '/balance' | '/supply-demand' | '/left-behind' | '/time-to-commission' | '/open-requests'

const query = (filter: FlowsFilter) => ({ ...filter })

export const flowQueries = {
  all: () => ['flows'] as const,
  graph: (filter: FlowsFilter) => queryOptions({ queryKey: [...flowQueries.all(), 'graph', filter], queryFn: () => api.get('/flows', FlowGraphSchema, query(filter)) }),
  balance: (filter: FlowsFilter) => queryOptions({ queryKey: [...flowQueries.all(), 'balance', filter], queryFn: () => api.get('/flows/balance', BalanceSchema, query(filter)) }),
  supplyDemand: (filter: FlowsFilter) =>
    queryOptions({ queryKey: [...flowQueries.all(), 'supply-demand', filter], queryFn: () => api.get('/flows/supply-demand', SupplyDemandSchema, query(filter)) }),
  leftBehind: (filter: FlowsFilter) =>
    queryOptions({ queryKey: [...flowQueries.all(), 'left-behind', filter], queryFn: () => api.get('/flows/left-behind', LeftBehindSchema, query(filter)) }),
  timeToCommission: (filter: FlowsFilter) =>
    queryOptions({ queryKey: [...flowQueries.all(), 'time-to-commission', filter], queryFn: () => api.get('/flows/time-to-commission', TimeToCommissionSchema, query(filter)) }),
  openRequests: (filter: FlowsFilter) =>
    queryOptions({ queryKey: [...flowQueries.all(), 'open-requests', filter], queryFn: () => api.get('/flows/open-requests', OpenRequestsSchema, query(filter)) }),
  link: (from: string, to: string, filter: FlowsFilter) =>
    queryOptions({
      queryKey: [...flowQueries.all(), 'link', from, to, filter],
      queryFn: () => api.get(`/flows/links/${from}/${to}`, FlowLinkDetailSchema, query({ ...filter, cluster: undefined, school: undefined })),
    }),
  /** The framework and clusters, for the filter menus. */
  areas: () => queryOptions({ queryKey: ['areas', 'list'], queryFn: () => api.get('/areas', AreaListSchema), staleTime: 5 * 60_000 }),
  clusters: () => queryOptions({ queryKey: ['clusters', 'list'], queryFn: () => api.get('/clusters', ClusterListSchema), staleTime: 5 * 60_000 }),
}

/** A plain link the browser downloads with the session cookie. */
export const csvHref = (table: FlowTable, filter: FlowsFilter) => apiHref(`/flows${table}`, { ...query(filter), format: 'csv' })
