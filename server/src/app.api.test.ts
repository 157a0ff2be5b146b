import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/app.ts'

const t = useTestApp()

describe('the app', () => {
  it('reports health and which database it runs on', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgres' : 'pglite' })
  })

  it('answers unknown API paths with a problem+json 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.json()).toMatchObject({ type: '/problems/not-found', status: 404, title: 'Not found' })
  })

  it('refuses a form post (415) and a cross-site write (403), so CSRF cannot reach a JSON route', async () => {
    const form = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'email=a' })
    expect(form.statusCode).toBe(415)
    const cross = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'sec-fetch-site': 'cross-site' }, payload: { email: 'a@b.org', password: 'x' } })
    expect(cross.statusCode).toBe(403)
  })

  it('answers bad JSON with a 400 problem and no internals', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email": ' })
    expect(res.statusCode).toBe(400)
    expect(res.body).not.toMatch(/at .*\.ts|node_modules|stack/i)
  })

  it('sends security headers and no-store on API answers, errors included', async () => {
    const answers = [
      await t.app.inject({ method: 'GET', url: '/api/health' }),
      await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }),
      await t.app.inject({ method: 'GET', url: '/api/me' }),
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'not an email' } }),
    ]
    expect(answers.map((r) => r.statusCode)).toEqual([200, 404, 401, 400])
    for (const res of answers) {
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
      expect(res.headers['content-security-policy']).toMatch(/object-src 'none'/)
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000; includeSubDomains/)
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      expect(res.headers['cache-control']).toBe('no-store')
    }
  })

  it('serves an OpenAPI document generated from the schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/admin/import']))
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['email', 'password'])
  })
})
