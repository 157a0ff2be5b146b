import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Balance, FlowGraph, FlowLinkDetail, LeftBehind, OpenRequests, SupplyDemand, TimeToCommission } from '@ee/shared/flows'
import { renderRoutes } from '../../testing/render.tsx'
import { readFilter } from './filter.ts'
import { FlowsPage } from './flows-page.tsx'
import { MySchoolFlowsPage, partnersOf } from './my-school-page.tsx'

const A = '0b0e6f5e-1a8c-4a8f-9b1e-000000000001'
const B = '0b0e6f5e-1a8c-4a8f-9b1e-000000000002'
const C = '0b0e6f5e-1a8c-4a8f-9b1e-000000000003'
const AREA = '0b0e6f5e-1a8c-4a8f-9b1e-0000000000a1'
const period = { kind: 'this-term' as const, from: '2027-01-04', to: '2027-04-11', label: 'Spring 2027', terms: [{ start: '2027-01-04', label: 'Spring 2027', name: 'spring' as const }] }
const trust = { schoolId: null, schoolName: null }

const graph: FlowGraph = {
  period,
  scope: trust,
  nodes: [
    { schoolId: B, name: 'Beck Academy' },
    { schoolId: A, name: 'Ash Primary' },
    { schoolId: C, name: 'Cedar School' },
  ],
  links: [
    { from: B, to: A, days: 4, deliveredDays: 0, engagements: 1 },
    { from: A, to: B, days: 3, deliveredDays: 2, engagements: 1 },
    { from: C, to: A, days: 2, deliveredDays: 1.5, engagements: 1 },
  ],
  totals: { days: 9, deliveredDays: 3.5, engagements: 3 },
}
const balance: Balance = {
  period,
  scope: trust,
  items: [
    { schoolId: B, name: 'Beck Academy', cluster: 'South', daysGiven: 4, daysReceived: 3, requestsRaised: 3, commissioned: 2, unmet: 0 },
    { schoolId: A, name: 'Ash Primary', cluster: 'North', daysGiven: 3, daysReceived: 6, requestsRaised: 2, commissioned: 2, unmet: 0 },
    { schoolId: C, name: 'Cedar School', cluster: 'North', daysGiven: 2, daysReceived: 0, requestsRaised: 2, commissioned: 1, unmet: 2 },
  ],
}
const supply: SupplyDemand = {
  period,
  scope: trust,
  items: [{ areaId: AREA, slug: 'mathematics', name: 'Mathematics', strand: 'Curriculum', experts: 1, capacityDays: 4, committedDays: 0, freeDays: 4, openRequests: 1, askedDays: 6 }],
}
const left: LeftBehind = { period, scope: trust, schools: [{ schoolId: C, name: 'Cedar School', cluster: 'North', reason: 'No expertise given or received in Spring 2027' }], requests: [] }
const ttc: TimeToCommission = { period, scope: trust, overall: { requests: 6, medianDays: 8.5 }, items: [] }
const detail: FlowLinkDetail = {
  period,
  from: { schoolId: C, name: 'Cedar School' },
  to: { schoolId: A, name: 'Ash Primary' },
  items: [
    {
      engagementId: '0b0e6f5e-1a8c-4a8f-9b1e-0000000000e1', requestId: '0b0e6f5e-1a8c-4a8f-9b1e-0000000000f1', title: 'Confidential request', confidential: true,
      areas: [{ slug: 'early-reading-phonics', name: 'Early reading and phonics' }], termStart: '2027-01-01', days: 2, deliveredDays: 1.5, status: 'active', release: 'approved',
    },
  ],
}
const open: OpenRequests = {
  period,
  scope: { schoolId: C, schoolName: 'Cedar School' },
  items: [
    {
      requestId: '0b0e6f5e-1a8c-4a8f-9b1e-0000000000f2', title: 'Attendance after Covid', confidential: false, schoolId: C, schoolName: 'Cedar School', areas: [],
      publishedAt: '2026-10-01T00:00:00.000Z', ageDays: 137, expertsWanted: 1, placesFilled: 0, liveOffers: 0,
    },
  ],
}

/** Answers each API path with its fixture and records what was asked. */
function stubApi(overrides: Record<string, unknown> = {}) {
  const calls: string[] = []
  const answers: Record<string, unknown> = {
    '/api/flows': graph,
    '/api/flows/balance': balance,
    '/api/flows/supply-demand': supply,
    '/api/flows/left-behind': left,
    '/api/flows/time-to-commission': ttc,
    '/api/flows/open-requests': open,
    [`/api/flows/links/${C}/${A}`]: detail,
    '/api/areas': { items: [], nextCursor: null },
    '/api/clusters': { items: [], nextCursor: null },
    ...overrides,
  }
  vi.stubGlobal('fetch', async (url: string) => {
    calls.push(url)
    const found = answers[url.split('?')[0]!]
    // Every list answers its page with nextCursor (IN-2); the fixtures are whole views, one page each.
    const body = found && typeof found === 'object' && 'items' in found ? { nextCursor: null, ...found } : found
    return new Response(JSON.stringify(body ?? { type: '/problems/not-found', title: 'Not found', status: 404 }), {
      status: body ? 200 : 404,
      headers: { 'content-type': 'application/json' },
    })
  })
  return calls
}

