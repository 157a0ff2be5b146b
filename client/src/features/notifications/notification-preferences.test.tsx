import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { NOTIFICATION_KINDS, NOTIFICATION_KIND_INFO, type NotificationPreferences as Prefs } from '@ee/shared/notifications'
import { fakeFetch, renderPage } from '../../testing/render.tsx'
import { NotificationPreferences } from './notification-preferences.tsx'

const SLOW = { timeout: 5000 }
const prefs = (over: Partial<Record<string, string>> = {}): Prefs => ({
  kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, label: NOTIFICATION_KIND_INFO[kind].label, delivery: (over[kind] ?? NOTIFICATION_KIND_INFO[kind].delivery) as 'immediate' })),
})

describe('how notifications reach you', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows one labelled choice per kind, and saves a change for that kind only', { timeout: 20_000 }, async () => {
    const fake = fakeFetch({ status: 200, body: prefs() }, { status: 200, body: prefs({ offer_received: 'digest' }) })
    vi.stubGlobal('fetch', fake.fn)
    renderPage(<NotificationPreferences />)
    const select = await screen.findByRole('combobox', { name: 'A new offer of help on my request' }, SLOW)
    expect((select as HTMLSelectElement).value).toBe('immediate')
    expect(screen.getAllByRole('combobox')).toHaveLength(NOTIFICATION_KINDS.length)
    expect(screen.getAllByRole('option', { name: 'Daily digest e-mail' })).toHaveLength(NOTIFICATION_KINDS.length)
    fireEvent.change(select, { target: { value: 'digest' } })
    await waitFor(() => expect(fake.calls).toHaveLength(2), SLOW)
    expect(fake.calls[1]!.url).toBe('/api/me/notification-preferences')
    expect(fake.calls[1]!.init).toMatchObject({ method: 'PUT' })
    expect(JSON.parse(fake.calls[1]!.init!.body as string)).toEqual({ offer_received: 'digest' })
    await waitFor(() => expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'A new offer of help on my request' }).value).toBe('digest'), SLOW)
  })

  it('says so when the choices cannot be loaded', async () => {
    vi.stubGlobal('fetch', fakeFetch({ status: 500, body: { type: '/problems/internal', title: 'Something went wrong on our side', status: 500 } }).fn)
    renderPage(<NotificationPreferences />)
    expect(await screen.findByText('We could not load this', {}, SLOW)).toBeTruthy()
  })
})
