import { fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Engagement } from '@ee/shared/engagements'
import { renderPage } from '../../testing/render.tsx'
import { LogSessionForm } from './components/log-session-form.tsx'
import { ReflectionForm } from './components/reflection-form.tsx'

// Mantine's autosizing textarea listens to document.fonts, which jsdom lacks.
if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: { addEventListener: () => {}, removeEventListener: () => {} } })

const SLOW = { timeout: 5000 }
const engagement = { id: '0b0e6f5e-1a8c-4a8f-9b1e-000000000001' } as Engagement

describe('pupil details in session notes and reflections', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('When the expert types a UPN into a session note, then a red note says to remove it, and saving is refused before anything is sent', async () => {
    const sent: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      sent.push(url)
      return Response.json({})
    })
    renderPage(<LogSessionForm engagement={engagement} />)
    const note = await screen.findByRole('textbox', { name: /What happened/ }, SLOW)
    fireEvent.change(note, { target: { value: 'Worked with B801200005001 on fluency' } })
    expect(await screen.findByText('Remove the pupil’s details before saving')).toBeTruthy()
    expect(screen.getByText(/“B801200005001” — This contains a Unique Pupil Number/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Log a session' }))
    expect(await screen.findByText('This contains a Unique Pupil Number. Remove it: describe the school-level need, never identify a child.', { selector: '.mantine-InputWrapper-error' }, SLOW)).toBeTruthy()
    expect(sent).toEqual([])
    fireEvent.change(note, { target: { value: 'Worked with the Year 7 team on fluency' } })
    expect(screen.queryByText('Remove the pupil’s details before saving')).toBeNull()
  })

  it('When a reflection names a pupil with a date of birth, then the note shows as they type', async () => {
    renderPage(<ReflectionForm engagement={engagement} />)
    const box = await screen.findByRole('textbox', { name: /Your reflection/ }, SLOW)
    fireEvent.change(box, { target: { value: 'Amelia Stone (12/03/2016) made the most progress.' } })
    expect(await screen.findByText(/“Amelia Stone \(12\/03\/2016” — This contains a date of birth next to a name/)).toBeTruthy()
  })
})
