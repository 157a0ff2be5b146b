import { fireEvent, screen, waitFor, within } from '@testing-library/react'
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
  extensions: [], away: null, colleagueAskedAt: null, colleagueOffer: null, returnedDays: null, handedOverTo: null, takesOver: null,
  viewer: { roles: ['receiving'], canLog: false, canComplete: true, canReflect: false, canCancel: true, canExtend: false, canEndEarly: false, canAskColleague: false, canNameColleague: false }, ...over,
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
  }, 20_000)

  it('When the release is still pending, then the page says so and offers no work forms', async () => {
    stub(engagement({ release: 'pending', viewer: { roles: ['expert'], canLog: false, canComplete: false, canReflect: false, canCancel: true, canExtend: false, canEndEarly: false, canAskColleague: false, canNameColleague: false } }), () => {})
    renderRoutes([{ path: '/engagements/:id', element: <RequireAuth><EngagementPage /></RequireAuth> }], `/engagements/${id(1)}`)
    expect(await screen.findByText('Waiting for the release', {}, SLOW)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Log a session' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Cancel engagement' })).toBeTruthy()
  })
})

describe('more days on an engagement', () => {
  afterEach(() => vi.unstubAllGlobals())
  const extension = { id: id(20), engagementId: id(1), days: 2, reason: 'Two more coaching cycles.', status: 'proposed' as const, termStart: null, termLabel: null, proposedAt: '2027-01-21T09:00:00.000Z', decidedAt: null, declineReason: null, releaseDecidedAt: null }

  function stubPosts(g: Engagement, posted: { path: string; body: unknown }[]) {
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const path = url.split('?')[0]!
      if (path === '/api/me') return Response.json({ person: me })
      if (init?.method === 'POST') {
        posted.push({ path, body: init.body ? JSON.parse(init.body as string) : null })
        if (path.startsWith('/api/extensions/')) return Response.json({ id: id(20), engagementId: id(1), status: 'approved', engagementDays: 5 })
        return Response.json(g, { status: 201 })
      }
      if (path === `/api/engagements/${id(1)}`) return Response.json(g)
      return Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404 })
    })
  }

  it('When the expert asks for more days, then the days and the reason are sent', async () => {
    const posted: { path: string; body: unknown }[] = []
    stubPosts(engagement({ viewer: { roles: ['expert'], canLog: true, canComplete: false, canReflect: true, canCancel: true, canExtend: true, canEndEarly: false, canAskColleague: false, canNameColleague: false } }), posted)
    renderRoutes([{ path: '/engagements/:id', element: <RequireAuth><EngagementPage /></RequireAuth> }], `/engagements/${id(1)}`)
    expect(await screen.findByRole('heading', { name: 'Ask for more days' }, SLOW)).toBeTruthy()
    fireEvent.change(screen.getByRole('textbox', { name: /Why they are needed/ }), { target: { value: 'The English lead asked for two more coaching cycles.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Ask for more days' }))
    await waitFor(() => expect(posted).toEqual([{ path: `/api/engagements/${id(1)}/extensions`, body: { days: 1, reason: 'The English lead asked for two more coaching cycles.' } }]), SLOW)
  })

  it('When the receiving head reads a request for more days, then Agree and Decline are there and Agree sends it; the expert sees no such buttons', async () => {
    const posted: { path: string; body: unknown }[] = []
    stubPosts(engagement({ extensions: [extension] }), posted)
    const { unmount } = renderRoutes([{ path: '/engagements/:id', element: <RequireAuth><EngagementPage /></RequireAuth> }], `/engagements/${id(1)}`)
    expect(await screen.findByText('Two more coaching cycles.', {}, SLOW)).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Decline' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Agree' }))
    await waitFor(() => expect(posted.map((p) => p.path)).toEqual([`/api/extensions/${id(20)}/agree`]), SLOW)
    unmount()
    stubPosts(engagement({ extensions: [extension], viewer: { roles: ['expert'], canLog: true, canComplete: false, canReflect: false, canCancel: true, canExtend: false, canEndEarly: false, canAskColleague: false, canNameColleague: false } }), [])
    renderRoutes([{ path: '/engagements/:id', element: <RequireAuth><EngagementPage /></RequireAuth> }], `/engagements/${id(1)}`)
    expect(await screen.findByText('Two more coaching cycles.', {}, SLOW)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Agree' })).toBeNull()
    expect(screen.getByText('Waiting for the head')).toBeTruthy()
  })
})

