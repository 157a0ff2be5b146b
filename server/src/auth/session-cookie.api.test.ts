import { beforeAll, describe, expect, it } from 'vitest'
import { testConfig, useTestApp } from '../../test/app.ts'
import { type Seeded, TEST_PASSWORD, seed, trustBundle } from '../../test/bundle.ts'

/** Production: cookies are Secure (config.secureCookies), so the session cookie carries the __Host- prefix (docs/design.md §10). */
const t = useTestApp({ config: { env: 'production', secureCookies: true } })
let s: Seeded
beforeAll(async () => {
  s = await seed(t.app, trustBundle())
})

const signIn = () => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: s.email('headA'), password: TEST_PASSWORD } })

describe('the session cookie in production', () => {
  it('When a head signs in over a secure connection, then the cookie is __Host-ee_session: Secure, HttpOnly, SameSite=Strict, Path=/ and no Domain', async () => {
    const res = await signIn()
    expect(res.statusCode).toBe(200)
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? [])
    expect(cookies).toHaveLength(1)
    const [nameValue, ...attributes] = cookies[0]!.split(';').map((p) => p.trim())
    expect(nameValue!.split('=')[0]).toBe('__Host-ee_session')
    expect(attributes.map((a) => a.split('=')[0]!.toLowerCase()).sort()).toEqual(['httponly', 'max-age', 'path', 'samesite', 'secure'])
    expect(attributes).toContain('Path=/')
    expect(attributes).toContain('SameSite=Strict')
  })

  it('When the browser sends the prefixed cookie, then the person is signed in; the unprefixed name is not a session', async () => {
    const token = (await signIn()).json().token as string
    const me = await t.app.inject({ method: 'GET', url: '/api/me', cookies: { '__Host-ee_session': token } })
    expect(me.statusCode).toBe(200)
    expect(me.json().person.id).toBe(s.ids.headA)
    const plain = await t.app.inject({ method: 'GET', url: '/api/me', cookies: { ee_session: token } })
    expect(plain.statusCode).toBe(401)
  })

  it('When a person signs out, then the prefixed cookie is cleared with the same attributes, so the browser accepts the clearing', async () => {
    const token = (await signIn()).json().token as string
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { origin: new URL(testConfig.publicUrl).origin }, cookies: { '__Host-ee_session': token } })
    expect(out.statusCode).toBe(200)
    const cleared = String(out.headers['set-cookie'])
    expect(cleared).toMatch(/^__Host-ee_session=;/)
    expect(cleared).toMatch(/Secure/)
    expect(cleared).toMatch(/Path=\//)
    expect(cleared).not.toMatch(/Domain/i)
  })
})
