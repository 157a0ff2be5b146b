import Fastify, { type FastifyInstance } from 'fastify'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { as, useTestApp } from '../../test/app.ts'
import { seedTwoTrusts } from '../../test/bundle.ts'
import { requestBody } from '../../test/commissioning.ts'
import { auditEvents } from '../db/schema/index.ts'
import { accessPlugin } from './access.ts'

const t = useTestApp()
let ids: Record<string, string>
let otherIds: Record<string, string>
let api: Record<'headA' | 'headB' | 'teacherA1' | 'central' | 'otherHead', ReturnType<typeof as>>
let draft = ''

beforeAll(async () => {
  const { s, other } = await seedTwoTrusts(t.app)
  ids = s.ids
  otherIds = other.ids
  const tok = async (x: typeof s, ref: string) => as(t.app, await x.token(ref))
  api = { headA: await tok(s, 'headA'), headB: await tok(s, 'headB'), teacherA1: await tok(s, 'teacherA1'), central: await tok(s, 'central'), otherHead: await tok(other, 'headA') }
  draft = (await api.headA({ method: 'POST', url: '/api/requests', payload: requestBody({ title: 'Audit canary draft' }) })).json<{ id: string }>().id
})

/** The refusal is written after the answer has gone, so the test waits a moment for it. */
async function deniedRows(requestId: string) {
  const read = () => t.database.db.select().from(auditEvents).where(and(eq(auditEvents.requestId, requestId), eq(auditEvents.outcome, 'denied')))
  for (let i = 0; i < 50; i++) {
    const rows = await read()
    if (rows.length) return rows
    await new Promise((r) => setTimeout(r, 20))
  }
  return read()
}

describe('authorization before validation', () => {
  it('When the central team sends an invalid request to raise a request, then it is 403 with the reason, not 400', async () => {
    const res = await api.central({ method: 'POST', url: '/api/requests', payload: { title: '' } })
    expect(res.statusCode).toBe(403)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({
      type: '/problems/forbidden', title: 'Not allowed', status: 403, detail: "Only a school's headteacher raises requests for their school.",
    })
  })

  it('When a teacher sends a body that is not even JSON to a head-only action, then it is 403 before the body is read', async () => {
    const res = await api.teacherA1({ method: 'POST', url: `/api/requests/${draft}/publish`, payload: '{"broken', headers: { 'content-type': 'application/json' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().detail).toBe("Only a school's headteacher publishes their school's requests.")
  })

  it('When a teacher asks for the people list with HEAD instead of GET, then it is refused the same way', async () => {
    expect((await api.teacherA1({ method: 'HEAD', url: '/api/people' })).statusCode).toBe(403)
    expect((await api.teacherA1({ method: 'GET', url: '/api/people?limit=nonsense' })).statusCode).toBe(403)
  })

  it('When a head sends the same invalid body, then they get the 400 that names the field (validation still runs for those who may act)', async () => {
    const res = await api.headA({ method: 'POST', url: '/api/requests', payload: { ...requestBody(), title: '' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0].path).toBe('title')
  })
})

describe('refused actions are audited (docs/design.md §10)', () => {
  it('When a role is refused before validation, then one denied row names the actor, trust, policy and request', async () => {
    const res = await api.central({ method: 'POST', url: '/api/requests', payload: { nonsense: true } })
    const rows = await deniedRows(res.json().requestId)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      outcome: 'denied', actorId: ids.central, trustId: ids.t, action: 'request.create', objectType: 'request', objectId: null,
      detail: { status: 403, route: 'POST /api/requests' },
    })
  })

  it('When a head of another school is refused on an object, then the row carries the object id', async () => {
    const res = await api.headB({ method: 'POST', url: `/api/requests/${draft}/publish` })
    expect(res.statusCode).toBe(403)
    const rows = await deniedRows(res.json().requestId)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actorId: ids.headB, trustId: ids.t, action: 'request.publish', objectType: 'request', objectId: draft })
  })

  it('When someone of another trust probes an object id, then the 404 is audited in their own trust, and in the trust that holds the object', async () => {
    const res = await api.otherHead({ method: 'GET', url: `/api/requests/${draft}` })
    expect(res.statusCode).toBe(404)
    let rows = await deniedRows(res.json().requestId)
    for (let i = 0; rows.length < 2 && i < 50; i++) rows = await deniedRows(res.json().requestId)
    expect(rows).toHaveLength(2)
    const inTrust = (trustId: string) => rows.find((r) => r.trustId === trustId)
    // Their own trust's row holds no id of another trust's (AZ-4): the id is recorded where the object lives.
    expect(inTrust(otherIds.t!)).toMatchObject({ actorId: otherIds.headA, action: 'request.see', objectType: 'request', objectId: null, detail: { status: 404, route: 'GET /api/requests/:id' } })
    expect(inTrust(ids.t!)).toMatchObject({ actorId: null, action: 'request.see', objectType: 'request', objectId: draft, detail: { status: 404, route: 'GET /api/requests/:id', fromAnotherTrust: true } })
  })

  it('When someone probes an id that exists nowhere, then only their own trust records it, exactly as a probe of another trust\'s id', async () => {
    const res = await api.otherHead({ method: 'GET', url: '/api/requests/00000000-0000-4000-8000-000000000404' })
    expect(res.statusCode).toBe(404)
    const rows = await deniedRows(res.json().requestId)
    await new Promise((r) => setTimeout(r, 100))
    expect((await deniedRows(res.json().requestId)).map((r) => r.trustId)).toEqual([otherIds.t])
    expect(rows[0]).toMatchObject({ objectId: null, detail: { status: 404, route: 'GET /api/requests/:id' } })
  })

  it('When a head opens another school\'s draft in their own trust, then the 404 keeps the object\'s id in the trust\'s trail', async () => {
    const res = await api.headB({ method: 'GET', url: `/api/requests/${draft}` })
    expect(res.statusCode).toBe(404)
    const rows = await deniedRows(res.json().requestId)
    expect(rows).toEqual([expect.objectContaining({ trustId: ids.t, actorId: ids.headB, objectType: 'request', objectId: draft })])
  })

  it('When a call succeeds, fails validation, is anonymous or hits no route, then nothing is audited as denied', async () => {
    const answers = [
      await api.headA({ method: 'GET', url: `/api/requests/${draft}` }),
      await api.headA({ method: 'POST', url: '/api/requests', payload: { title: '' } }),
      await t.app.inject({ method: 'POST', url: `/api/requests/${draft}/publish` }),
      await api.headA({ method: 'GET', url: '/api/no-such-thing' }),
    ]
    expect(answers.map((r) => r.statusCode)).toEqual([200, 400, 401, 404])
    await new Promise((r) => setTimeout(r, 200))
    for (const res of answers) {
      const requestId = res.json<{ requestId?: string }>().requestId ?? res.headers['request-id']
      if (typeof requestId === 'string') expect(await t.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId))).toEqual([])
    }
  })
})

