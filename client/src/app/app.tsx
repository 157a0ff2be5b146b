import { MantineProvider } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from 'react-router'
import { ApiError } from '../lib/api.ts'
import { meQuery } from '../lib/auth.tsx'
import { router } from './router.tsx'
import { cssVariablesResolver, theme } from './theme.ts'

const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
  queryCache: new QueryCache({
    // A session that ended elsewhere (logout, deactivation): back to sign-in rather than a broken page.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(meQuery.queryKey, null)
    },
  }),
})

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  )
}
