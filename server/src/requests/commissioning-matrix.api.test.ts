import { beforeAll, describe, expect, it } from 'vitest'
import type { HTTPMethods } from 'fastify'
import { as, useTestApp } from '../../test/app.ts'
import { seed } from '../../test/bundle.ts'
import { type Api, WINDOW, commissioningBundle, offer, openRequest, requestBody, seedCommissioning, snapshot } from '../../test/commissioning.ts'

/**
 * The commissioning right as a matrix (docs/design.md §1–2 and §10): the central team and the
 * administrator get 403 on every commissioning action, another trust gets 404 on every object, and
 * a refused call changes no row.
 */
const t = useTestApp()
const o: Record<string, string> = {}
let T1 = ''
let api: Record<'headA' | 'headB' | 'teacherB1' | 'central' | 'admin' | 'otherHead' | 'otherTeacher' | 'otherCentral', Api>

beforeAll(async () => {
  const b = commissioningBundle({ releaseB: 0, extraExperts: 1 }, 'Matrix')
  b.requests = [{
    ref: 'done', school: 'A', raisedBy: 'headA', title: 'Matrix canary finished work', problem: 'Finished work used as the trust memory.',
    areas: ['reading'], modes: ['fresh_eyes'], expertsWanted: 1, daysPerExpert: 1, window: { ...WINDOW }, status: 'completed', publishedAt: '2026-10-01T09:00:00Z',
  }]
  b.offers = [{ ref: 'o-done', request: 'done', expertise: 'eB1', message: 'Done before.', days: 1, status: 'accepted' }]
  b.engagements = [{ ref: 'g-done', offer: 'o-done', status: 'completed', release: 'approved', completedAt: '2026-11-01', impact: 4, headReflection: 'It worked well for us.', expertReflection: 'I learned a lot too.' }]
  const s = await seed(t.app, b)
  T1 = s.ids.t!
  const other = await seedCommissioning(t.app, {}, 'Elsewhere')
  const tok = async (x: typeof s, ref: string) => as(t.app, await x.token(ref))
  api = {
    headA: await tok(s, 'headA'), headB: await tok(s, 'headB'), teacherB1: await tok(s, 'teacherB1'), central: await tok(s, 'central'), admin: await tok(s, 'admin'),
    otherHead: await tok(other, 'headA'), otherTeacher: await tok(other, 'teacherB1'), otherCentral: await tok(other, 'central'),
  }
  o.draft = (await api.headA({ method: 'POST', url: '/api/requests', payload: requestBody({ title: 'Matrix canary draft' }) })).json().id
  o.open = await openRequest(api.headA, { title: 'Matrix canary open request', expertsWanted: 3 })
  o.proposed = await offer(api.teacherB1, o.open, s.ids.eB1!, 1)
  o.invited = (await api.headA({ method: 'POST', url: `/api/requests/${o.open}/invitations`, payload: { expertiseId: s.ids.eX0 } })).json().id
  const pendingOffer = await offer(api.headB, o.open, s.ids.eHeadB!, 1)
  o.pending = (await api.headA({ method: 'POST', url: `/api/offers/${pendingOffer}/accept` })).json().engagementId
  const open2 = await openRequest(api.headA, { title: 'Matrix canary second request' })
  const activeOffer = await offer(api.teacherB1, open2, s.ids.eB1!, 1)
  o.active = (await api.headA({ method: 'POST', url: `/api/offers/${activeOffer}/accept` })).json().engagementId
  await api.headB({ method: 'POST', url: `/api/releases/${o.active}/approve` })
  o.extension = (await api.teacherB1({ method: 'POST', url: `/api/engagements/${o.active}/extensions`, payload: { days: 1, reason: 'One more visit to see the new routine.' } })).json().extensions?.[0]?.id
  o.case = (await api.headA({ method: 'GET', url: '/api/cases' })).json().items[0].id
  o.notification = (await api.headA({ method: 'GET', url: '/api/notifications' })).json().items[0].id
  o.eB1 = s.ids.eB1!
  for (const [k, v] of Object.entries(o)) if (!v) throw new Error(`matrix setup: no ${k}`)
})

