import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CalendarYear } from '@ee/shared/calendar'
import { renderRoutes } from '../../testing/render.tsx'
import { CalendarPage } from './calendar-page.tsx'

const SLOW = { timeout: 5000 }
const year2026: CalendarYear = {
  year: 2026, label: '2026/27', isDefault: true, currentYear: 2026,
  terms: [
    { name: 'autumn', label: 'Autumn 2026', start: '2026-09-02', end: '2026-12-18', halfTerm: { start: '2026-10-26', end: '2026-10-30' }, schoolDays: 73 },
    { name: 'spring', label: 'Spring 2027', start: '2027-01-04', end: '2027-03-25', halfTerm: { start: '2027-02-15', end: '2027-02-19' }, schoolDays: 54 },
    { name: 'summer', label: 'Summer 2027', start: '2027-04-12', end: '2027-07-22', halfTerm: { start: '2027-05-31', end: '2027-06-04' }, schoolDays: 68 },
  ],
  closures: [{ date: '2027-05-03', label: 'Early May bank holiday' }],
}
const year2027: CalendarYear = {
  ...year2026, year: 2027, label: '2027/28', isDefault: false, closures: [],
  terms: year2026.terms.map((t) => ({ ...t, label: t.label.replace(/\d+$/, (y) => String(Number(y) + 1)) })),
}

function stubApi(putAnswer: { status: number; body: unknown }) {
  const calls: { method: string; url: string; body?: unknown }[] = []
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET'
    calls.push({ method, url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined })
    if (method === 'PUT') return new Response(JSON.stringify(putAnswer.body), { status: putAnswer.status })
    const body = url === '/api/calendar' || url === '/api/calendar?year=2026' ? year2026 : url === '/api/calendar?year=2027' ? year2027 : null
    return new Response(JSON.stringify(body), { status: body ? 200 : 404 })
  })
  return calls
}

describe('the calendar page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it("shows this year and the next with UK dates, and says whose dates they are", async () => {
    stubApi({ status: 200, body: year2026 })
    renderRoutes([{ path: '/admin/calendar', element: <CalendarPage /> }], '/admin/calendar')
    const table = (await screen.findByText('Terms of 2026/27', {}, SLOW)).closest('table')!
    expect(within(table).getAllByRole('row')[2]!.textContent).toBe('Spring 20274 Jan 202715 Feb 2027 to 19 Feb 202725 Mar 202754')
    expect(screen.getByText('3 May 2027: Early May bank holiday')).toBeTruthy()
    expect(screen.getByText('England’s usual dates')).toBeTruthy()
    expect(await screen.findByText('Your trust’s dates', {}, SLOW)).toBeTruthy()
    expect(screen.getAllByRole('button', { name: 'Use England’s usual dates' })).toHaveLength(1)
  })

  it('edits a year and puts the server’s field errors on the fields', async () => {
    const calls = stubApi({
      status: 400,
      body: { type: '/problems/validation', title: 'Some fields need attention', status: 400, errors: [{ path: 'terms[1].halfTerm.start', message: 'Start the half-term inside the spring term (4 Jan 2027 to 25 Mar 2027)' }] },
    })
    renderRoutes([{ path: '/admin/calendar', element: <CalendarPage /> }], '/admin/calendar')
    fireEvent.click(await screen.findByRole('button', { name: 'Edit 2026/27' }, SLOW))
    const form = screen.getByRole('form', { name: 'Term dates for 2026/27' })
    fireEvent.change(within(form).getAllByLabelText(/Half-term starts/)[1]!, { target: { value: '2026-12-01' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Add a closure day' }))
    fireEvent.change(within(form).getByLabelText(/Closure 2: date/), { target: { value: '2027-01-04' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save 2026/27' }))
    expect(await within(form).findByText('Start the half-term inside the spring term (4 Jan 2027 to 25 Mar 2027)', {}, SLOW)).toBeTruthy()
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1))
    const put = calls.find((c) => c.method === 'PUT')!
    expect(put.url).toBe('/api/calendar/2026')
    expect(put.body).toMatchObject({
      terms: [{ name: 'autumn' }, { name: 'spring', halfTerm: { start: '2026-12-01', end: '2027-02-19' } }, { name: 'summer' }],
      closures: [{ date: '2027-05-03', label: 'Early May bank holiday' }, { date: '2027-01-04', label: 'INSET day' }],
    })
  })
})
