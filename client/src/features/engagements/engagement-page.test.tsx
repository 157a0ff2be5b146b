import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Engagement } from '@ee/shared/engagements'
import { RequireAuth } from '../../lib/auth.tsx'
import { renderRoutes } from '../../testing/render.tsx'
import { EngagementPage } from './engagement-page.tsx'

// Mantine's autosizing textarea listens to document.fonts, which jsdom lacks.
if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: { addEventListener: () => {}, removeEventListener: () => {} } })

const SLOW = { timeout: 5000 }
const id = (n: number) => `0b0e6f5e-1a8c-4a8f-9b1e-${String(n).padStart(12, '0')}`
const me = { id: id(900), email: 'head@example.org', name: 'Ada Head', role: 'headteacher', schoolId: id(800), schoolName: 'Ash Primary', trustId: id(700), trustName: 'Test Trust', active: true, paused: false }
const engagement = (over: Partial<Engagement> = {}): Engagement => ({
  id: id(1), request: { id: id(2), title: 'Year 7 reading recovery' }, offerId: id(3), expert: { id: id(4), name: 'Bea Expert' },
  expertise: { id: id(5), title: 'KS3 reading' }, providerSchool: { id: id(801), name: 'Beck Academy' }, receiverSchool: { id: id(800), name: 'Ash Primary' },
  days: 3, daysLogged: 1, termStart: '2027-01-01', termLabel: 'Spring 2027', status: 'active', release: 'approved', releaseDecidedAt: null,
  createdAt: '2026-11-03T09:00:00.000Z', completedAt: null, cancelledAt: null, cancelReason: null, impact: null, headReflection: null, expertReflection: null,
  shareWithTrust: true, caseId: null, logs: [{ id: id(6), date: '2027-01-20', days: 1, note: 'Observed lessons', loggedBy: 'Bea Expert', createdAt: '2027-01-20T16:00:00.000Z' }],
  viewer: { roles: ['receiving'], canLog: false, canComplete: true, canReflect: false, canCancel: true }, ...over,
})

function stub(g: Engagement, onComplete: (body: unknown) => void) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const path = url.split('?')[0]
    if (path === '/api/me') return Response.json({ person: me })
    if (path === `/api/engagements/${id(1)}/complete`) {
      onComplete(JSON.parse(init?.body as string))
      return Response.json({ ...g, status: 'completed', viewer: { ...g.viewer, canComplete: false } })
    }
    if (path === `/api/engagements/${id(1)}`) return Response.json(g)
    return Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404 })
  })
}

describe('an engagement page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('When the receiving head completes it, then the impact and reflection are required, then sent', async () => {
    const sent: unknown[] = []
    stub(engagement(), (b) => sent.push(b))
    renderRoutes([{ path: '/engagements/:id', element: <RequireAuth><EngagementPage /></RequireAuth> }], `/engagements/${id(1)}`)
    expect(await screen.findByRole('heading', { name: 'Complete the engagement' }, SLOW)).toBeTruthy()
    expect(screen.getByText('Observed lessons')).toBeTruthy()
    expect(screen.queryByRole('heading', { name: 'Log a session' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Complete engagement' }))
    expect(await screen.findByText('Rate the impact from 1 to 5')).toBeTruthy()
    expect(sent).toEqual([])
    fireEvent.click(screen.getByRole('radio', { name: /^4/ }))
    fireEvent.change(screen.getByRole('textbox', { name: /Your reflection/ }), { target: { value: 'Reading ages rose by a year for most of the group.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Complete engagement' }))
    await waitFor(() => expect(sent).toEqual([{ impact: 4, reflection: 'Reading ages rose by a year for most of the group.', shareWithTrust: true }]), SLOW)
  })

  it('When the release is still pending, then the page says so and offers no work forms', async () => {
    stub(engagement({ release: 'pending', viewer: { roles: ['expert'], canLog: false, canComplete: false, canReflect: false, canCancel: true } }), () => {})
    renderRoutes([{ path: '/engagements/:id', element: <RequireAuth><EngagementPage /></RequireAuth> }], `/engagements/${id(1)}`)
    expect(await screen.findByText('Waiting for the release', {}, SLOW)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Log a session' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Cancel engagement' })).toBeTruthy()
  })
})
