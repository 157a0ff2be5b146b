import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RequireAuth } from '../../lib/auth.tsx'
import { renderRoutes } from '../../testing/render.tsx'
import { PeoplePage } from './people-page.tsx'

const SLOW = { timeout: 5000 }
const id = (n: number) => `0b0e6f5e-1a8c-4a8f-9b1e-${String(n).padStart(12, '0')}`
const me = { id: id(1), email: 'admin@example.org', name: 'Ada Admin', role: 'admin', schoolId: null, schoolName: null, trustId: id(7), trustName: 'Test Trust', active: true, paused: false }
const people = [
  { id: id(1), email: 'admin@example.org', name: 'Ada Admin', role: 'admin', schoolId: null, schoolName: null, active: true, paused: false, lastActiveAt: null },
  { id: id(2), email: 'tom@example.org', name: 'Tom Teacher', role: 'teacher', schoolId: id(5), schoolName: 'Ash Primary', active: true, paused: true, lastActiveAt: new Date(Date.now() - 2 * 86_400_000).toISOString() },
]

const pending = [
  { id: id(9), email: 'new.head@example.org', role: 'headteacher', schoolId: id(5), schoolName: 'Ash Primary', invitedByName: 'Ada Admin', sentAt: '2026-11-02T09:00:00.000Z', expiresAt: '2026-11-16T09:00:00.000Z', expired: false },
  { id: id(10), email: 'late@example.org', role: 'central', schoolId: null, schoolName: null, invitedByName: null, sentAt: '2026-09-01T09:00:00.000Z', expiresAt: '2026-09-15T09:00:00.000Z', expired: true },
]

function stubApi() {
  const calls: { method: string; url: string; body?: unknown }[] = []
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET'
    calls.push({ method, url, body: init?.body ? JSON.parse(init.body as string) : undefined })
    const path = url.split('?')[0]
    const body = path === '/api/me' ? { person: me } : path === '/api/people' ? { items: people, nextCursor: null } : path === '/api/schools' ? { items: [], nextCursor: null } : path === '/api/invitations' ? { items: pending, nextCursor: null }
      : path?.endsWith('/resend') ? { email: 'late@example.org', role: 'central', schoolId: null, status: 'sent', expiresOn: '2026-12-01' }
      : path?.endsWith('/password-reset') ? { email: 'tom@example.org', status: 'sent' }
      : path?.endsWith('/erase') ? { id: id(2), name: 'A former colleague', erasedAt: '2027-02-10T16:00:00.000Z', textsRemoved: 3, rowsDeleted: 2 }
      : method === 'PATCH' ? { ...people[1], active: false } : null
    return new Response(JSON.stringify(body), { status: body ? (path?.endsWith('/password-reset') ? 202 : 200) : 404 })
  })
  return calls
}

const render = (url = '/admin/people') => renderRoutes([{ path: '/admin/people', element: <RequireAuth><PeoplePage /></RequireAuth> }], url)

describe('the people page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists people with role, school, status and last activity, filtered by what the URL says', async () => {
    const calls = stubApi()
    render('/admin/people?role=teacher&active=true')
    const table = (await screen.findByText('People of the trust', {}, SLOW)).closest('table')!
    const tom = within(table).getByRole('rowheader', { name: 'Tom Teacher' }).closest('tr')!
    expect(within(tom).getByText('Ash Primary')).toBeTruthy()
    expect(within(tom).getByText('Paused')).toBeTruthy()
    expect(within(tom).getByText('2 days ago')).toBeTruthy()
    expect(calls.some((c) => c.url.startsWith('/api/people?role=teacher&active=true'))).toBe(true)
    expect(within(table).getByRole<HTMLButtonElement>('button', { name: 'Deactivate Ada Admin' }).disabled).toBe(true)
  })

  it('offers the people the screen shows and the waiting invitations as CSV files with the same filters, and the whole trust as its bundle', async () => {
    stubApi()
    render('/admin/people?role=teacher&active=true')
    const people = await screen.findByRole('link', { name: 'Download these people (CSV)' }, SLOW)
    expect(people.getAttribute('href')).toBe('/api/people?role=teacher&active=true&format=csv')
    expect(people.hasAttribute('download')).toBe(true)
    expect((await screen.findByRole('link', { name: 'Download invitations (CSV)' }, SLOW)).getAttribute('href')).toBe('/api/invitations?format=csv')
    expect(screen.getByRole('link', { name: 'Download all the trust’s data' }).getAttribute('href')).toBe('/api/admin/export')
  })

  it('deactivates someone after saying what it does', async () => {
    const calls = stubApi()
    render()
    fireEvent.click(await screen.findByRole('button', { name: 'Deactivate Tom Teacher' }, SLOW))
    expect(await screen.findByText(/They are signed out at once/, {}, SLOW)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Deactivate' }))
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')).toEqual({ method: 'PATCH', url: `/api/people/${id(2)}`, body: { active: false } }), SLOW)
  })

  it('shows invitations waiting for an answer and re-sends one with a new link', async () => {
    const calls = stubApi()
    render()
    const table = (await screen.findByText('Invitations not yet accepted', {}, SLOW)).closest('table')!
    const late = within(table).getByRole('rowheader', { name: 'late@example.org' }).closest('tr')!
    expect(within(late).getByText('Expired')).toBeTruthy()
    expect(within(table).getByText('Ash Primary')).toBeTruthy()
    fireEvent.click(within(late).getByRole('button', { name: 'Re-send the invitation to late@example.org' }))
    expect(await within(late).findByText(/Sent again; the new link works until 1 Dec 2026/, {}, SLOW)).toBeTruthy()
    expect(calls.find((c) => c.method === 'POST')).toEqual({ method: 'POST', url: `/api/invitations/${id(10)}/resend`, body: {} })
  })

  it('sends a person a reset link after saying what it does', async () => {
    const calls = stubApi()
    render()
    fireEvent.click(await screen.findByRole('button', { name: 'Send Tom Teacher a reset link' }, SLOW))
    expect(await screen.findByText(/Their password stays as it is until they use it/, {}, SLOW)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }))
    expect(await screen.findByText('We have e-mailed tom@example.org a link to choose a new password. It works once, for 30 minutes.', {}, SLOW)).toBeTruthy()
    expect(calls.find((c) => c.method === 'POST')).toEqual({ method: 'POST', url: `/api/people/${id(2)}/password-reset`, body: {} })
  })

  it('erases someone only once their name is typed, and offers their data to download first', async () => {
    const calls = stubApi()
    render()
    expect((await screen.findByRole<HTMLAnchorElement>('link', { name: 'Download the data of Tom Teacher' }, SLOW)).getAttribute('href')).toBe(`/api/admin/people/${id(2)}/export?format=html`)
    fireEvent.click(screen.getByRole('button', { name: 'Erase Tom Teacher' }))
    expect(await screen.findByText(/Their name becomes “A former colleague”/, {}, SLOW)).toBeTruthy()
    const erase = screen.getAllByRole<HTMLButtonElement>('button', { name: 'Erase Tom Teacher' }).find((b) => b.textContent === 'Erase Tom Teacher')!
    expect(erase.disabled).toBe(true)
    fireEvent.change(screen.getByLabelText('Type their name, Tom Teacher, to confirm'), { target: { value: 'tom teacher' } })
    expect(erase.disabled).toBe(false)
    fireEvent.click(erase)
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toEqual({ method: 'POST', url: `/api/admin/people/${id(2)}/erase`, body: { confirmName: 'tom teacher' } }), SLOW)
  })
})
