import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Offer } from '@ee/shared/offers'
import type { CommissioningRequest } from '@ee/shared/requests'
import { RequireAuth } from '../../lib/auth.tsx'
import { renderRoutes } from '../../testing/render.tsx'
import { RequestsListPage } from './list-page.tsx'
import { NewRequestPage } from './new-page.tsx'
import { RequestPage } from './request-page.tsx'

// Mantine's autosizing textarea listens to document.fonts, which jsdom lacks.
if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: { addEventListener: () => {}, removeEventListener: () => {} } })

/** The machines that run these are busy; give the first render time. */
const SLOW = { timeout: 5000 }
const id = (n: number) => `0b0e6f5e-1a8c-4a8f-9b1e-${String(n).padStart(12, '0')}`
const me = { id: id(900), email: 'head@example.org', name: 'Ada Head', role: 'headteacher', schoolId: id(800), schoolName: 'Ash Primary', trustId: id(700), trustName: 'Test Trust', active: true, paused: false }

const request = (over: Partial<CommissioningRequest> = {}): CommissioningRequest => ({
  id: id(1), schoolId: id(800), schoolName: 'Ash Primary', raisedBy: { id: id(900), name: 'Ada Head' }, title: 'Year 7 reading recovery',
  problem: 'Too many pupils read below their age.', tried: 'Phonics groups.', outcome: 'Reading ages recover.', textHidden: false,
  areas: [{ slug: 'reading', name: 'Reading' }], subjects: ['english'], phases: ['secondary'], modes: ['fresh_eyes'], expertsWanted: 1, daysPerExpert: 3,
  window: { start: '2027-01-11', end: '2027-03-19' }, termLabel: 'Spring 2027', confidentiality: 'trust', status: 'open', placesFilled: 0, liveOffers: 1,
  publishedAt: '2026-11-02T09:00:00.000Z', commissionedAt: null, closedAt: null, stale: false, createdAt: '2026-11-01T09:00:00.000Z', updatedAt: '2026-11-02T09:00:00.000Z',
  version: 2, viewer: { isOwner: true, canOffer: false, myOffer: null }, warnings: [], ...over,
})
const offer: Offer = {
  id: id(50), requestId: id(1), requestTitle: 'Year 7 reading recovery', status: 'proposed', closedReason: null, inviteNote: '', message: 'I led our KS3 recovery.',
  days: 3, proposedStart: null, proposedEnd: null, invitedAt: null, expiresAt: null, decidedAt: null, createdAt: '2026-11-03T09:00:00.000Z',
  expert: { id: id(60), name: 'Bea Expert', lastActiveAt: null }, school: { id: id(801), name: 'Beck Academy' },
  expertise: { id: id(70), title: 'KS3 reading recovery', summary: 'Reading', evidence: 'Reading ages up 14 months.' },
  distanceKm: 12.4, pastImpact: { average: 4.5, count: 2 }, freeDays: 5, engagementId: null,
}

type Call = { url: string; method: string; body: unknown; headers: Record<string, string> }
function stubApi(routes: Record<string, (call: Call) => { status?: number; body: unknown }>) {
  const calls: Call[] = []
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const call: Call = { url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(init.body as string) : undefined, headers: (init?.headers ?? {}) as Record<string, string> }
    calls.push(call)
    const path = url.split('?')[0]!
    const handler = path === '/api/me' ? () => ({ body: { person: me } }) : routes[`${call.method} ${path}`] ?? routes[path]
    const answer: { status?: number; body: unknown } = handler ? handler(call) : { status: 404, body: { type: '/problems/not-found', title: 'Not found', status: 404 } }
    const status = answer.status ?? 200
    return new Response(JSON.stringify(answer.body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } })
  })
  return calls
}

