import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SchoolImportReport } from '@ee/shared/schools'
import { renderRoutes } from '../../testing/render.tsx'
import { SchoolsPage } from './schools-page.tsx'

const SLOW = { timeout: 5000 }
const id = (n: number) => `0b0e6f5e-1a8c-4a8f-9b1e-${String(n).padStart(12, '0')}`
const schools = [
  { id: id(1), urn: 107478, name: 'Ferney Lee Primary School', phase: 'primary', type: '', postcode: 'OL14 5NR', lat: 53.7, lng: -2.1, clusterId: id(9), clusterName: 'Calder', releaseDaysPerTerm: 10 },
  { id: id(2), urn: 107564, name: 'Todmorden High School', phase: 'secondary', type: '', postcode: 'OL14 7DG', lat: 53.7, lng: -2.1, clusterId: null, clusterName: null, releaseDaysPerTerm: 12 },
]
const rows = [
  { line: 2, urn: 107480, name: 'Copley Primary School', phase: 'primary' as const, reasons: [], schoolId: null },
  { line: 3, urn: null, name: 'Longroyde Primary School', phase: 'primary' as const, reasons: ['The URN is missing'], schoolId: null },
]
const preview: SchoolImportReport = { imported: false, counts: { ready: 1, imported: 0, refused: 1 }, rows: rows.map((r) => ({ ...r, status: r.reasons.length ? 'refused' : 'ready' })) }
const done: SchoolImportReport = { imported: true, counts: { ready: 0, imported: 1, refused: 1 }, rows: rows.map((r) => ({ ...r, status: r.reasons.length ? 'refused' : 'imported', schoolId: r.reasons.length ? null : id(3) })) }

function stubApi() {
  const calls: string[] = []
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`)
    const body = url === '/api/schools' ? { items: schools } : url === '/api/clusters' ? { items: [] } : url === '/api/schools/import/preview' ? preview : url === '/api/schools/import' ? done : null
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

  it('previews a CSV line by line, then imports the good lines and reports what happened', async () => {
    const calls = stubApi()
    renderRoutes([{ path: '/admin/schools', element: <SchoolsPage /> }], '/admin/schools')
    fireEvent.change(await screen.findByRole('textbox', { name: 'Or paste the CSV here' }, SLOW), { target: { value: 'urn,name,phase,lat,lng\n107480,Copley,primary,53.7,-1.8' } })
    fireEvent.click(screen.getByRole('button', { name: 'Preview import' }))
    expect(await screen.findByText('1 school is ready to import; 1 line would be refused. Nothing has been imported yet.', {}, SLOW)).toBeTruthy()
    expect(screen.getByText('The URN is missing')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Import 1 school' }))
    expect(await screen.findByText('1 school was imported; 1 line was refused.', {}, SLOW)).toBeTruthy()
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual(['POST /api/schools/import/preview', 'POST /api/schools/import'])
  })
})