describe('every route declares its access', () => {
  async function appWith(register: (app: FastifyInstance) => void) {
    const app = Fastify()
    const authenticate = async () => {}
    app.decorate('authenticate', authenticate)
    app.decorate('db', t.database.db as never)
    await app.register(accessPlugin)
    await app.register(async (api) => register(api), { prefix: '/api' })
    return app
  }

  it('When an /api route declares no access, then the app refuses to start and names the route', async () => {
    await expect(appWith((api) => api.get('/forgotten', () => 'x'))).rejects.toThrow(/GET \/api\/forgotten declares no access/)
  })

  it('When a route names an action the policy does not know, or needs a person but never authenticates, then the app refuses to start', async () => {
    await expect(appWith((api) => api.get('/x', { config: { access: 'request.fly' as never }, onRequest: api.authenticate }, () => 'x'))).rejects.toThrow(/unknown policy action/)
    await expect(appWith((api) => api.get('/x', { config: { access: 'signed-in' } }, () => 'x'))).rejects.toThrow(/has no onRequest: app.authenticate/)
    await expect(appWith((api) => api.get('/x', { config: { access: 'public' }, onRequest: api.authenticate }, () => 'x'))).rejects.toThrow(/declared public but authenticates/)
  })

  it('When someone reads the API document, then each route says who may call it', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{ paths: Record<string, Record<string, { description?: string }>> }>()
    expect(doc.paths['/api/requests/{id}/publish']?.post?.description).toContain('Access: policy request.publish.')
    expect(doc.paths['/api/auth/login']?.post?.description).toContain('Access: anyone, signed in or not.')
  })

  it('lists every /api route with its access, for the matrix to walk', () => {
    const route = t.app.routeRegistry.find((r) => r.method === 'POST' && r.url === '/api/requests/:id/publish')
    expect(route?.access).toBe('request.publish')
    expect(t.app.routeRegistry.filter((r) => r.url === '/api/health')).toEqual([{ method: 'GET', url: '/api/health', access: 'public' }])
  })
})