describe('requests list', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('When there are no requests, then a head is invited to raise one', async () => {
    stubApi({ '/api/requests': () => ({ body: { items: [] } }), '/api/areas': () => ({ body: { items: [] } }) })
    renderRoutes([{ path: '/requests', element: <RequireAuth><RequestsListPage /></RequireAuth> }], '/requests')
    expect(await screen.findByRole('heading', { name: 'No open requests yet — raise one' }, SLOW)).toBeTruthy()
    expect(screen.getAllByRole('link', { name: 'Raise a request' }).length).toBeGreaterThan(0)
  })

  it('When filters are in the URL, then the server is asked with them and the cards show status and offers', async () => {
    const calls = stubApi({ '/api/requests': () => ({ body: { items: [request()] } }), '/api/areas': () => ({ body: { items: [] } }) })
    renderRoutes([{ path: '/requests', element: <RequireAuth><RequestsListPage /></RequireAuth> }], '/requests?status=open&mine=true')
    expect(await screen.findByRole('link', { name: 'Year 7 reading recovery' }, SLOW)).toBeTruthy()
    expect(screen.getByRole('article').textContent).toContain('Open for offers')
    expect(screen.getByText('1 offer to decide')).toBeTruthy()
    expect(calls.find((c) => c.url.startsWith('/api/requests'))!.url).toBe('/api/requests?status=open&mine=true')
  })
})

describe('raising a request', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('When the text names a pupil, then a note shows as the head types; missing fields are named before anything is sent', async () => {
    const calls = stubApi({
      '/api/areas': () => ({ body: { items: [] } }),
      'POST /api/cases/similar': () => ({ body: { items: [] } }),
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

describe('a request page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('When the head accepts an offer, then the accept carries an Idempotency-Key and a note', async () => {
    const calls = stubApi({
      [`/api/requests/${id(1)}`]: () => ({ body: request() }),
      [`/api/requests/${id(1)}/offers`]: () => ({ body: { items: [offer] } }),
      [`/api/requests/${id(1)}/similar-cases`]: () => ({ body: { items: [] } }),
      '/api/expertise': () => ({ body: { items: [], nextCursor: null, term: { label: 'Spring 2027', start: '2027-01-01', end: '2027-03-31' } } }),
      [`POST /api/offers/${id(50)}/accept`]: () => ({ body: { offer: { ...offer, status: 'accepted' }, engagementId: id(90), release: 'pending', requestStatus: 'commissioned' } }),
    })
    renderRoutes([{ path: '/requests/:id', element: <RequireAuth><RequestPage /></RequireAuth> }], `/requests/${id(1)}`)
    expect(await screen.findByRole('heading', { name: 'Year 7 reading recovery', level: 1 }, SLOW)).toBeTruthy()
    expect(await screen.findByText('Reading ages up 14 months.', {}, SLOW)).toBeTruthy()
    expect(screen.getByText('Impact 4.5/5 from 2')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Accept offer from Bea Expert' }))
    const dialog = await screen.findByRole('dialog', { name: 'Accept the offer from Bea Expert?' }, SLOW)
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'A note for them (optional)' }), { target: { value: 'Thank you!' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Accept offer' }))
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/accept'))).toBe(true), SLOW)
    const accept = calls.find((c) => c.url.endsWith('/accept'))!
    expect(accept.body).toEqual({ note: 'Thank you!' })
    expect(accept.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('When the central team reads an invitation-only request, then they see that its words are withheld', async () => {
    stubApi({
      [`/api/requests/${id(1)}`]: () => ({ body: request({ textHidden: true, problem: null, tried: null, outcome: null, confidentiality: 'invited', viewer: { isOwner: false, canOffer: false, myOffer: null } }) }),
      [`/api/requests/${id(1)}/similar-cases`]: () => ({ body: { items: [] } }),
    })
    renderRoutes([{ path: '/requests/:id', element: <RequireAuth><RequestPage /></RequireAuth> }], `/requests/${id(1)}`)
    expect(await screen.findByText('Shared only with invited colleagues', {}, SLOW)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Publish request' })).toBeNull()
    expect(screen.queryByText('Offers')).toBeNull()
  })
})
