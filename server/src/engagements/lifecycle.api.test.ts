import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  ENGAGEMENT_LIFECYCLE,
  EXTENSION_LIFECYCLE,
  type Lifecycle,
  OFFER_LIFECYCLE,
  RELEASE_LIFECYCLE,
  REQUEST_LIFECYCLE,
  allows,
  refusal,
} from '@ee/shared/lifecycles'
import { useTestApp } from '../../test/app.ts'
import { settableClock } from '../../test/clock.ts'
import { type Api, type CommissioningSeed, offer, openRequest, requestBody, seedCommissioning, snapshot } from '../../test/commissioning.ts'

/**
 * Every action over HTTP from every state of every lifecycle table (shared/src/lifecycles.ts,
 * docs/design.md §3): where the table has no such step the answer is 409 naming the current state,
 * and not one row changes; where it has one, the action goes through.
 */
const clock = settableClock('2027-01-05T09:00:00Z')
const t = useTestApp({ clock })
let s: CommissioningSeed
let headA: Api, headB: Api, teacherB1: Api, expertX: Api
beforeAll(async () => {
  s = await seedCommissioning(t.app, { releaseB: 4, capacityB1: 50, extraExperts: 1 }, 'Tables')
  ;({ headA, headB, teacherB1 } = await s.apis('headA', 'headB', 'teacherB1'))
  expertX = await s.api('expertB0')
})

const ok = async (res: Promise<LightMyRequestResponse>, status = 200) => {
  const r = await res
  if (r.statusCode !== status) throw new Error(`${r.statusCode} ${r.body}`)
  return r.json()
}
const post = (who: Api, url: string, payload?: object) => who({ method: 'POST', url, ...(payload ? { payload } : {}) })
const REFLECTION = 'We rebuilt the intervention around fluency and daily reading aloud.'

// Objects in each state, made through the API as a school would make them.

async function requestIn(state: string): Promise<string> {
  if (state === 'draft') return (await ok(post(headA, '/api/requests', requestBody({ title: 'Tables draft' })), 201)).id
  const id = await openRequest(headA, { title: `Tables ${state} request` })
  if (state === 'withdrawn') await ok(post(headA, `/api/requests/${id}/withdraw`))
  if (state === 'commissioned' || state === 'completed') {
    const g = await engagementOn(id)
    if (state === 'completed') await ok(post(headA, `/api/engagements/${g}/complete`, { impact: 4, reflection: REFLECTION }))
  }
  return id
}

/** Accepts a 1-day offer from teacherB1 on the request; its release approved (by headB when past the budget). */
async function engagementOn(requestId: string, days = 1): Promise<string> {
  const offerId = await offer(teacherB1, requestId, s.ids.eB1!, days)
  const accepted = await ok(post(headA, `/api/offers/${offerId}/accept`))
  if (accepted.release === 'pending') await ok(post(headB, `/api/releases/${accepted.engagementId}/approve`))
  return accepted.engagementId
}

async function offerIn(state: string): Promise<{ id: string; requestId: string }> {
  const requestId = await openRequest(headA, { title: `Tables ${state} offer`, expertsWanted: 3 })
  if (state === 'invited') return { id: (await ok(post(headA, `/api/requests/${requestId}/invitations`, { expertiseId: s.ids.eX0 }), 201)).id, requestId }
  const id = await offer(expertX, requestId, s.ids.eX0!, 1)
  if (state === 'accepted') await ok(post(headA, `/api/offers/${id}/accept`))
  if (state === 'declined') await ok(post(headA, `/api/offers/${id}/decline`))
  if (state === 'withdrawn') await ok(post(expertX, `/api/offers/${id}/withdraw`))
  return { id, requestId }
}

async function engagementIn(state: string): Promise<string> {
  const g = await engagementOn(await openRequest(headA, { title: `Tables ${state} engagement` }))
  if (state === 'completed') await ok(post(headA, `/api/engagements/${g}/complete`, { impact: 4, reflection: REFLECTION }))
  if (state === 'cancelled') await ok(post(headA, `/api/engagements/${g}/cancel`, { reason: 'The school has closed for repairs' }))
  return g
}

