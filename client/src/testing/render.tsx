import { MantineProvider } from '@mantine/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { RouterProvider, createMemoryRouter, type RouteObject } from 'react-router'
import { cssVariablesResolver, theme } from '../app/theme.ts'

/** Renders routes with the app's providers at a starting URL; answers the router to inspect navigation. */
export function renderRoutes(routes: RouteObject[], url = '/') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const router = createMemoryRouter(routes, { initialEntries: [url] })
  const view = render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  )
  return { ...view, router, client }
}

export const renderPage = (element: ReactElement, url = '/') => renderRoutes([{ path: '*', element }], url)

/** A fetch that answers each call in turn with JSON and a status. */
export function fakeFetch(...answers: { status: number; body: unknown; headers?: Record<string, string> }[]) {
  const calls: { url: string; init?: RequestInit }[] = []
  const fn = async (url: string, init?: RequestInit) => {
    calls.push({ url, init })
    const next = answers.shift() ?? { status: 404, body: { type: '/problems/not-found', title: 'Not found', status: 404 } }
    return new Response(JSON.stringify(next.body), { status: next.status, headers: { 'content-type': next.status >= 400 ? 'application/problem+json' : 'application/json', ...('headers' in next ? next.headers : {}) } })
  }
  return { fn: fn as unknown as typeof fetch, calls }
}
