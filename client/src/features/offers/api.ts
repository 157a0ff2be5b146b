import { queryOptions } from '@tanstack/react-query'
import { RequestListSchema } from '@ee/shared/requests'
import { api } from '../../lib/api.ts'

export const offerQueries = {
  /** Requests I was invited to or offered on, each with my offer's status. */
  mine: () =>
    queryOptions({
      queryKey: ['requests', 'list', { mine: true, asExpert: true }],
      queryFn: async () => {
        const list = await api.get('/requests', RequestListSchema, { mine: 'true' })
        return list.items.filter((r) => r.viewer.myOffer !== null)
      },
    }),
}