describe('an expert who has gone', () => {
  afterEach(() => vi.unstubAllGlobals())
  const noActions = { canLog: false, canComplete: false, canReflect: false, canCancel: true, canExtend: false, canEndEarly: false, canAskColleague: false, canNameColleague: false }

  function stubPosts(g: Engagement, posted: { path: string; body: unknown }[]) {
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const path = url.split('?')[0]!
      if (path === '/api/me') return Response.json({ person: me })
      if (init?.method === 'POST') {
        posted.push({ path, body: init.body ? JSON.parse(init.body as string) : null })
        return Response.json(g)
      }
      if (path === `/api/engagements/${id(1)}`) return Response.json(g)
      return Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404 })
    })
  }

  it('When the expert has left, then the receiving head reads it with both choices, and asking for a colleague sends the note', async () => {
    const posted: { path: string; body: unknown }[] = []
    stubPosts(engagement({
      away: { since: '2027-01-20T09:00:00.000Z', reason: 'deactivated' },
      viewer: { roles: ['receiving'], ...noActions, canEndEarly: true, canAskColleague: true },
    }), posted)
    renderRoutes([{ path: '/engagements/:id', element: <RequireAuth><EngagementPage /></RequireAuth> }], `/engagements/${id(1)}`)
    expect(await screen.findByText("Bea Expert has left the school's expertise exchange", {}, SLOW)).toBeTruthy()
    expect(screen.getByText(/1 day of the 3 agreed was delivered/)).toBeTruthy()
    expect(screen.queryByRole('heading', { name: 'Complete the engagement' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'End with what was delivered' }))
    expect(await screen.findByRole('heading', { name: 'End with what was delivered' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Ask for a colleague' }))
    const dialog = await screen.findByRole('dialog', { name: 'Ask Beck Academy for a colleague?' })
    fireEvent.change(screen.getByRole('textbox', { name: /A note for their headteacher/ }), { target: { value: 'Someone to finish the coaching, please.' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ask for a colleague' }))
    await waitFor(() => expect(posted).toEqual([{ path: `/api/engagements/${id(1)}/colleague-request`, body: { note: 'Someone to finish the coaching, please.' } }]), SLOW)
  }, 20_000)

  it('When the expert’s school has named a colleague, then the receiving head can accept them, which accepts the colleague’s offer', async () => {
    const posted: { path: string; body: unknown }[] = []
    const colleagueOffer = { id: id(30), expert: { id: id(31), name: 'Cal Colleague' }, expertise: { id: id(32), title: 'KS3 reading too' }, days: 2, message: 'Cal ran the same programme.', createdAt: '2027-01-21T09:00:00.000Z' }
    const g = engagement({ away: { since: '2027-01-20T09:00:00.000Z', reason: 'paused' }, colleagueAskedAt: '2027-01-20T10:00:00.000Z', colleagueOffer, viewer: { roles: ['receiving'], ...noActions, canEndEarly: true } })
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const path = url.split('?')[0]!
      if (path === '/api/me') return Response.json({ person: me })
      if (init?.method === 'POST') {
        posted.push({ path, body: JSON.parse(init.body as string) })
        return Response.json({ offer: null, engagementId: id(40), release: 'approved', requestStatus: 'commissioned' })
      }
      if (path.startsWith('/api/engagements/')) return Response.json(g)
      return Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404 })
    })
    renderRoutes([{ path: '/engagements/:id', element: <RequireAuth><EngagementPage /></RequireAuth> }], `/engagements/${id(1)}`)
    expect(await screen.findByText('Bea Expert has paused their availability', {}, SLOW)).toBeTruthy()
    expect(screen.getByText('“Cal ran the same programme.”')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Accept Cal Colleague to take over' }))
    await waitFor(() => expect(posted).toEqual([{ path: `/api/offers/${id(30)}/accept`, body: { note: '' } }]), SLOW)
  })
})