/** A release in each state: 5 days pass school B's 4-day budget, so it starts pending. */
async function releaseIn(state: string): Promise<string> {
  const requestId = await openRequest(headA, { title: `Tables ${state} release`, daysPerExpert: 5 })
  const offerId = await offer(teacherB1, requestId, s.ids.eB1!, 5)
  const { engagementId, release } = await ok(post(headA, `/api/offers/${offerId}/accept`))
  expect(release).toBe('pending')
  if (state === 'approved') await ok(post(headB, `/api/releases/${engagementId}/approve`))
  if (state === 'refused') await ok(post(headB, `/api/releases/${engagementId}/refuse`))
  return engagementId
}

/** More days in each state: 5 more always pass school B's 4-day budget, so agreeing leaves them pending. */
async function extensionIn(state: string): Promise<string> {
  const g = await engagementOn(await openRequest(headA, { title: `Tables ${state} extension` }))
  const asked = await ok(post(teacherB1, `/api/engagements/${g}/extensions`, { days: 5, reason: 'The English lead asked for two more coaching cycles.' }), 201)
  const id = asked.extensions[0].id as string
  if (state === 'declined') await ok(post(headA, `/api/extensions/${id}/decline`))
  if (['pending', 'approved', 'refused'].includes(state)) expect((await ok(post(headA, `/api/extensions/${id}/agree`))).status).toBe('pending')
  if (state === 'approved') await ok(post(headB, `/api/extensions/${id}/approve`))
  if (state === 'refused') await ok(post(headB, `/api/extensions/${id}/refuse`))
  return id
}

type Call = (id: string, ctx: { requestId?: string }) => InjectOptions & { who: Api }
type Walk = { lc: Lifecycle<string, string>; make: (state: string) => Promise<{ id: string; requestId?: string }>; calls: Record<string, () => Call> }

const at = (who: () => Api, method: 'POST' | 'PATCH', url: (id: string, requestId?: string) => string, payload?: object): (() => Call) =>
  () => (id, ctx) => ({ who: who(), method, url: url(id, ctx.requestId), ...(payload ? { payload } : {}) })

const WALKS: Walk[] = [
  {
    lc: REQUEST_LIFECYCLE,
    make: async (state) => ({ id: await requestIn(state) }),
    calls: {
      edit: () => (id) => ({ who: headA, method: 'PATCH', url: `/api/requests/${id}`, payload: { version: 0, title: 'A title changed by the head' } }),
      publish: at(() => headA, 'POST', (id) => `/api/requests/${id}/publish`),
      withdraw: at(() => headA, 'POST', (id) => `/api/requests/${id}/withdraw`),
      invite: at(() => headA, 'POST', (id) => `/api/requests/${id}/invitations`, { expertiseId: '' }),
      offer: at(() => expertX, 'POST', (id) => `/api/requests/${id}/offers`, { expertiseId: '', message: 'I can help with this in two visits.', days: 1 }),
    },
  },
  {
    lc: OFFER_LIFECYCLE,
    make: offerIn,
    calls: {
      edit: at(() => expertX, 'PATCH', (id) => `/api/offers/${id}`, { days: 2 }),
      accept: at(() => headA, 'POST', (id) => `/api/offers/${id}/accept`),
      decline: at(() => headA, 'POST', (id) => `/api/offers/${id}/decline`),
      withdraw: at(() => expertX, 'POST', (id) => `/api/offers/${id}/withdraw`),
    },
  },
  {
    lc: ENGAGEMENT_LIFECYCLE,
    make: async (state) => ({ id: await engagementIn(state) }),
    calls: {
      log: at(() => teacherB1, 'POST', (id) => `/api/engagements/${id}/logs`, { date: '2027-01-20', days: 0.5 }),
      extend: at(() => teacherB1, 'POST', (id) => `/api/engagements/${id}/extensions`, { days: 1, reason: 'One more visit to see the new routine.' }),
      complete: at(() => headA, 'POST', (id) => `/api/engagements/${id}/complete`, { impact: 4, reflection: REFLECTION }),
      reflect: at(() => teacherB1, 'POST', (id) => `/api/engagements/${id}/reflection`, { reflection: REFLECTION }),
      cancel: at(() => headA, 'POST', (id) => `/api/engagements/${id}/cancel`, { reason: 'Plans at the school changed' }),
    },
  },
  {
    lc: RELEASE_LIFECYCLE,
    make: async (state) => ({ id: await releaseIn(state) }),
    calls: {
      approve: at(() => headB, 'POST', (id) => `/api/releases/${id}/approve`),
      refuse: at(() => headB, 'POST', (id) => `/api/releases/${id}/refuse`),
    },
  },
  {
    lc: EXTENSION_LIFECYCLE,
    make: async (state) => ({ id: await extensionIn(state) }),
    calls: {
      agree: at(() => headA, 'POST', (id) => `/api/extensions/${id}/agree`),
      decline: at(() => headA, 'POST', (id) => `/api/extensions/${id}/decline`),
      approve: at(() => headB, 'POST', (id) => `/api/extensions/${id}/approve`),
      refuse: at(() => headB, 'POST', (id) => `/api/extensions/${id}/refuse`),
    },
  },
]

