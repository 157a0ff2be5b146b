import { vi } from 'vitest'
import type { Offer } from '@ee/shared/offers'
import type { CommissioningRequest } from '@ee/shared/requests'

/** A head, an open request of their school and an offer on it, for the request pages' tests; and a fetch stub that answers by path. */
export const id = (n: number) => `0b0e6f5e-1a8c-4a8f-9b1e-${String(n).padStart(12, '0')}`
export const me = { id: id(900), email: 'head@example.org', name: 'Ada Head', role: 'headteacher', schoolId: id(800), schoolName: 'Ash Primary', trustId: id(700), trustName: 'Test Trust', active: true, paused: false }

export const request = (over: Partial<CommissioningRequest> = {}): CommissioningRequest => ({
  id: id(1), schoolId: id(800), schoolName: 'Ash Primary', raisedBy: { id: id(900), name: 'Ada Head' }, title: 'Year 7 reading recovery',
  problem: 'Too many pupils read below their age.', tried: 'Phonics groups.', outcome: 'Reading ages recover.', textHidden: false,
  areas: [{ slug: 'reading', name: 'Reading' }], subjects: ['english'], phases: ['secondary'], modes: ['fresh_eyes'], expertsWanted: 1, daysPerExpert: 3,
  window: { start: '2027-01-11', end: '2027-03-19' }, termLabel: 'Spring 2027', confidentiality: 'trust', autoInvite: false, status: 'open', placesFilled: 0, liveOffers: 1,
  publishedAt: '2026-11-02T09:00:00.000Z', commissionedAt: null, closedAt: null, stale: false, createdAt: '2026-11-01T09:00:00.000Z', updatedAt: '2026-11-02T09:00:00.000Z',
  version: 2, viewer: { isOwner: true, canOffer: false, myOffer: null }, warnings: [], ...over,
})
export const offer: Offer = {
  id: id(50), requestId: id(1), requestTitle: 'Year 7 reading recovery', status: 'proposed', closedReason: null, inviteNote: '', message: 'I led our KS3 recovery.',
  days: 3, proposedStart: null, proposedEnd: null, invitedAt: null, expiresAt: null, decidedAt: null, createdAt: '2026-11-03T09:00:00.000Z',
  expert: { id: id(60), name: 'Bea Expert', lastActiveAt: null }, school: { id: id(801), name: 'Beck Academy' },
  expertise: { id: id(70), title: 'KS3 reading recovery', summary: 'Reading', evidence: 'Reading ages up 14 months.' },
  distanceKm: 12.4, pastImpact: { average: 4.5, count: 2 }, freeDays: 5, engagementId: null,
}

type Call = { url: string; method: string; body: unknown; headers: Record<string, string> }
export function stubApi(routes: Record<string, (call: Call) => { status?: number; body: unknown }>) {
  const calls: Call[] = []
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const call: Call = { url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(init.body as string) : undefined, headers: (init?.headers ?? {}) as Record<string, string> }
    calls.push(call)
    const path = url.split('?')[0]!
    const handler = path === '/api/me' ? () => ({ body: { person: me } }) : routes[`${call.method} ${path}`] ?? routes[path]
    const answer: { status?: number; body: unknown } = handler ? handler(call) : { status: 404, body: { type: '/problems/not-found', title: 'Not found', status: 404 } }
    const status = answer.status ?? 200
    return new Response(JSON.stringify(answer.body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } })
  })
  return calls
}
