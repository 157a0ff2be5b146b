import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

/** The machines that run these are busy; give the first render time. */
const SLOW = { timeout: 5000 }
import type { Expertise } from '@ee/shared/expertise'
import { renderPage } from '../../testing/render.tsx'
import { ExpertiseForm } from './components/expertise-form.tsx'

const id = (n: number) => `0b0e6f5e-1a8c-4a8f-9b1e-${String(n).padStart(12, '0')}`
const entry: Expertise = {
  id: id(1), personId: id(2), schoolId: id(3), title: 'Early reading catch-up', summary: 'Getting struggling readers back on track quickly.',
  evidence: 'Year 1 phonics screening passes rose from 61% to 88% in two years at our school.',
  areas: [{ slug: 'early-reading-phonics', name: 'Early reading and phonics', retired: false }, { slug: 'humanities', name: 'Humanities', retired: true }],
  subjects: ['english'], phases: ['primary'], modes: ['coaching'], capacityDaysPerTerm: 4, termDays: { autumn: null, spring: null, summer: 0 }, active: true, archived: false,
  createdAt: '2026-09-01T00:00:00.000Z', updatedAt: '2026-09-01T00:00:00.000Z', daysThisTerm: 4, daysCommitted: 1, daysFree: 3,
}
const areas = {
  nextCursor: null,
  items: [
    { id: id(10), slug: 'curriculum', name: 'Curriculum', description: '', parentId: null, position: 0, retired: false, inUse: 1 },
    { id: id(11), slug: 'early-reading-phonics', name: 'Early reading and phonics', description: '', parentId: id(10), position: 0, retired: false, inUse: 1 },
    { id: id(12), slug: 'humanities', name: 'Humanities', description: '', parentId: id(10), position: 1, retired: true, inUse: 1 },
  ],
}

describe('the expertise form', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('puts the server’s field errors on the fields, including one item of the areas', async () => {
    const sent: unknown[] = []
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/areas')) return new Response(JSON.stringify(areas), { status: 200 })
      sent.push(JSON.parse(init?.body as string))
      return new Response(
        JSON.stringify({
          type: '/problems/validation', title: 'Some fields need attention', status: 400,
          errors: [{ path: 'areas[1]', message: '"Humanities" has been retired from the framework; choose another area' }, { path: 'evidence', message: 'Say how you know' }],
        }),
        { status: 400, headers: { 'content-type': 'application/problem+json' } },
      )
    })
    const done = vi.fn()
    renderPage(<ExpertiseForm entry={entry} onDone={done} onCancel={() => {}} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Save changes' }, SLOW))
    expect(await screen.findByText('"Humanities" has been retired from the framework; choose another area', {}, SLOW)).toBeTruthy()
    expect(screen.getByText('Say how you know')).toBeTruthy()
    expect(screen.getByRole('textbox', { name: /Evidence of impact/ }).getAttribute('aria-invalid')).toBe('true')
    expect(sent[0]).toMatchObject({ title: 'Early reading catch-up', areas: ['early-reading-phonics', 'humanities'], capacityDaysPerTerm: 4 })
    expect(done).not.toHaveBeenCalled()
  })

  it('refuses a short evidence of impact before sending anything, with guidance', async () => {
    const calls: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(url)
      return new Response(JSON.stringify(areas), { status: 200 })
    })
    renderPage(<ExpertiseForm entry={entry} onDone={() => {}} onCancel={() => {}} />)
    fireEvent.change(await screen.findByRole('textbox', { name: /Evidence of impact/ }, SLOW), { target: { value: 'It went well' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    expect(await screen.findByText('Tell us what changed, where, and how you know it (at least 40 characters)', {}, SLOW)).toBeTruthy()
    expect(calls.filter((c) => c.startsWith('/api/expertise'))).toEqual([])
  })

  it('sends a different number of days for one term, and empties a term back to the usual figure', async () => {
    const sent: unknown[] = []
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/areas')) return new Response(JSON.stringify(areas), { status: 200 })
      sent.push(JSON.parse(init?.body as string))
      return new Response(JSON.stringify(entry), { status: 200 })
    })
    const done = vi.fn()
    renderPage(<ExpertiseForm entry={entry} onDone={done} onCancel={() => {}} />)
    const summer = await screen.findByRole('textbox', { name: 'Days in the summer term' }, SLOW)
    expect((summer as HTMLInputElement).value).toBe('0')
    fireEvent.change(screen.getByRole('textbox', { name: 'Days in the spring term' }), { target: { value: '2' } })
    fireEvent.change(summer, { target: { value: '' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(done).toHaveBeenCalled(), SLOW)
    expect(sent[0]).toMatchObject({ capacityDaysPerTerm: 4, termDays: { autumn: null, spring: 2, summer: null } })
  })
})