const statesOf = (lc: Lifecycle<string, string>) => Object.keys(lc.is)
/** What the body needs from the moment: the expertise to invite or offer with, the request's current version to edit. */
const fill = (opts: InjectOptions, version: number | undefined) => {
  const payload = opts.payload as Record<string, unknown> | undefined
  if (payload && 'expertiseId' in payload) return { ...opts, payload: { ...payload, expertiseId: s.ids.eX0 } }
  if (payload && 'version' in payload) return { ...opts, payload: { ...payload, version } }
  return opts
}
const versionOf = async (walk: Walk, id: string) => (walk.lc === REQUEST_LIFECYCLE ? (await ok(headA({ method: 'GET', url: `/api/requests/${id}` }))).version as number : undefined)

let refused = 0
let allowed = 0

describe.each(WALKS.map((w) => [w.lc.noun, w] as const))('the %s table over HTTP', (_noun, walk) => {
  it.each(statesOf(walk.lc))('From %s, every action the table has no step for is 409 naming the state, and nothing changes', async (state) => {
    const made = await walk.make(state)
    for (const [action, call] of Object.entries(walk.calls)) {
      if (allows(walk.lc, state, action)) continue
      const { who, ...opts } = call()(made.id, made)
      const version = await versionOf(walk, made.id)
      const before = await snapshot(t.database.db, s.ids.t!)
      const res = await who(fill(opts, version))
      if (state === 'draft' && action === 'offer') {
        // A draft is its head's alone (docs/design.md §2): an expert learns nothing, not even that it is a draft.
        expect(res.statusCode).toBe(404)
        expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
        continue
      }
      expect(res.statusCode, `${state} -${action}-> ${res.body}`).toBe(409)
      expect(res.json()).toMatchObject({ type: '/problems/conflict', title: 'That cannot be done now', detail: refusal(walk.lc, state, action) })
      expect(await snapshot(t.database.db, s.ids.t!), `${state} -${action}-> changed rows`).toBe(before)
      refused++
    }
  })

  it.each(statesOf(walk.lc).flatMap((state) => Object.keys(walk.calls).filter((a) => allows(walk.lc, state, a)).map((a) => [state, a])))(
    'From %s, %s is in the table and goes through',
    async (state, action) => {
      const made = await walk.make(state)
      const { who, ...opts } = walk.calls[action]!()(made.id, made)
      const version = await versionOf(walk, made.id)
      // The work is logged on the day it happened, inside the window.
      if (action === 'log') clock.set('2027-01-20T16:00:00Z')
      const res = await who(fill(opts, version)).finally(() => clock.set('2027-01-05T09:00:00Z'))
      expect(res.statusCode, `${state} -${action}-> ${res.body}`).toBeLessThan(300)
      allowed++
    },
  )
})

describe('publishing', () => {
  it('When a head publishes a commissioned request, then 409 "only a draft can be published" and it stays commissioned with its places filled', async () => {
    const id = await requestIn('commissioned')
    const before = await snapshot(t.database.db, s.ids.t!)
    const res = await post(headA, `/api/requests/${id}/publish`)
    expect(res.statusCode).toBe(409)
    expect(res.json().detail).toBe('This request is commissioned; only a draft can be published.')
    expect(await ok(headA({ method: 'GET', url: `/api/requests/${id}` }))).toMatchObject({ status: 'commissioned', placesFilled: 1 })
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
    // Another head cannot offer on it: it was never re-opened.
    expect((await post(expertX, `/api/requests/${id}/offers`, { expertiseId: s.ids.eX0, message: 'I can help with this in two visits.', days: 1 })).statusCode).toBe(409)
  })

  it('counts what the walks tried', () => {
    // Printed for the lead's report: refused steps tried with a row checksum, allowed steps that went through.
    console.info(`lifecycle walk: ${refused} refused steps (409, 0 rows changed), ${allowed} allowed steps`)
    expect(refused).toBeGreaterThan(30)
  })
})
