import type { InjectOptions } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { testConfig, useTestApp } from '../../test/app.ts'
import { type Api, type CommissioningSeed, offer, openRequest, seedCommissioning } from '../../test/commissioning.ts'
import { sessionCookieName } from './auth.ts'

const t = useTestApp()
let s: CommissioningSeed
let headA: Api, headB: Api, teacherB1: Api
const OWN_ORIGIN = new URL(testConfig.publicUrl).origin
const EVIL = 'https://evil.example'

beforeAll(async () => {
  // School B lets no day go without asking, so every release waits for head B.
  s = await seedCommissioning(t.app, { releaseB: 0, capacityB1: 30 })
  ;({ headA, headB, teacherB1 } = await s.apis('headA', 'headB', 'teacherB1'))
})

/** What a browser sends: the session cookie, and whichever of Origin and Sec-Fetch-Site it chooses. */
const withCookie = (token: string, headers: Record<string, string> = {}) => (opts: InjectOptions) =>
  t.app.inject({ ...opts, headers: { ...opts.headers, ...headers }, cookies: { [sessionCookieName(testConfig)]: token } })

async function pendingRelease() {
  const requestId = await openRequest(headA)
  const offerId = await offer(teacherB1, requestId, s.ids.eB1!, 2)
  const accepted = await headA({ method: 'POST', url: `/api/offers/${offerId}/accept` })
  expect(accepted.json().release).toBe('pending')
  return accepted.json().engagementId as string
}

const release = async (id: string) => (await headB({ method: 'GET', url: '/api/releases?status=pending' })).json().items.some((r: { id: string }) => r.id === id)
const requestStatus = async (id: string) => (await headA({ method: 'GET', url: `/api/requests/${id}` })).json().status as string

describe('CSRF: a change on a cookie session must come from this site (docs/design.md §10)', () => {
  it('When another site makes head B approve a release with the cookie (Origin: https://evil.example), then 403 and the release still waits', async () => {
    const id = await pendingRelease()
    const res = await withCookie(await s.token('headB'), { origin: EVIL })({ method: 'POST', url: `/api/releases/${id}/approve` })
    expect(res.statusCode).toBe(403)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.json()).toMatchObject({
      type: '/problems/cross-site', status: 403, title: 'Not allowed',
      detail: `Changes can only be made from this site's own pages (${OWN_ORIGIN}); this one came from another origin, so nothing was changed.`,
    })
    expect(await release(id)).toBe(true)
  })

  it('When another site makes head A withdraw a request with the cookie, then 403 and the request is still open', async () => {
    const id = await openRequest(headA)
    const res = await withCookie(await s.token('headA'), { origin: EVIL })({ method: 'POST', url: `/api/requests/${id}/withdraw` })
    expect(res.statusCode).toBe(403)
    expect(await requestStatus(id)).toBe('open')
  })

  it.each([
    ['no Origin and no Sec-Fetch-Site', {}],
    ['Origin: null (a sandboxed page)', { origin: 'null' }],
    ['a look-alike origin', { origin: `${OWN_ORIGIN}.evil.example` }],
    ['the same host over http', { origin: OWN_ORIGIN.replace('https:', 'http:') }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site: cross-site even with our Origin', { 'sec-fetch-site': 'cross-site', origin: OWN_ORIGIN }],
    ['Sec-Fetch-Site: none (typed in the address bar)', { 'sec-fetch-site': 'none' }],
  ])('When a cookie write comes with %s, then 403 and nothing changes', async (_, headers) => {
    const id = await openRequest(headA)
    const res = await withCookie(await s.token('headA'), headers)({ method: 'POST', url: `/api/requests/${id}/withdraw` })
    expect(res.statusCode).toBe(403)
    expect(res.json().type).toBe('/problems/cross-site')
    expect(await requestStatus(id)).toBe('open')
  })

  it('When the cookie write comes with no Origin, then the answer says why', async () => {
    const id = await openRequest(headA)
    const res = await withCookie(await s.token('headA'))({ method: 'POST', url: `/api/requests/${id}/withdraw` })
    expect(res.json().detail).toBe("This change came without an Origin header, so it cannot be shown to come from this site's own pages; nothing was changed. Reload the page and try again.")
  })

  it('When the app’s own page writes with the cookie (its Origin, or Sec-Fetch-Site: same-origin), then the change is made', async () => {
    const byOrigin = await pendingRelease()
    expect((await withCookie(await s.token('headB'), { origin: OWN_ORIGIN })({ method: 'POST', url: `/api/releases/${byOrigin}/approve` })).statusCode).toBe(200)
    expect(await release(byOrigin)).toBe(false)
    const id = await openRequest(headA)
    const res = await withCookie(await s.token('headA'), { 'sec-fetch-site': 'same-origin' })({ method: 'POST', url: `/api/requests/${id}/withdraw` })
    expect(res.statusCode).toBe(200)
    expect(await requestStatus(id)).toBe('withdrawn')
  })

  it('When a script calls with a bearer token (no cookie, any Origin), then it is unaffected', async () => {
    const id = await openRequest(headA)
    const res = await headA({ method: 'POST', url: `/api/requests/${id}/withdraw`, headers: { origin: EVIL } })
    expect(res.statusCode).toBe(200)
  })

  it('When someone signs in (no cookie yet) from a page with no Origin, then sign-in works and reads with the cookie stay open to any origin', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: s.email('headA'), password: 'test-password-1' } })
    expect(res.statusCode).toBe(200)
    const me = await withCookie(res.json().token, { origin: EVIL })({ method: 'GET', url: '/api/me' })
    expect(me.statusCode).toBe(200)
  })
})
