import { fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RequireAuth } from '../../lib/auth.tsx'
import { request, stubApi } from '../../testing/request-fixtures.ts'
import { renderRoutes } from '../../testing/render.tsx'
import { RequestsListPage } from './list-page.tsx'
import { NewRequestPage } from './new-page.tsx'

// Mantine's autosizing textarea listens to document.fonts, which jsdom lacks.
if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: { addEventListener: () => {}, removeEventListener: () => {} } })

/** The machines that run these are busy; give the first render time. */
const SLOW = { timeout: 5000 }
describe('requests list', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('When there are no requests, then a head is invited to raise one', async () => {
    stubApi({ '/api/requests': () => ({ body: { items: [], nextCursor: null } }), '/api/areas': () => ({ body: { items: [], nextCursor: null } }) })
    renderRoutes([{ path: '/requests', element: <RequireAuth><RequestsListPage /></RequireAuth> }], '/requests')
    expect(await screen.findByRole('heading', { name: 'No open requests yet — raise one' }, SLOW)).toBeTruthy()
    expect(screen.getAllByRole('link', { name: 'Raise a request' }).length).toBeGreaterThan(0)
  })

  it('When filters are in the URL, then the server is asked with them and the cards show status and offers', async () => {
    const calls = stubApi({ '/api/requests': () => ({ body: { items: [request()], nextCursor: null } }), '/api/areas': () => ({ body: { items: [], nextCursor: null } }) })
    renderRoutes([{ path: '/requests', element: <RequireAuth><RequestsListPage /></RequireAuth> }], '/requests?status=open&mine=true')
    expect(await screen.findByRole('link', { name: 'Year 7 reading recovery' }, SLOW)).toBeTruthy()
    expect(screen.getByRole('article').textContent).toContain('Open for offers')
    expect(screen.getByText('1 offer to decide')).toBeTruthy()
    expect(calls.find((c) => c.url.startsWith('/api/requests'))!.url).toBe('/api/requests?status=open&mine=true')
  })

  it('When filters are in the URL, then "Download these requests (CSV)" asks the server for the same list as a file', async () => {
    stubApi({ '/api/requests': () => ({ body: { items: [request()], nextCursor: null } }), '/api/areas': () => ({ body: { items: [], nextCursor: null } }) })
    renderRoutes([{ path: '/requests', element: <RequireAuth><RequestsListPage /></RequireAuth> }], '/requests?status=open&mine=true&area=reading')
    const link = await screen.findByRole('link', { name: 'Download these requests (CSV)' }, SLOW)
    expect(link.getAttribute('href')).toBe('/api/requests?status=open&mine=true&area=reading&format=csv')
  })
})

describe('raising a request', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('When the text names a pupil, then a note shows as the head types; missing fields are named before anything is sent', async () => {
    const calls = stubApi({
      '/api/areas': () => ({ body: { items: [], nextCursor: null } }),
      'POST /api/cases/similar': () => ({ body: { items: [], nextCursor: null } }),
      'POST /api/requests': () => ({ status: 400, body: { type: '/problems/validation', title: 'Some fields need attention', status: 400, errors: [{ path: 'areas[0]', message: 'The area "attendance" has been retired; choose another' }] } }),
    })
    renderRoutes([{ path: '/requests/new', element: <RequireAuth><NewRequestPage /></RequireAuth> }], '/requests/new')
    const problem = await screen.findByRole('textbox', { name: /What we see/ }, SLOW)
    fireEvent.change(problem, { target: { value: 'A pupil called Jayden cannot settle in any lesson this term.' } })
    expect(await screen.findByText('Please check for pupil details')).toBeTruthy()
    expect(screen.getByText(/“pupil called Jayden”/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }))
    // Client-side first: the same schema as the server names the missing fields.
    expect(await screen.findByText('Give the request a title of at least 5 characters')).toBeTruthy()
    expect(screen.getByText('Choose at least one kind of help')).toBeTruthy()
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/requests')).toBe(false)
  })
})
