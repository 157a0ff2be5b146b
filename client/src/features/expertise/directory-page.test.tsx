import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

/** The machines that run these are busy; give the first render time. */
const SLOW = { timeout: 5000 }
import type { ExpertiseCard, ExpertiseDirectory } from '@ee/shared/expertise'
import { RequireAuth } from '../../lib/auth.tsx'
import { renderRoutes } from '../../testing/render.tsx'
import { DirectoryPage } from './directory-page.tsx'

const id = (n: number) => `0b0e6f5e-1a8c-4a8f-9b1e-${String(n).padStart(12, '0')}`
const me = { id: id(900), email: 'head@example.org', name: 'Ada Head', role: 'headteacher', schoolId: id(800), schoolName: 'Ash Primary', trustId: id(700), trustName: 'Test Trust', active: true, paused: false }
const term = { label: 'Autumn 2026', start: '2026-09-01', end: '2026-12-31' }
const card = (n: number, extra: Partial<ExpertiseCard> = {}): ExpertiseCard => ({
  expertise: { id: id(n), title: `Early reading ${n}`, summary: 'Reading', subjects: ['english'], phases: ['primary'], modes: ['coaching'], capacityDaysPerTerm: 4, updatedAt: '2026-10-01T00:00:00.000Z' },
  person: { id: id(100 + n), name: `Teacher ${n}`, lastActiveAt: new Date(Date.now() - 3 * 86_400_000).toISOString() },
  school: { id: id(200), name: 'Beck Academy', clusterName: 'South' },
  distanceKm: 12.4,
  areas: [{ slug: 'early-reading-phonics', name: 'Early reading and phonics' }],
  evidenceExcerpt: 'Phonics screening passes rose from 61% to 88%.',
  daysFree: 3,
  ...extra,
})

function stubApi(pages: ExpertiseDirectory[]) {
  const calls: string[] = []
  vi.stubGlobal('fetch', async (url: string) => {
    calls.push(url)
    const path = url.split('?')[0]
    const body =
      path === '/api/me' ? { person: me } :
      path === '/api/expertise' ? (url.includes('cursor=') ? pages[1] : pages[0]) :
      path === '/api/areas' ? { items: [], nextCursor: null } :
      path === '/api/schools' || path === '/api/clusters' ? { items: [], nextCursor: null } : null
    return new Response(JSON.stringify(body ?? { type: '/problems/not-found', title: 'Not found', status: 404 }), { status: body ? 200 : 404, headers: { 'content-type': 'application/json' } })
  })
  return calls
}

const render = (url = '/expertise') => renderRoutes([{ path: '/expertise', element: <RequireAuth><DirectoryPage /></RequireAuth> }], url)

describe('the expertise directory', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows each card with the person, school, distance, last activity, areas, evidence and days free, and loads more on request', async () => {
    const calls = stubApi([
      { items: [card(1), card(2, { daysFree: 0, distanceKm: null })], nextCursor: 'next-page', term },
      { items: [card(3)], nextCursor: null, term },
    ])
    render()
    expect(await screen.findByRole('heading', { name: 'Early reading 1' }, SLOW)).toBeTruthy()
    expect(screen.getAllByText(/Beck Academy \(South\)/)).toHaveLength(2)
    expect(screen.getByText(/12 km away/)).toBeTruthy()
    expect(screen.getAllByText(/active 3 days ago/)).toHaveLength(2)
    expect(screen.getByText('3 days free this term')).toBeTruthy()
    expect(screen.getByText('No days free this term')).toBeTruthy()
    expect(screen.getAllByText('Phonics screening passes rose from 61% to 88%.')).toHaveLength(2)
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }))
    expect(await screen.findByRole('heading', { name: 'Early reading 3' }, SLOW)).toBeTruthy()
    expect(calls.some((c) => c.includes('cursor=next-page'))).toBe(true)
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull()
  })

  it('keeps the search in the URL and asks the server with it', async () => {
    const calls = stubApi([{ items: [card(1)], nextCursor: null, term }])
    const { router } = render('/expertise?phase=primary')
    fireEvent.change(await screen.findByRole('searchbox', { name: 'Search expertise' }, SLOW), { target: { value: 'phonic' } })
    await waitFor(() => expect(router.state.location.search).toBe('?phase=primary&q=phonic'), SLOW)
    await waitFor(() => expect(calls.filter((c) => c.startsWith('/api/expertise'))).toEqual(['/api/expertise?phase=primary&limit=20', '/api/expertise?q=phonic&phase=primary&limit=20']), SLOW)
  })

  it('says when nothing matches the filters and offers to clear them', async () => {
    stubApi([{ items: [], nextCursor: null, term }])
    const { router } = render('/expertise?q=underwater&hasFreeDays=true')
    expect(await screen.findByText('No expertise matches these filters', {}, SLOW)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Clear all filters' }))
    await waitFor(() => expect(router.state.location.search).toBe(''), SLOW)
  })
})
