import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RequireAuth } from '../lib/auth.tsx'
import { id, offer, request, stubApi } from '../testing/request-fixtures.ts'
import { renderRoutes } from '../testing/render.tsx'
import { RequestPage } from './request-page.tsx'

// Mantine's autosizing textarea listens to document.fonts, which jsdom lacks.
if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: { addEventListener: () => {}, removeEventListener: () => {} } })

/** The machines that run these are busy; give the first render time. */
const SLOW = { timeout: 5000 }
/** A whole page's first render, on those machines. */
const PAGE = { timeout: 15_000 }

describe('a request page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('When the head accepts an offer, then the accept carries an Idempotency-Key and a note', PAGE, async () => {
    const calls = stubApi({
      [`/api/requests/${id(1)}`]: () => ({ body: request() }),
      [`/api/requests/${id(1)}/offers`]: () => ({ body: { items: [offer], nextCursor: null } }),
      [`/api/requests/${id(1)}/next-suggestions`]: () => ({ body: { lapsed: null, placesOpen: 0, suggestions: [] } }),
      [`/api/requests/${id(1)}/similar-cases`]: () => ({ body: { items: [], nextCursor: null } }),
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

  it('When an invitation has expired, then the head sees the next suggestions and invites one with one click', PAGE, async () => {
    const suggestion = {
      expertise: { id: id(71), title: 'Fluency for older readers', summary: 'Fluency', evidence: 'Fluency up a year.', areas: ['reading'], phases: ['secondary'], modes: ['fresh_eyes'], capacityDaysPerTerm: 6, freeDays: 6 },
      person: { id: id(61), name: 'Cal Expert', lastActiveAt: null }, school: { id: id(802), name: 'Cedar School', distanceKm: 3.2 },
      score: 0.8, signals: {}, reasons: ['Has led reading recovery in a secondary school'], inPanel: false,
      reasonDetails: [{ text: 'Has led reading recovery in a secondary school', evidence: { kind: 'title', title: 'Fluency for older readers' } }],
    }
    const calls = stubApi({
      [`/api/requests/${id(1)}`]: () => ({ body: request() }),
      [`/api/requests/${id(1)}/offers`]: () => ({ body: { items: [{ ...offer, status: 'declined', closedReason: 'expired' }], nextCursor: null } }),
      [`/api/requests/${id(1)}/next-suggestions`]: () => ({ body: { lapsed: { offerId: id(50), expertName: 'Bea Expert', expired: true, at: '2026-11-10T09:00:00.000Z' }, placesOpen: 1, suggestions: [suggestion] } }),
      [`/api/requests/${id(1)}/similar-cases`]: () => ({ body: { items: [], nextCursor: null } }),
      '/api/expertise': () => ({ body: { items: [], nextCursor: null, term: { label: 'Spring 2027', start: '2027-01-01', end: '2027-03-31' } } }),
      [`POST /api/requests/${id(1)}/invitations`]: () => ({ status: 201, body: { ...offer, id: id(51), status: 'invited', expert: { id: id(61), name: 'Cal Expert', lastActiveAt: null } } }),
    })
    renderRoutes([{ path: '/requests/:id', element: <RequireAuth><RequestPage /></RequireAuth> }], `/requests/${id(1)}`)
    const panel = await screen.findByRole('region', { name: 'Your invitation to Bea Expert expired — next suggestions' }, SLOW)
    expect(within(panel).getByText('Has led reading recovery in a secondary school')).toBeTruthy()
    fireEvent.click(within(panel).getByRole('button', { name: 'Invite Cal Expert' }))
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/invitations'))).toBe(true), SLOW)
    expect(calls.find((c) => c.method === 'POST' && c.url.endsWith('/invitations'))!.body).toEqual({ expertiseId: id(71), note: '' })
  })

  it('When the central team reads an invitation-only request, then they see that its words are withheld', async () => {
    stubApi({
      [`/api/requests/${id(1)}`]: () => ({ body: request({ textHidden: true, problem: null, tried: null, outcome: null, confidentiality: 'invited', viewer: { isOwner: false, canOffer: false, myOffer: null } }) }),
      [`/api/requests/${id(1)}/similar-cases`]: () => ({ body: { items: [], nextCursor: null } }),
    })
    renderRoutes([{ path: '/requests/:id', element: <RequireAuth><RequestPage /></RequireAuth> }], `/requests/${id(1)}`)
    expect(await screen.findByText('Shared only with invited colleagues', {}, SLOW)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Publish request' })).toBeNull()
    expect(screen.queryByText('Offers')).toBeNull()
  })
})