type Call = { method: HTTPMethods; url: () => string; payload?: () => object }
const COMMISSIONING: [string, Call][] = [
  ['raise a request', { method: 'POST', url: () => '/api/requests', payload: () => requestBody() }],
  ['edit a request', { method: 'PATCH', url: () => `/api/requests/${o.open}`, payload: () => ({ version: 2, title: 'Rewritten by someone else' }) }],
  ['publish a request', { method: 'POST', url: () => `/api/requests/${o.draft}/publish` }],
  ['withdraw a request', { method: 'POST', url: () => `/api/requests/${o.open}/withdraw` }],
  ['invite an expert', { method: 'POST', url: () => `/api/requests/${o.open}/invitations`, payload: () => ({ expertiseId: o.eB1 }) }],
  ['offer help', { method: 'POST', url: () => `/api/requests/${o.open}/offers`, payload: () => ({ expertiseId: o.eB1, message: 'An offer from the wrong person.', days: 1 }) }],
  ['accept an offer', { method: 'POST', url: () => `/api/offers/${o.proposed}/accept` }],
  ['decline an offer', { method: 'POST', url: () => `/api/offers/${o.proposed}/decline` }],
  ['decline an invitation', { method: 'POST', url: () => `/api/offers/${o.invited}/decline` }],
  ['withdraw an offer', { method: 'POST', url: () => `/api/offers/${o.proposed}/withdraw` }],
  ['edit an offer', { method: 'PATCH', url: () => `/api/offers/${o.proposed}`, payload: () => ({ days: 2 }) }],
  ['approve a release', { method: 'POST', url: () => `/api/releases/${o.pending}/approve` }],
  ['refuse a release', { method: 'POST', url: () => `/api/releases/${o.pending}/refuse` }],
  ['log a session', { method: 'POST', url: () => `/api/engagements/${o.active}/logs`, payload: () => ({ date: '2027-01-20', days: 1 }) }],
  ['complete an engagement', { method: 'POST', url: () => `/api/engagements/${o.active}/complete`, payload: () => ({ impact: 4, reflection: 'Completed by someone with no right to.' }) }],
  ['add a reflection', { method: 'POST', url: () => `/api/engagements/${o.active}/reflection`, payload: () => ({ reflection: 'Reflected by someone with no right to.' }) }],
  ['cancel an engagement', { method: 'POST', url: () => `/api/engagements/${o.active}/cancel`, payload: () => ({ reason: 'Cancelled by the wrong person' }) }],
  ['ask for more days', { method: 'POST', url: () => `/api/engagements/${o.active}/extensions`, payload: () => ({ days: 2, reason: 'Asked for by the wrong person.' }) }],
  ['agree to more days', { method: 'POST', url: () => `/api/extensions/${o.extension}/agree` }],
  ['decline more days', { method: 'POST', url: () => `/api/extensions/${o.extension}/decline` }],
  ['release more days', { method: 'POST', url: () => `/api/extensions/${o.extension}/approve` }],
  ['refuse more days', { method: 'POST', url: () => `/api/extensions/${o.extension}/refuse` }],
]
const READS: [string, Call][] = [
  ['read a request', { method: 'GET', url: () => `/api/requests/${o.open}` }],
  ['read a draft', { method: 'GET', url: () => `/api/requests/${o.draft}` }],
  ['list offers', { method: 'GET', url: () => `/api/requests/${o.open}/offers` }],
  ['similar cases of a request', { method: 'GET', url: () => `/api/requests/${o.open}/similar-cases` }],
  ['read an engagement', { method: 'GET', url: () => `/api/engagements/${o.active}` }],
  ['read a case', { method: 'GET', url: () => `/api/cases/${o.case}` }],
  ['mark a notification read', { method: 'POST', url: () => `/api/notifications/${o.notification}/read` }],
]
const run = (who: Api, c: Call) => who({ method: c.method, url: c.url(), ...(c.payload ? { payload: c.payload() } : {}) })

