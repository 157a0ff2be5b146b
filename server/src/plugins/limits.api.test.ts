import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { testConfig, useTestApp } from '../../test/app.ts'
import { type Seeded, seed, trustBundle } from '../../test/bundle.ts'
import { as } from '../../test/app.ts'
import { RATE_LIMITS } from '../lib/rate-limits.ts'

// Production's limits: this file must not inherit the raised ones of the shared test config.
const t = useTestApp({ config: { ...testConfig, rateLimits: undefined } })
let s: Seeded
let other: Seeded
beforeAll(async () => {
  s = await seed(t.app, trustBundle())
  other = await seed(t.app, trustBundle({}, 'Other'))
})

const statuses = (answers: { statusCode: number }[]) => answers.reduce<Record<number, number>>((n, r) => ({ ...n, [r.statusCode]: (n[r.statusCode] ?? 0) + 1 }), {})

describe('rate limits (IN-4): N+1 inside the minute gives exactly one 429 with Retry-After', () => {
  it(`When a signed-in person asks for ${RATE_LIMITS.notFoundPerMinute + 1} requests that do not exist, then ${RATE_LIMITS.notFoundPerMinute} are 404 and the last is 429 with Retry-After; their found pages still answer`, async () => {
    const teacher = as(t.app, await s.token('teacherA1'))
    const answers = []
    for (let i = 0; i <= RATE_LIMITS.notFoundPerMinute; i++) answers.push(await teacher({ method: 'GET', url: `/api/requests/${randomUUID()}` }))
    expect(statuses(answers)).toEqual({ 404: RATE_LIMITS.notFoundPerMinute, 429: 1 })
    const last = answers.at(-1)!
    expect(last.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(last.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(last.json()).toMatchObject({ type: '/problems/too-many-requests', status: 429, title: 'Too many requests', detail: expect.stringMatching(/^Too many addresses that lead nowhere in a minute\. Please wait \d+ seconds and try again\.$/) })
    expect((await teacher({ method: 'GET', url: '/api/me' })).statusCode).toBe(200)
    // Keyed by the person: someone else at the same address is not held back.
    expect((await as(t.app, await s.token('teacherA2'))({ method: 'GET', url: `/api/requests/${randomUUID()}` })).statusCode).toBe(404)
  })

  it(`When someone signed out guesses ${RATE_LIMITS.notFoundPerMinute + 1} addresses, then exactly one 429, keyed by their address`, async () => {
    const answers = []
    for (let i = 0; i <= RATE_LIMITS.notFoundPerMinute; i++) answers.push(await t.app.inject({ method: 'GET', url: `/api/guess-${i}`, remoteAddress: '203.0.113.9' }))
    expect(statuses(answers)).toEqual({ 404: RATE_LIMITS.notFoundPerMinute, 429: 1 })
    expect(answers.at(-1)!.headers['retry-after']).toBeDefined()
    expect((await t.app.inject({ method: 'GET', url: '/api/guess', remoteAddress: '203.0.113.10' })).statusCode).toBe(404)
  })

  it(`When one person makes ${RATE_LIMITS.writesPerMinute + 1} changes in a minute, then exactly one 429 with Retry-After and that change is not made; another person of the same trust and another trust write on`, async () => {
    const teacher = as(t.app, await s.token('teacherA2'))
    const answers = []
    for (let i = 0; i <= RATE_LIMITS.writesPerMinute; i++) answers.push(await teacher({ method: 'PATCH', url: '/api/me/availability', payload: { paused: i % 2 === 0 } }))
    expect(statuses(answers)).toEqual({ 200: RATE_LIMITS.writesPerMinute, 429: 1 })
    const last = answers.at(-1)!
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0)
    expect(last.json()).toMatchObject({ status: 429, type: '/problems/too-many-requests', detail: expect.stringMatching(/^You have made more than 120 changes in a minute\. Please wait \d+ seconds and try again\.$/) })
    // The refused change (paused: true, the 121st) was not made: the person is still as the 120th left them.
    expect((await teacher({ method: 'GET', url: '/api/me/profile' })).json().person.paused).toBe(false)
    expect((await as(t.app, await s.token('teacherA1'))({ method: 'PATCH', url: '/api/me/availability', payload: { paused: false } })).statusCode).toBe(200)
    expect((await as(t.app, await other.token('teacherA2'))({ method: 'PATCH', url: '/api/me/availability', payload: { paused: false } })).statusCode).toBe(200)
    // Reads are not writes.
    expect((await teacher({ method: 'GET', url: '/api/me' })).statusCode).toBe(200)
  })
})
