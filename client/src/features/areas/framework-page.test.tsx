import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderRoutes } from '../../testing/render.tsx'
import { FrameworkPage } from './framework-page.tsx'

const SLOW = { timeout: 5000 }
const id = (n: number) => `0b0e6f5e-1a8c-4a8f-9b1e-${String(n).padStart(12, '0')}`
const area = (n: number, name: string, parentId: string | null, position: number, inUse = 0, retired = false) => ({
  id: id(n), slug: name.toLowerCase().replace(/ /g, '-'), name, description: '', parentId, position, retired, inUse,
})
const items = [area(1, 'Curriculum', null, 0, 0), area(2, 'Reading', id(1), 0, 3), area(3, 'Science', id(1), 1, 0), area(4, 'Culture', null, 1)]

function stubApi() {
  const calls: { method: string; url: string; body?: unknown }[] = []
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET'
    calls.push({ method, url, body: init?.body ? JSON.parse(init.body as string) : undefined })
    if (method === 'GET') return new Response(JSON.stringify({ items, nextCursor: null }), { status: 200 })
    return new Response(JSON.stringify({ ...items[2], position: 0 }), { status: 200 })
  })
  return calls
}

describe('the framework page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists each strand with its areas, use counts and retire status', async () => {
    stubApi()
    renderRoutes([{ path: '/framework', element: <FrameworkPage /> }], '/framework')
    const curriculum = (await screen.findByRole('heading', { name: 'Curriculum' }, SLOW)).closest('section')!
    const list = within(curriculum).getByRole('list', { name: 'Areas in Curriculum' })
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent?.split('reading')[0])).toHaveLength(2)
    expect(within(curriculum).getByText('used 3 times')).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'Culture' })).toBeTruthy()
  })

  it('moves an area up with one press, by its place among its siblings', async () => {
    const calls = stubApi()
    renderRoutes([{ path: '/framework', element: <FrameworkPage /> }], '/framework')
    fireEvent.click(await screen.findByRole('button', { name: 'Move Science up' }, SLOW))
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')).toEqual({ method: 'PATCH', url: `/api/areas/${id(3)}`, body: { position: 0 } }), SLOW)
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Move Reading up' }).disabled).toBe(true)
  })

  it('offers to retire an area in use instead of deleting it', async () => {
    const calls = stubApi()
    renderRoutes([{ path: '/framework', element: <FrameworkPage /> }], '/framework')
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Reading' }, SLOW))
    expect(await screen.findByText(/is used 3 times, so it cannot be deleted. Retire it instead/, {}, SLOW)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Retire instead' }))
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')).toEqual({ method: 'PATCH', url: `/api/areas/${id(2)}`, body: { retired: true } }), SLOW)
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false)
  })
})
