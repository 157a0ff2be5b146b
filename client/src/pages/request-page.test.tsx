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

describe('a request page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('When the head accepts an offer, then the accept carries an Idempotency-Key and a note', async () => {
    const calls = stubApi({
      [`/api/requests/${id(1)}`]: () => ({ body: request() }),
      [`/api/requests/${id(1)}/offers`]: () => ({ body: { items: [offer], nextCursor: null } }),
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
