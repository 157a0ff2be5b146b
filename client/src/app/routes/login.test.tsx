import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeFetch, renderRoutes } from '../../testing/render.tsx'
import { LoginPage } from './login.tsx'

const unauthenticated = { status: 401, body: { type: '/problems/unauthorized', title: 'Sign-in needed', status: 401 } }

function fill(email: string, password: string) {
  fireEvent.change(screen.getByLabelText(/E-mail/), { target: { value: email } })
  fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: password } })
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
}

describe('sign-in page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows the server’s message when the password is wrong, and stays on the page', async () => {
    const f = fakeFetch(unauthenticated, { status: 401, body: { type: '/problems/bad-credentials', title: 'Sign-in failed', status: 401, detail: 'That e-mail and password do not match an active account.' } })
    vi.stubGlobal('fetch', f.fn)
    renderRoutes([{ path: '/login', element: <LoginPage /> }], '/login')
    fill('head@demo.example.org', 'wrong')
    expect(await screen.findByText('That e-mail and password do not match an active account.')).toBeTruthy()
    expect(f.calls[1]!.url).toBe('/api/auth/login')
    expect(JSON.parse(f.calls[1]!.init?.body as string)).toEqual({ email: 'head@demo.example.org', password: 'wrong' })
  })

  it('When the account is locked, then it says how long to wait, in words, from Retry-After', async () => {
    const locked = { type: '/problems/too-many-attempts', title: 'Too many attempts', status: 429, detail: 'Too many failed sign-ins for this account. Please wait 15 minutes and try again.' }
    vi.stubGlobal('fetch', fakeFetch(unauthenticated, { status: 429, body: locked, headers: { 'retry-after': '727' } }).fn)
    renderRoutes([{ path: '/login', element: <LoginPage /> }], '/login')
    fill('head@demo.example.org', 'demo-password-1')
    expect(await screen.findByText('Too many sign-in attempts. Please wait 13 minutes before trying again.')).toBeTruthy()
  })

  it('puts field errors from a problem on the fields', async () => {
    vi.stubGlobal('fetch', fakeFetch(unauthenticated, { status: 400, body: { type: '/problems/validation', title: 'Some fields need attention', status: 400, errors: [{ path: 'email', message: 'This account is locked for now' }] } }).fn)
    renderRoutes([{ path: '/login', element: <LoginPage /> }], '/login')
    fill('head@demo.example.org', 'whatever')
    expect(await screen.findByText('This account is locked for now')).toBeTruthy()
  })

  it('checks the e-mail in the browser before sending anything', async () => {
    const f = fakeFetch(unauthenticated)
    vi.stubGlobal('fetch', f.fn)
    renderRoutes([{ path: '/login', element: <LoginPage /> }], '/login')
    fill('not-an-email', 'x')
    expect(await screen.findByText('Enter an e-mail address like name@school.org')).toBeTruthy()
    await waitFor(() => expect(f.calls).toHaveLength(1))
  })

  it('goes to the page the person asked for after signing in', async () => {
    const person = { id: '3f1c1c1e-8a4b-4f7e-9a57-1d2b3c4d5e6f', email: 'head@demo.example.org', name: 'A Head', role: 'headteacher', schoolId: null, schoolName: null, trustId: '3f1c1c1e-8a4b-4f7e-9a57-1d2b3c4d5e60', trustName: 'T', active: true, paused: false }
    vi.stubGlobal('fetch', fakeFetch(unauthenticated, { status: 200, body: { person, token: 'x' } }).fn)
    const { router } = renderRoutes([{ path: '/login', element: <LoginPage /> }, { path: '/requests', element: <p>Requests page</p> }], '/login?next=%2Frequests')
    fill('head@demo.example.org', 'demo-password-1')
    expect(await screen.findByText('Requests page')).toBeTruthy()
    expect(router.state.location.pathname).toBe('/requests')
  })
})
