import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeFetch, renderRoutes } from '../../testing/render.tsx'
import { ForgotPasswordPage } from './forgot-password.tsx'
import { LoginPage } from './login.tsx'
import { ResetPasswordPage } from './reset-password.tsx'

const SLOW = { timeout: 8000 }
const unauthenticated = { status: 401, body: { type: '/problems/unauthorized', title: 'Sign-in needed', status: 401 } }
const person = { id: '3f1c1c1e-8a4b-4f7e-9a57-1d2b3c4d5e6f', email: 'head@demo.example.org', name: 'A Head', role: 'headteacher', schoolId: null, schoolName: null, trustId: '3f1c1c1e-8a4b-4f7e-9a57-1d2b3c4d5e60', trustName: 'T', active: true, paused: false }
const routes = [
  { path: '/login', element: <LoginPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/', element: <p>Home page</p> },
]

function choose(password: string, repeat = password) {
  fireEvent.change(screen.getByLabelText(/^New password\s*\*?$/), { target: { value: password } })
  fireEvent.change(screen.getByLabelText(/^New password again/), { target: { value: repeat } })
  fireEvent.click(screen.getByRole('button', { name: 'Set my new password' }))
}

describe('forgotten password', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('goes from the sign-in page to asking for a link, and says what happens next whatever the address', async () => {
    const message = 'If an account exists for that address, we have sent it a link to choose a new password. The link works once, for 30 minutes.'
    const f = fakeFetch(unauthenticated, { status: 202, body: { message } })
    vi.stubGlobal('fetch', f.fn)
    const { router } = renderRoutes(routes, '/login')
    fireEvent.click(await screen.findByRole('link', { name: 'Forgotten your password?' }))
    expect(router.state.location.pathname).toBe('/forgot-password')
    fireEvent.change(screen.getByLabelText(/E-mail/), { target: { value: 'Head@Demo.example.org' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send me a link' }))
    expect(await screen.findByText(message)).toBeTruthy()
    expect(f.calls[1]!.url).toBe('/api/auth/password-reset')
    expect(JSON.parse(f.calls[1]!.init?.body as string)).toEqual({ email: 'head@demo.example.org' })
  })
})

describe('choosing a new password from the link', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('says why a common password will not do, and that the two must match, before sending anything', async () => {
    const f = fakeFetch()
    vi.stubGlobal('fetch', f.fn)
    renderRoutes(routes, '/reset-password?token=abcdefghijklmnopqrstuvwxyz')
    choose('password1234')
    expect(await screen.findByText(/This is too close to a common password\. Add another word or two/, {}, SLOW)).toBeTruthy()
    choose('maple-kettle-orbit-42', 'maple-kettle-orbit-43')
    expect(await screen.findByText('The two passwords are not the same', {}, SLOW)).toBeTruthy()
    expect(f.calls).toHaveLength(0)
  }, 15_000)

  it('sets the password with the token from the link and signs the person in', async () => {
    const f = fakeFetch({ status: 200, body: { person, token: 'x' } })
    vi.stubGlobal('fetch', f.fn)
    const { router } = renderRoutes(routes, '/reset-password?token=abcdefghijklmnopqrstuvwxyz')
    choose('maple-kettle-orbit-42')
    expect(await screen.findByText('Home page', {}, SLOW)).toBeTruthy()
    expect(router.state.location.pathname).toBe('/')
    expect(f.calls[0]!.url).toBe('/api/auth/password-reset/confirm')
    expect(JSON.parse(f.calls[0]!.init?.body as string)).toEqual({ token: 'abcdefghijklmnopqrstuvwxyz', password: 'maple-kettle-orbit-42' })
  }, 15_000)

  it('offers a new link when this one has been used or has expired', async () => {
    const detail = 'Reset links work once, for 30 minutes, and only the newest one works. Ask for a new link from the sign-in page.'
    vi.stubGlobal('fetch', fakeFetch({ status: 410, body: { type: '/problems/reset-link-expired', title: 'This link cannot be used', status: 410, detail } }).fn)
    const { router } = renderRoutes(routes, '/reset-password?token=abcdefghijklmnopqrstuvwxyz')
    choose('maple-kettle-orbit-42')
    const alert = await screen.findByRole('alert', {}, SLOW)
    expect(alert.textContent).toContain(detail)
    fireEvent.click(screen.getAllByRole('link', { name: 'Ask for a new link' })[0]!)
    await waitFor(() => expect(router.state.location.pathname).toBe('/forgot-password'))
  }, 15_000)
})
