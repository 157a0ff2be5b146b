import { and, eq, inArray, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TrustBundleInput } from '@ee/shared/bundle'
import { auditEvents, emailOutbox, engagements, notifications, offers, requests } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import { useTestApp } from '../../test/app.ts'
import { type Seeded, TEST_PASSWORD, seed } from '../../test/bundle.ts'
import { type Api, TERM_START, WINDOW, commissioningBundle, snapshot } from '../../test/commissioning.ts'
import { as } from '../../test/app.ts'
import { acceptOffer } from './offers.service.ts'

const t = useTestApp()
const N = 50

const openRequest = (ref: string, over: Partial<NonNullable<TrustBundleInput['requests']>[number]> = {}) => ({
  ref, school: 'A', raisedBy: 'headA', title: `Reading recovery ${ref}`, problem: 'Too many pupils read well below their age.',
  areas: ['reading'], modes: ['fresh_eyes' as const], expertsWanted: 1, daysPerExpert: 3, window: { ...WINDOW },
  status: 'open' as const, publishedAt: '2026-11-01T09:00:00Z', ...over,
})

/**
 * Race 1 — the last place: request `last` wants 2 experts, one is already commissioned, and N
 * experts of school B have proposed. Race 2 — the last free day: one expert (10 days a term) has
 * proposed 3 days on each of N different requests. Race 3 — the same key N times at once.
 */
function raceBundle(): TrustBundleInput {
  const b = commissioningBundle({ capacityB1: 10, releaseB: 200, extraExperts: N + 2 }, 'Race')
  const u = b.people!.find((p) => p.ref === 'headA')!.email.split('.').slice(1).join('.')
  b.people!.push({ ref: 'headC', email: `headC.${u}`, name: 'headC Race', role: 'headteacher', school: 'C', password: TEST_PASSWORD })
  b.schools!.push({ ref: 'C', urn: b.schools![0]!.urn + 7_000_000, name: 'Race School C', phase: 'primary', lat: 53.9, lng: -1.6, releaseDaysPerTerm: 10 })
  b.requests = [
    openRequest('last', { expertsWanted: 2 }),
    ...Array.from({ length: N }, (_, i) => openRequest(`day${i}`)),
    openRequest('idem'),
    openRequest('idem2', { school: 'C', raisedBy: 'headC' }),
    openRequest('rollback'),
    ...Array.from({ length: 10 }, (_, i) => openRequest(`lock${i}`)),
  ]
  b.offers = [
    { ref: 'o-first', request: 'last', expertise: `eX${N}`, message: 'First in.', days: 3, status: 'accepted' },
    ...Array.from({ length: N }, (_, i) => ({ ref: `o-last${i}`, request: 'last', expertise: `eX${i}`, message: 'I can help.', days: 3, status: 'proposed' as const })),
    ...Array.from({ length: N }, (_, i) => ({ ref: `o-day${i}`, request: `day${i}`, expertise: 'eB1', message: 'I can help.', days: 3, status: 'proposed' as const })),
    { ref: 'o-idem', request: 'idem', expertise: 'eX0', message: 'I can help.', days: 2, status: 'proposed' },
    { ref: 'o-idem2', request: 'idem2', expertise: 'eB1', message: 'I can help.', days: 1, status: 'proposed' },
    { ref: 'o-rollback', request: 'rollback', expertise: 'eHeadB', message: 'I can help.', days: 2, status: 'proposed' },
    ...Array.from({ length: 10 }, (_, i) => ({ ref: `o-lock${i}`, request: `lock${i}`, expertise: `eX${N + 1}`, message: 'I can help.', days: 3, status: 'proposed' as const })),
  ]
  b.engagements = [{ ref: 'g-first', offer: 'o-first', status: 'active', release: 'approved' }]
  return b
}

let s: Seeded
let headA: Api
beforeAll(async () => {
  s = await seed(t.app, raceBundle())
  headA = as(t.app, await s.token('headA'))
})

