import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SchoolImportReport } from '@ee/shared/schools'
import { renderRoutes } from '../../testing/render.tsx'
import { SchoolsPage } from './schools-page.tsx'

const SLOW = { timeout: 5000 }
const id = (n: number) => `0b0e6f5e-1a8c-4a8f-9b1e-${String(n).padStart(12, '0')}`
const schools = [
  { id: id(1), urn: 107478, name: 'Ferney Lee Primary School', phase: 'primary', type: '', postcode: 'OL14 5NR', lat: 53.7, lng: -2.1, clusterId: id(9), clusterName: 'Calder', releaseDaysPerTerm: 10, status: 'open', closedOn: null },
  { id: id(2), urn: 107564, name: 'Todmorden High School', phase: 'secondary', type: '', postcode: 'OL14 7DG', lat: 53.7, lng: -2.1, clusterId: null, clusterName: null, releaseDaysPerTerm: 12, status: 'closed', closedOn: '2023-08-31' },
]
const rows = [
  { line: 2, urn: 107480, name: 'Copley Primary School', phase: 'primary' as const, changes: [], reasons: [], schoolId: null },
  { line: 3, urn: null, name: 'Longroyde Primary School', phase: 'primary' as const, changes: [], reasons: ['The URN is missing'], schoolId: null },
  { line: 4, urn: 107482, name: 'Savile Park Primary', phase: 'primary' as const, changes: [{ field: 'name' as const, from: 'Savile Park Primary School', to: 'Savile Park Primary' }], reasons: [], schoolId: id(4) },
]
const counts = { new: 1, changed: 1, unchanged: 0, refused: 1, otherTrusts: 41 }
const status = (r: (typeof rows)[number]) => (r.reasons.length ? 'refused' : r.changes.length ? 'changed' : 'new')
const preview: SchoolImportReport = { imported: false, layout: 'gias', counts, rows: rows.map((r) => ({ ...r, status: status(r) })), urnsNotInFile: [] }
const done: SchoolImportReport = { imported: true, layout: 'gias', counts, rows: rows.map((r) => ({ ...r, status: status(r), schoolId: r.schoolId ?? (r.reasons.length ? null : id(3)) })) , urnsNotInFile: [] }

function stubApi() {
  const calls: string[] = []
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`)
    const path = url.split('?')[0]
    const body = url === '/api/schools' ? { items: schools, nextCursor: null } : url === '/api/clusters' ? { items: [], nextCursor: null } : path === '/api/schools/import/preview' ? preview : path === '/api/schools/import' ? done : null
    return new Response(JSON.stringify(body), { status: body ? 200 : 404 })
  })
  return calls
}

describe('the schools page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists the schools, sorts by a column and finds one by words kept in the URL', async () => {
    stubApi()
    const { router } = renderRoutes([{ path: '/admin/schools', element: <SchoolsPage /> }], '/admin/schools')
    const table = (await screen.findByText('Schools of the trust', {}, SLOW)).closest('table')!
    const names = () => within(table).getAllByRole('rowheader').map((r) => r.textContent)
    expect(names()).toEqual(['Ferney Lee Primary School', 'Todmorden High School'])
    fireEvent.click(within(table).getByRole('button', { name: /Release days per term/ }))
    expect(names()).toEqual(['Todmorden High School', 'Ferney Lee Primary School'])
    expect(within(table).getByRole('columnheader', { name: /Release days per term/ }).getAttribute('aria-sort')).toBe('descending')
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find a school' }), { target: { value: 'calder' } })
    await waitFor(() => expect(router.state.location.search).toBe('?q=calder'), SLOW)
    expect(names()).toEqual(['Ferney Lee Primary School'])
  })

  it('shows a closed school as closed', async () => {
    stubApi()
    renderRoutes([{ path: '/admin/schools', element: <SchoolsPage /> }], '/admin/schools')
    const table = (await screen.findByText('Schools of the trust', {}, SLOW)).closest('table')!
    const row = within(table).getByRole('rowheader', { name: /Todmorden High School/ }).closest('tr')!
    expect(within(row).getByText('Closed 31 Aug 2023')).toBeTruthy()
  })

  it("previews a GIAS file for the trust named, line by line with old → new, then applies it and reports what happened", async () => {
    const calls = stubApi()
    renderRoutes([{ path: '/admin/schools', element: <SchoolsPage /> }], '/admin/schools')
    fireEvent.change(await screen.findByRole('textbox', { name: 'Or paste the CSV here' }, SLOW), { target: { value: 'URN,EstablishmentName\n107480,Copley' } })
    fireEvent.change(screen.getByRole('textbox', { name: 'Trust name' }), { target: { value: 'Calder Learning Trust' } })
    fireEvent.click(screen.getByRole('button', { name: 'Preview import' }))
    expect(await screen.findByText('1 school will be added; 1 will change; 1 line would be refused. Nothing has been imported yet.', {}, SLOW)).toBeTruthy()
    expect(screen.getByText('41 lines of other trusts’ schools were left alone.')).toBeTruthy()
    expect(screen.getByText('The URN is missing')).toBeTruthy()
    expect(screen.getByText('Name: Savile Park Primary School → Savile Park Primary')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Apply import' }))
    expect(await screen.findByText('1 school was added; 1 was changed; 1 line was refused.', {}, SLOW)).toBeTruthy()
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([
      'POST /api/schools/import/preview?trustName=Calder+Learning+Trust',
      'POST /api/schools/import?trustName=Calder+Learning+Trust',
    ])
  })
})