describe('the commissioning right', () => {
  it.each(COMMISSIONING)('The central team and the administrator cannot %s (403), and nothing changes', async (_what, call) => {
    const before = await snapshot(t.database.db, T1)
    for (const who of [api.central, api.admin]) {
      const res = await run(who, call)
      expect(res.statusCode).toBe(403)
      expect(res.json()).toMatchObject({ type: '/problems/forbidden', status: 403, title: 'Not allowed' })
    }
    expect(await snapshot(t.database.db, T1)).toBe(before)
  })

  it.each([...COMMISSIONING.filter(([w]) => w !== 'raise a request'), ...READS])('Another trust cannot %s: answered exactly like a missing id, and nothing changes', async (_what, call) => {
    const before = await snapshot(t.database.db, T1)
    const missing = (url: string) => url.replace(/[0-9a-f-]{36}/, '00000000-0000-4000-8000-000000000000')
    for (const who of [api.otherHead, api.otherTeacher, api.otherCentral]) {
      const res = await run(who, call)
      // 404 where the role could act on such an object; 403 before any lookup where it never could (docs/design.md §10).
      const probe = await who({ method: call.method, url: missing(call.url()), ...(call.payload ? { payload: call.payload() } : {}) })
      expect([403, 404]).toContain(res.statusCode)
      expect({ status: res.statusCode, detail: res.json().detail }).toEqual({ status: probe.statusCode, detail: probe.json().detail })
      expect(res.body).not.toMatch(/Matrix canary/)
    }
    expect(await snapshot(t.database.db, T1)).toBe(before)
  })

  it('Nobody signed out gets anything: 401 on every route, before any validation', async () => {
    const anonymous: Api = (opts) => t.app.inject(opts)
    const lists = ['/api/requests', '/api/engagements', '/api/cases', '/api/notifications', '/api/releases'].map((url) => ({ method: 'GET' as const, url: () => url }))
    for (const call of [...COMMISSIONING.map(([, c]) => c), ...READS.map(([, c]) => c), ...lists]) {
      expect((await run(anonymous, call)).statusCode).toBe(401)
      expect((await anonymous({ method: call.method, url: call.url(), payload: { nonsense: true } })).statusCode).toBe(401)
    }
  })

  it('Every route the matrix names exists, so a 404 above is never a typo', () => {
    for (const [, call] of [...COMMISSIONING, ...READS]) {
      const url = call.url().replace(/[0-9a-f-]{36}/g, ':id')
      expect(t.app.hasRoute({ method: call.method, url }), `${call.method} ${url}`).toBe(true)
    }
  })

  it('Lists, searches and inboxes of another trust never contain this trust’s words or ids', async () => {
    const canaries = [/Matrix canary/, new RegExp(o.open!), new RegExp(o.active!), new RegExp(o.case!)]
    const urls = ['/api/requests', '/api/requests?status=open,completed,draft', '/api/engagements', '/api/cases', '/api/cases?q=canary', '/api/notifications', '/api/releases']
    for (const who of [api.otherHead, api.otherTeacher, api.otherCentral]) {
      for (const url of urls) {
        const res = await who({ method: 'GET', url })
        if (url === '/api/releases' && who !== api.otherHead) expect(res.statusCode).toBe(403)
        else expect(res.statusCode).toBe(200)
        for (const c of canaries) expect(res.body).not.toMatch(c)
      }
      const similar = await who({ method: 'POST', url: '/api/cases/similar', payload: { title: 'Matrix canary finished work', problem: 'Finished work used as the trust memory.', areas: ['reading'] } })
      expect(similar.json().items).toEqual([])
    }
  })

  it('The same people can do these things where they have the right (so the refusals above are for the right reason)', async () => {
    expect((await api.central({ method: 'GET', url: `/api/requests/${o.open}` })).statusCode).toBe(200)
    expect((await api.central({ method: 'GET', url: `/api/engagements/${o.active}` })).statusCode).toBe(200)
    expect((await api.central({ method: 'GET', url: `/api/cases/${o.case}` })).statusCode).toBe(200)
    expect((await api.headB({ method: 'POST', url: `/api/releases/${o.pending}/approve` })).statusCode).toBe(200)
    expect((await api.teacherB1({ method: 'PATCH', url: `/api/offers/${o.proposed}`, payload: { days: 2 } })).statusCode).toBe(200)
    expect((await api.headA({ method: 'POST', url: `/api/offers/${o.proposed}/accept` })).statusCode).toBe(200)
  })
})