const accept = (offerRef: string, headers: Record<string, string> = {}, payload: object = {}) =>
  headA({ method: 'POST', url: `/api/offers/${s.ids[offerRef]}/accept`, headers, payload })

describe(`${N} heads' clicks racing for what is left`, () => {
  it(`When ${N} accepts race for the last place on a request, then exactly one wins and the rest get 409`, async () => {
    const results = await Promise.all(Array.from({ length: N }, (_, i) => accept(`o-last${i}`)))
    const codes = results.map((r) => r.statusCode)
    expect(codes.filter((c) => c === 200)).toHaveLength(1)
    expect(codes.filter((c) => c === 409)).toHaveLength(N - 1)
    const loser = results.find((r) => r.statusCode === 409)!
    expect(loser.json()).toMatchObject({ status: 409, title: 'That cannot be done now', detail: expect.stringMatching(/filled/) })

    const live = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(engagements).where(and(eq(engagements.requestId, s.ids.last!), eq(engagements.status, 'active')))
    expect(live[0]!.n).toBe(2)
    const [request] = await t.database.db.select().from(requests).where(eq(requests.id, s.ids.last!))
    expect(request!.status).toBe('commissioned')
    const stillOpen = await t.database.db.select().from(offers).where(and(eq(offers.requestId, s.ids.last!), eq(offers.status, 'proposed')))
    expect(stillOpen).toEqual([])
  })

  it(`When ${N} accepts race for one expert's last free days, then only what fits succeeds and days never exceed capacity`, async () => {
    const results = await Promise.all(Array.from({ length: N }, (_, i) => accept(`o-day${i}`)))
    const codes = results.map((r) => r.statusCode)
    // 10 days a term, 3 days an offer: three fit.
    expect(codes.filter((c) => c === 200)).toHaveLength(3)
    expect(codes.filter((c) => c === 409)).toHaveLength(N - 3)
    expect(results.find((r) => r.statusCode === 409)!.json().detail).toMatch(/only 1 day free in Spring 2027/)
    const [committed] = await t.database.db
      .select({ days: sql<number>`coalesce(sum(${engagements.days}), 0)::int` })
      .from(engagements)
      .where(and(eq(engagements.expertiseId, s.ids.eB1!), eq(engagements.termStart, TERM_START), inArray(engagements.status, ['active', 'completed'])))
    expect(committed!.days).toBe(9)
  })
})

describe('the row locks alone', () => {
  it('When 10 accepts for one expert run side by side with no queue in front, then the database still lets only what fits through', async () => {
    const actor: Actor = { id: s.ids.headA!, trustId: s.ids.t!, schoolId: s.ids.A!, role: 'headteacher', name: 'headA Race' }
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => acceptOffer(t.database.db, actor, s.ids[`o-lock${i}`]!, { note: '' }, { now: new Date(), unqueued: true })),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409 })
    const [committed] = await t.database.db
      .select({ days: sql<number>`coalesce(sum(${engagements.days}), 0)::int` })
      .from(engagements)
      .where(and(eq(engagements.expertiseId, s.ids[`eX${N + 1}`]!), inArray(engagements.status, ['active', 'completed'])))
    expect(committed!.days).toBe(9)
  })
})

