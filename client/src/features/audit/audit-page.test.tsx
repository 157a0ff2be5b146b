import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AuditEvent } from '@ee/shared/audit'
import { renderRoutes } from '../../testing/render.tsx'
import { AuditPage } from './audit-page.tsx'

const SLOW = { timeout: 5000 }
const id = (n: number) => `${String(n).padStart(8, '0')}-1a8c-4a8f-9b1e-0b0e6f5e0000`
const event = (over: Partial<AuditEvent>): AuditEvent => ({
  id: 1, at: '2027-01-12T09:30:00.000Z', actor: { id: id(1), name: 'Claire Donovan' }, action: 'request.updated', objectType: 'request', objectId: id(2),
  link: `/requests/${id(2)}`, outcome: 'success', detail: { fields: ['title'] }, requestId: null, ...over,
})

describe('the audit page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('When the URL holds filters, then the server is asked with them, the CSV link carries them, and each row links to its object', async () => {
    const asked: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url)
      return Response.json({
        items: [event({}), event({ id: 2, actor: null, action: 'request.see', outcome: 'denied', link: `/requests/${id(3)}`, objectId: id(3), detail: { status: 404, fromAnotherTrust: true } })],
        nextCursor: null,
      })
    })
    renderRoutes([{ path: '/admin/audit', element: <AuditPage /> }], `/admin/audit?person=${id(1)}&action=request&from=2027-01-01&to=2027-01-31`)
    expect(await screen.findByText('Request updated', {}, SLOW)).toBeTruthy()
    await waitFor(() => expect(asked.some((u) => u.startsWith('/api/admin/audit?'))).toBe(true))
    const params = new URL(asked.find((u) => u.startsWith('/api/admin/audit?'))!, 'http://x').searchParams
    expect(Object.fromEntries(params)).toMatchObject({ person: id(1), action: 'request', from: '2027-01-01', to: '2027-01-31' })
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(`/api/admin/audit?person=${id(1)}&action=request&from=2027-01-01&to=2027-01-31&format=csv`)
    expect(screen.getByRole('link', { name: `Request ${id(2).slice(0, 8)}` }).getAttribute('href')).toBe(`/requests/${id(2)}`)
    const table = within(screen.getByRole('table', { name: 'Audit events' }))
    expect(table.getByText('Someone from another trust')).toBeTruthy()
    expect(table.getByText('Refused')).toBeTruthy()
  }, 15_000)

  it('When nothing matches, then the page says so and how to widen the search', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ items: [], nextCursor: null }))
    renderRoutes([{ path: '/admin/audit', element: <AuditPage /> }], '/admin/audit?outcome=denied')
    expect(await screen.findByText('Nothing matches these filters', {}, SLOW)).toBeTruthy()
    expect(screen.getByText('Clear a filter or choose other dates.')).toBeTruthy()
  }, 15_000)
})
