import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RequireAuth } from '../../lib/auth.tsx'
import { fakeFetch, renderRoutes } from '../../testing/render.tsx'
import { AccountPage } from './account-page.tsx'

const SLOW = { timeout: 8000 }
const me = { id: '0b0e6f5e-1a8c-4a8f-9b1e-000000000001', email: 'jane.smith@example.org', name: 'Jane Smith', role: 'central', schoolId: null, schoolName: null, trustId: '0b0e6f5e-1a8c-4a8f-9b1e-000000000007', trustName: 'Test Trust', active: true, paused: false }
const render = () => renderRoutes([{ path: '/account', element: <RequireAuth><AccountPage /></RequireAuth> }], '/account')

function fill(current: string, next: string, repeat = next) {
  fireEvent.change(screen.getByLabelText(/^Current password/), { target: { value: current } })
  fireEvent.change(screen.getByLabelText(/^New password\s*\*?$/), { target: { value: next } })
  fireEvent.change(screen.getByLabelText(/^New password again/), { target: { value: repeat } })
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }))
}

describe('changing your password', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('refuses a password built from your own name before sending anything', async () => {
    const f = fakeFetch({ status: 200, body: { person: me } })
    vi.stubGlobal('fetch', f.fn)
    render()
    await screen.findByRole('heading', { name: 'Change your password' }, SLOW)
    fill('old-password-here', 'janesmith-2026-x')
    expect(await screen.findByText(/^Do not build your password from your name or e-mail address/, {}, SLOW)).toBeTruthy()
    expect(f.calls).toHaveLength(1)
  }, 15_000)

  it('puts the server’s answer on the current password field, then changes it and says other sessions ended', async () => {
    const f = fakeFetch(
      { status: 200, body: { person: me } },
      { status: 400, body: { type: '/problems/validation', title: 'Some fields need attention', status: 400, errors: [{ path: 'currentPassword', message: 'That is not your current password' }] } },
      { status: 200, body: { person: me, token: 'fresh' } },
    )
    vi.stubGlobal('fetch', f.fn)
    render()
    await screen.findByRole('heading', { name: 'Change your password' }, SLOW)
    fill('wrong-one', 'maple-kettle-orbit-42')
    expect(await screen.findByText('That is not your current password', {}, SLOW)).toBeTruthy()
    fill('right-one', 'maple-kettle-orbit-42')
    expect(await screen.findByText(/Your password has been changed\. You are still signed in here/, {}, SLOW)).toBeTruthy()
    await waitFor(() => expect(f.calls).toHaveLength(3))
    expect(f.calls[2]!.url).toBe('/api/auth/password')
    expect(JSON.parse(f.calls[2]!.init?.body as string)).toEqual({ currentPassword: 'right-one', newPassword: 'maple-kettle-orbit-42' })
  }, 20_000)
})

describe('your data', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('offers everything held about you as a page to keep and as a file', async () => {
    vi.stubGlobal('fetch', fakeFetch({ status: 200, body: { person: me } }).fn)
    render()
    const page = await screen.findByRole<HTMLAnchorElement>('link', { name: 'Download my data' }, SLOW)
    expect(page.getAttribute('href')).toBe('/api/me/export?format=html')
    expect(page.hasAttribute('download')).toBe(true)
    expect(screen.getByRole('link', { name: 'Download as a file (JSON)' }).getAttribute('href')).toBe('/api/me/export?format=json')
  }, 15_000)
})