describe('Idempotency-Key on accept', () => {
  const counts = async () => {
    const db = t.database.db
    const one = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n
    return {
      engagements: await one(db.select({ n: sql<number>`count(*)::int` }).from(engagements).where(eq(engagements.trustId, s.ids.t!))),
      notifications: await one(db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(eq(notifications.trustId, s.ids.t!))),
      outbox: await one(db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox).where(eq(emailOutbox.trustId, s.ids.t!))),
      audit: await one(db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.trustId, s.ids.t!))),
    }
  }

  it(`When the same key and body arrive ${N} times at once, then one engagement is made and every answer is the first one`, async () => {
    const key = `accept-${crypto.randomUUID()}`
    const before = await counts()
    const results = await Promise.all(Array.from({ length: N }, () => accept('o-idem', { 'idempotency-key': key }, { note: 'Thank you!' })))
    const ok = results.filter((r) => r.statusCode === 200)
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true)
    expect(ok.length).toBeGreaterThanOrEqual(1)
    const first = ok[0]!.json()
    for (const r of ok) expect(r.json()).toEqual(first)
    const after = await counts()
    expect(after.engagements - before.engagements).toBe(1)

    // A later retry replays too, and changes nothing at all.
    const snap = await snapshot(t.database.db, s.ids.t!)
    const mid = await counts()
    const again = await accept('o-idem', { 'idempotency-key': key }, { note: 'Thank you!' })
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(first)
    expect(await counts()).toEqual(mid)
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(snap)
  })

  it('When the same key comes with a different body, then 422 and nothing changes', async () => {
    const key = `accept-${crypto.randomUUID()}`
    const res1 = await accept('o-idem2', { 'idempotency-key': key }, {})
    // headA cannot accept for school C: 403, and the key is not kept for a refused attempt.
    expect(res1.statusCode).toBe(403)
    const headC = as(t.app, await s.token('headC'))
    const first = await headC({ method: 'POST', url: `/api/offers/${s.ids['o-idem2']}/accept`, headers: { 'idempotency-key': key }, payload: { note: 'Welcome' } })
    expect(first.statusCode).toBe(200)
    const before = await snapshot(t.database.db, s.ids.t!)
    const other = await headC({ method: 'POST', url: `/api/offers/${s.ids['o-idem2']}/accept`, headers: { 'idempotency-key': key }, payload: { note: 'Something else' } })
    expect(other.statusCode).toBe(422)
    expect(other.json()).toMatchObject({ status: 422, type: '/problems/idempotency-key-reused', title: 'That key was used for something else' })
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
    // The same key from another person is their own: headA's attempt is processed for headA (and refused on its merits).
    const otherPerson = await accept('o-idem2', { 'idempotency-key': key }, { note: 'Welcome' })
    expect(otherPerson.statusCode).toBe(403)
  })

  it('When the key is malformed, then 400 names the header', async () => {
    const res = await accept('o-rollback', { 'idempotency-key': 'short' })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ path: 'idempotency-key', message: 'Use a key of at least 8 characters' }])
  })
})

describe('the outbox is part of the change', () => {
  it('When an accept fails after its notices were written, then no notification and no e-mail exist, and nothing else changed', async () => {
    const before = await snapshot(t.database.db, s.ids.t!)
    const actor: Actor = { id: s.ids.headA!, trustId: s.ids.t!, schoolId: s.ids.A!, role: 'headteacher', name: 'headA Race' }
    let noticesSeen = 0
    await expect(
      acceptOffer(t.database.db, actor, s.ids['o-rollback']!, { note: '' }, {
        now: new Date(),
        beforeCommit: async (tx) => {
          const rows = await tx.select().from(notifications).where(eq(notifications.personId, s.ids.headB!))
          const mail = await tx.select().from(emailOutbox).where(eq(emailOutbox.to, s.email('headB')))
          noticesSeen = Math.min(rows.length, mail.length)
          throw new Error('forced failure after notify')
        },
      }),
    ).rejects.toThrow('forced failure after notify')
    expect(noticesSeen).toBe(1)
    expect(await t.database.db.select().from(notifications).where(eq(notifications.personId, s.ids.headB!))).toEqual([])
    expect(await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, s.email('headB')))).toEqual([])
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)

    // The same accept without the fault commits its notice and its e-mail together.
    const ok = await accept('o-rollback')
    expect(ok.statusCode).toBe(200)
    const mail = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, s.email('headB')))
    expect(mail).toHaveLength(1)
    expect(mail[0]).toMatchObject({ subject: expect.stringContaining('Your offer was accepted'), sentAt: null })
  })
})
