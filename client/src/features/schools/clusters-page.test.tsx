import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderPage } from '../../testing/render.tsx'
import { ClustersPage } from './clusters-page.tsx'

const SLOW = { timeout: 5000 }
const id = (n: number) => `0b0e6f5e-1a8c-4a8f-9b1e-${String(n).padStart(12, '0')}`
const school = (n: number, name: string, clusterId: string | null, clusterName: string | null) => ({
  id: id(n), urn: 107000 + n, name, phase: 'primary', type: '', postcode: '', lat: 53.7, lng: -1.8, clusterId, clusterName, releaseDaysPerTerm: 10, status: 'open', closedOn: null,
})

/** A tiny in-memory server: clusters and schools change as the page asks, so the page's refetches show the result. */
function stubServer({ empty = false } = {}) {
  const calls: string[] = []
  let clusters = empty ? [] : [{ id: id(9), name: 'Calder', schoolCount: 1 }]
  const schools = [school(1, 'Ferney Lee Primary School', empty ? null : id(9), empty ? null : 'Calder'), school(2, 'Todmorden High School', null, null), school(3, 'Copley Primary School', null, null)]
  const count = () => (clusters = clusters.map((c) => ({ ...c, schoolCount: schools.filter((s) => s.clusterId === c.id).length })))
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET'
    const text = typeof init?.body === 'string' ? init.body : ''
    calls.push(`${method} ${url}${text ? ` ${text}` : ''}`)
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {}
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status })
    if (method === 'GET' && url === '/api/clusters') return json(200, { items: count(), nextCursor: null })
    if (method === 'GET' && url === '/api/schools') return json(200, { items: schools, nextCursor: null })
    if (method === 'POST' && url === '/api/clusters') {
      if (clusters.some((c) => c.name.toLowerCase() === String(body.name).toLowerCase())) {
        return json(400, { type: '/problems/validation', title: 'Some fields need attention', status: 400, errors: [{ path: 'name', message: `There is already a cluster called “${String(body.name)}”; choose another name` }] })
      }
      const made = { id: id(10 + clusters.length), name: String(body.name), schoolCount: 0 }
      clusters = [...clusters, made].sort((a, b) => a.name.localeCompare(b.name))
      return json(201, made)
    }
    if (method === 'POST' && url === '/api/clusters/assign') {
      const ids = body.schoolIds as string[]
      for (const s of schools) if (ids.includes(s.id)) Object.assign(s, { clusterId: body.clusterId, clusterName: clusters.find((c) => c.id === body.clusterId)?.name ?? null })
      return json(200, { moved: ids.length })
    }
    if (method === 'PATCH') {
      clusters = clusters.map((c) => (url.endsWith(c.id) ? { ...c, name: String(body.name) } : c))
      return json(200, clusters.find((c) => url.endsWith(c.id)))
    }
    return json(404, { type: '/problems/not-found', title: 'Not found', status: 404 })
  })
  return calls
}

describe('the clusters page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('says there are no clusters yet, then makes two and moves ticked schools into one', async () => {
    const calls = stubServer({ empty: true })
    renderPage(<ClustersPage />)
    expect(await screen.findByText('No clusters yet', {}, SLOW)).toBeTruthy()
    for (const name of ['Upper Calder', 'Lower Calder']) {
      fireEvent.change(screen.getByRole('textbox', { name: 'New cluster name' }), { target: { value: name } })
      fireEvent.click(screen.getByRole('button', { name: 'Create cluster' }))
      expect(await screen.findByRole('rowheader', { name }, SLOW)).toBeTruthy()
    }
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Ferney Lee Primary School' }))
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Copley Primary School' }))
    fireEvent.change(screen.getByRole('combobox', { name: 'Move to' }), { target: { value: id(10) } })
    fireEvent.click(screen.getByRole('button', { name: 'Move selected schools' }))
    expect(await screen.findByText('2 schools moved to Upper Calder.', {}, SLOW)).toBeTruthy()
    expect(calls).toContain(`POST /api/clusters/assign {"clusterId":"${id(10)}","schoolIds":["${id(1)}","${id(3)}"]}`)
    const clusters = screen.getByText('Clusters of the trust').closest('table')!
    await waitFor(() => expect(within(within(clusters).getByRole('rowheader', { name: 'Upper Calder' }).closest('tr')!).getByText('2')).toBeTruthy(), SLOW)
  }, 20_000)

  it("shows the server's words on the name field when the name is taken, and renames a cluster in a dialog", async () => {
    stubServer()
    renderPage(<ClustersPage />)
    fireEvent.change(await screen.findByRole('textbox', { name: 'New cluster name' }, SLOW), { target: { value: 'calder' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create cluster' }))
    expect(await screen.findByText('There is already a cluster called “calder”; choose another name', {}, SLOW)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Rename Calder' }))
    const dialog = await screen.findByRole('dialog', {}, SLOW)
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Cluster name' }), { target: { value: 'Calder Valley' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save name' }))
    expect(await screen.findByRole('rowheader', { name: 'Calder Valley' }, SLOW)).toBeTruthy()
  }, 20_000)
})
