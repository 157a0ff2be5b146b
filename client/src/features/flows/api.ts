import { queryOptions } from '@tanstack/react-query'
import {
  BalanceSchema,
  FlowGraphSchema,
  FlowLinkDetailSchema,
  type FlowsFilter,
  LeftBehindSchema,
  OpenRequestsSchema,
  SupplyDemandSchema,
  TimeToCommissionSchema,
  withNextCursor,
} from '@ee/shared/flows'
import { api, apiHref } from '../../lib/api.ts'
import { flowKeys } from '../../lib/query-keys.ts'

/** The flows tables that download as CSV, by their API path. */
export type FlowTable = '' | '/balance' | '/supply-demand' | '/left-behind' | '/time-to-commission' | '/open-requests'

const query = (filter: FlowsFilter) => ({ ...filter })

export const flowQueries = {
  graph: (filter: FlowsFilter) => queryOptions({ queryKey: flowKeys.table('graph', filter), queryFn: () => api.get('/flows', FlowGraphSchema, query(filter)) }),
  balance: (filter: FlowsFilter) => queryOptions({ queryKey: flowKeys.table('balance', filter), queryFn: () => api.getAll('/flows/balance', withNextCursor(BalanceSchema), query(filter)) }),
  supplyDemand: (filter: FlowsFilter) =>
    queryOptions({ queryKey: flowKeys.table('supply-demand', filter), queryFn: () => api.getAll('/flows/supply-demand', withNextCursor(SupplyDemandSchema), query(filter)) }),
  leftBehind: (filter: FlowsFilter) =>
    queryOptions({ queryKey: flowKeys.table('left-behind', filter), queryFn: () => api.get('/flows/left-behind', LeftBehindSchema, query(filter)) }),
  timeToCommission: (filter: FlowsFilter) =>
    queryOptions({ queryKey: flowKeys.table('time-to-commission', filter), queryFn: () => api.getAll('/flows/time-to-commission', withNextCursor(TimeToCommissionSchema), query(filter)) }),
  openRequests: (filter: FlowsFilter) =>
    queryOptions({ queryKey: flowKeys.table('open-requests', filter), queryFn: () => api.getAll('/flows/open-requests', withNextCursor(OpenRequestsSchema), query(filter)) }),
  link: (from: string, to: string, filter: FlowsFilter) =>
    queryOptions({
      queryKey: flowKeys.link(from, to, filter),
      queryFn: () => api.getAll(`/flows/links/${from}/${to}`, withNextCursor(FlowLinkDetailSchema), query({ ...filter, cluster: undefined, school: undefined })),
    }),
}

/** A plain link the browser downloads with the session cookie. */
export const csvHref = (table: FlowTable, filter: FlowsFilter) => apiHref(`/flows${table}`, { ...query(filter), format: 'csv' })
