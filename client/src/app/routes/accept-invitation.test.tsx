import { fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeFetch, renderRoutes } from '../../testing/render.tsx'
import { AcceptInvitationPage } from './accept-invitation.tsx'

describe('accepting an invitation', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('says why a common password will not do before creating the account', async () => {
    const f = fakeFetch()
    vi.stubGlobal('fetch', f.fn)
    renderRoutes([{ path: '/accept-invitation', element: <AcceptInvitationPage /> }], '/accept-invitation?token=abcdefghijklmnopqrstuvwxyz')
    fireEvent.change(screen.getByLabelText(/^Full name/), { target: { value: 'Nia Newcomer' } })
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: '123456789012' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create my account' }))
    expect(await screen.findByText(/^This is one of the most common passwords/, {}, { timeout: 8000 })).toBeTruthy()
    expect(f.calls).toHaveLength(0)
  }, 15_000)
})