describe('the flows page', () => {
  beforeEach(() => {
    window.print = () => {}
  })
  afterEach(() => vi.unstubAllGlobals())

  it('shows the matrix, balance, supply and demand and who is left behind, each table with a caption', async () => {
    stubApi()
    renderRoutes([{ path: '/flows', element: <FlowsPage /> }], '/flows')
    const matrix = (await screen.findByText(/Days agreed from each providing school/)).closest('table')!
    expect(within(matrix).getByRole('button', { name: /Cedar School to Ash Primary: 2 days agreed, 1.5 days delivered, 1 engagement/ })).toBeTruthy()
    expect(within(matrix).getAllByRole('rowheader').map((r) => r.textContent)).toEqual(['Beck Academy', 'Ash Primary', 'Cedar School', 'Total received'])
    expect(await screen.findByText(/Each school’s balance, Spring 2027/)).toBeTruthy()
    expect(screen.getByText(/Supply against demand per area, Spring 2027/)).toBeTruthy()
    expect(screen.getByText(/More is asked than is free in Mathematics/)).toBeTruthy()
    expect(await screen.findByText(/No expertise given or received in Spring 2027/)).toBeTruthy()
    expect(await screen.findByText('8.5 days')).toBeTruthy()
  })

  it('opens the engagements behind a matrix cell, never showing confidential words, and keeps the link in the URL', async () => {
    const calls = stubApi()
    const { router } = renderRoutes([{ path: '/flows', element: <FlowsPage /> }], '/flows?period=last-term')
    fireEvent.click(await screen.findByRole('button', { name: /Cedar School to Ash Primary/ }))
    expect(await screen.findByText('Confidential request')).toBeTruthy()
    expect(screen.getByText('Early reading and phonics')).toBeTruthy()
    expect(router.state.location.search).toBe(`?period=last-term&link=${C}%7E${A}`)
    await waitFor(() => expect(calls).toContain(`/api/flows/links/${C}/${A}?period=last-term`))
  })

  it('sorts the balance by a column, and says so to screen readers', async () => {
    stubApi()
    renderRoutes([{ path: '/flows', element: <FlowsPage /> }], '/flows')
    const table = (await screen.findByText(/Each school’s balance/)).closest('table')!
    const names = () => within(table).getAllByRole('rowheader').map((r) => r.textContent)
    expect(names()).toEqual(['Ash Primary', 'Beck Academy', 'Cedar School'])
    fireEvent.click(within(table).getByRole('button', { name: /Days given/ }))
    expect(names()).toEqual(['Beck Academy', 'Ash Primary', 'Cedar School'])
    expect(within(table).getByRole('columnheader', { name: /Days given/ }).getAttribute('aria-sort')).toBe('descending')
    fireEvent.click(within(table).getByRole('button', { name: /Days given/ }))
    expect(names()).toEqual(['Cedar School', 'Ash Primary', 'Beck Academy'])
    expect(within(table).getByRole('columnheader', { name: /Days given/ }).getAttribute('aria-sort')).toBe('ascending')
  })

  it('gives each table a CSV download with the filters of the page', async () => {
    stubApi()
    renderRoutes([{ path: '/flows', element: <FlowsPage /> }], '/flows?period=academic-year&area=reading&cluster=North')
    const link = await screen.findByRole('link', { name: 'Download balance (CSV)' })
    expect(link.getAttribute('href')).toBe('/api/flows/balance?period=academic-year&area=reading&cluster=North&format=csv')
    expect(screen.getByRole('link', { name: 'Download flows (CSV)' }).getAttribute('href')).toBe('/api/flows?period=academic-year&area=reading&cluster=North&format=csv')
  })

  it('says plainly when nothing flowed in the period', async () => {
    stubApi({ '/api/flows': { ...graph, links: [], nodes: [], totals: { days: 0, deliveredDays: 0, engagements: 0 } } })
    renderRoutes([{ path: '/flows', element: <FlowsPage /> }], '/flows')
    expect(await screen.findByText('No engagements in Spring 2027')).toBeTruthy()
  })

  it('shows the problem and a way to retry when a view cannot load', async () => {
    stubApi({ '/api/flows/balance': undefined })
    renderRoutes([{ path: '/flows', element: <FlowsPage /> }], '/flows')
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeTruthy()
  })
})

describe('a head’s own flows', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists partner schools and open requests by age, flagging one waiting with no offer', async () => {
    const headGraph: FlowGraph = { ...graph, scope: { schoolId: A, schoolName: 'Ash Primary' } }
    stubApi({ '/api/flows': headGraph, '/api/flows/balance': { ...balance, items: [balance.items[1]] } })
    renderRoutes([{ path: '/flows/my-school', element: <MySchoolFlowsPage /> }], '/flows/my-school')
    const partners = (await screen.findByText(/Partner schools, Spring 2027/)).closest('table')!
    expect(within(partners).getAllByRole('rowheader').map((r) => r.textContent)).toEqual(['Beck Academy', 'Cedar School'])
    expect(within(partners).getByRole('button', { name: 'Received from Cedar School: 2 days. Show the engagements' })).toBeTruthy()
    expect(await screen.findByText('No offer after 137 days')).toBeTruthy()
    expect(screen.getByText('Days received').nextSibling?.textContent).toBe('6 days')
  })

  it('adds up give and take per partner', () => {
    expect(partnersOf({ ...graph, scope: { schoolId: A, schoolName: 'Ash Primary' } }, A)).toEqual([
      { schoolId: B, name: 'Beck Academy', given: 3, received: 4, engagements: 2 },
      { schoolId: C, name: 'Cedar School', given: 0, received: 2, engagements: 1 },
    ])
  })
})

describe('the filter in the URL', () => {
  it.each([
    ['', {}],
    ['period=last-term&area=reading', { period: 'last-term', area: 'reading' }],
    ['from=2027-01-01&to=2027-02-01', { from: '2027-01-01', to: '2027-02-01' }],
    ['period=custom&from=2027-01-01&cluster=North', { cluster: 'North' }],
    ['period=someday', {}],
  ])('%s reads as %o', (search, expected) => {
    expect(readFilter(new URLSearchParams(search))).toEqual(expected)
  })
})
