import { createHmac } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditEvents, people } from '../db/schema/index.ts'
import { as, testConfig, useTestApp } from '../../test/app.ts'
import { type Seeded, TEST_PASSWORD, seed, trustBundle } from '../../test/bundle.ts'
import { linkIn, tokenOf } from '../../test/outbox.ts'

const t = useTestApp()
let s: Seeded
beforeAll(async () => {
  s = await seed(t.app, trustBundle())
})

const loginAs = (email: string, password = TEST_PASSWORD) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })

describe('sessions read together', () => {
  it('When many people call at the same moment, then each is answered as themselves, and a session ended a moment before is refused among them', async () => {
    const refs = ['headA', 'teacherA1', 'central', 'admin'] as const
    const tokens = await Promise.all(refs.map((ref) => s.token(ref)))
    const ended = (await loginAs(s.email('teacherA2'))).json().token as string
    expect((await as(t.app, ended)({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200)
    const calls = [...tokens, ended, ...tokens].map((token) => as(t.app, token)({ method: 'GET', url: '/api/me' }))
    const answers = await Promise.all(calls)
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 401, 200, 200, 200, 200])
    const who = answers.filter((r) => r.statusCode === 200).map((r) => r.json().person.id)
    expect(who).toEqual([...refs, ...refs].map((ref) => s.ids[ref]))
  })
})

describe('sign-in', () => {
  it('When a head signs in, then they get their person, a token and an httpOnly SameSite=Strict cookie', async () => {
    const res = await loginAs(s.email('headA'))
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.person).toMatchObject({ email: s.email('headA'), role: 'headteacher', schoolId: s.ids.A, trustId: s.ids.t, schoolName: 'Test Primary A' })
    expect(body.person).not.toHaveProperty('passwordHash')
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(/ee_session=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const me = await t.app.inject({ method: 'GET', url: '/api/me', cookies: { ee_session: body.token } })
    expect(me.json().person.id).toBe(s.ids.headA)
  })

  it('When the password is wrong or the e-mail unknown, then the answer is the same 401 problem', async () => {
    const wrong = await loginAs(s.email('teacherA1'), 'not-the-password')
    const unknown = await loginAs('nobody-at-all@example.org', 'not-the-password')
    expect(wrong.statusCode).toBe(401)
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/)
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined })
    expect(strip(wrong.json())).toEqual(strip(unknown.json()))
  })

  it('When the fields are missing, then 400 names each field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'not-an-email' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'password'])
  })

  it('When an account is attacked with repeated wrong passwords, then it gets 429 problem+json with Retry-After, even with the right one', async () => {
    const email = s.email('teacherA2')
    for (let i = 0; i < 10; i++) expect((await loginAs(email, `wrong-${i}`)).statusCode).toBe(401)
    const locked = await loginAs(email, TEST_PASSWORD)
    expect(locked.statusCode).toBe(429)
    expect(locked.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(locked.json()).toMatchObject({ status: 429, title: 'Too many attempts', detail: 'Too many failed sign-ins for this account. Please wait 15 minutes and try again.' })
    // The lock lifts 15 minutes after the first of the ten failures: the header says so in whole seconds.
    const retryAfter = Number(locked.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(14 * 60)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
    const failures = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.action, 'authn_login_fail'))
    expect(failures[0]!.n).toBeGreaterThanOrEqual(10)
  })

  it('When someone logs out, then their old token is refused', async () => {
    const token = (await loginAs(s.email('teacherB1'))).json().token as string
    expect((await as(t.app, token)({ method: 'GET', url: '/api/me' })).statusCode).toBe(200)
    expect((await as(t.app, token)({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200)
    const after = await as(t.app, token)({ method: 'GET', url: '/api/me' })
    expect(after.statusCode).toBe(401)
    expect(after.headers['content-type']).toMatch(/problem\+json/)
    expect((await loginAs(s.email('teacherB1'))).statusCode).toBe(200)
  })

  it('When a person is deactivated, then their session ends and they cannot sign in', async () => {
    const token = (await loginAs(s.email('headB'))).json().token as string
    await t.database.db.update(people).set({ active: false }).where(eq(people.id, s.ids.headB!))
    expect((await as(t.app, token)({ method: 'GET', url: '/api/me' })).statusCode).toBe(401)
    expect((await loginAs(s.email('headB'))).statusCode).toBe(401)
  })
})

describe('forged sessions', () => {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const sign = (header: object, payload: object, secret = testConfig.jwtSecret) => {
    const data = `${b64(header)}.${b64(payload)}`
    return `${data}.${createHmac('sha256', secret).update(data).digest('base64url')}`
  }
  const now = () => Math.floor(Date.now() / 1000)
  const claims = () => ({ sub: s.ids.central, tid: s.ids.t, ims: Date.now(), iat: now(), exp: now() + 600, iss: 'expertise-exchange', aud: 'ee-session' })

  it.each([
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
    ['expired', () => sign({ alg: 'HS256', typ: 'JWT' }, { ...claims(), iat: now() - 7200, exp: now() - 3600 })],
    ['wrong secret', () => sign({ alg: 'HS256', typ: 'JWT' }, claims(), 'guessed-secret-guessed-secret-guessed')],
    ['wrong audience', () => sign({ alg: 'HS256', typ: 'JWT' }, { ...claims(), aud: 'someone-else' })],
    ['wrong issuer', () => sign({ alg: 'HS256', typ: 'JWT' }, { ...claims(), iss: 'evil' })],
    ['tampered payload', () => { const [h, , sig] = sign({ alg: 'HS256', typ: 'JWT' }, claims()).split('.'); return `${h}.${b64({ ...claims(), sub: s.ids.admin })}.${sig}` }],
    ['HS512', () => `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claims())}.${createHmac('sha512', testConfig.jwtSecret).update('x').digest('base64url')}`],
  ])('When a token is forged (%s), then 401', async (_name, make) => {
    const res = await as(t.app, make())({ method: 'GET', url: '/api/me' })
    expect(res.statusCode).toBe(401)
  })

  it('A correctly signed token for the same claims is accepted (so the forgeries above fail for their fault)', async () => {
    expect((await as(t.app, sign({ alg: 'HS256', typ: 'JWT' }, claims()))({ method: 'GET', url: '/api/me' })).statusCode).toBe(200)
  })
})

describe('invitations', () => {
  it('When the admin invites a teacher, then the link works once and the teacher can sign in', async () => {
    const admin = as(t.app, await s.token('admin'))
    const email = `new.${Date.now()}@example.org`
    const created = await admin({ method: 'POST', url: '/api/invitations', payload: { email, role: 'teacher', schoolId: s.ids.B } })
    expect(created.statusCode).toBe(201)
    expect(created.json()).not.toHaveProperty('link')
    const link = await linkIn(t.database, email, '/accept-invitation')
    expect(link.origin).toBe(testConfig.publicUrl)
    const token = tokenOf(link)
    const accept = () => t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token, name: 'New Colleague', password: 'a-long-passphrase' } })
    const first = await accept()
    expect(first.statusCode).toBe(200)
    expect(first.json().person).toMatchObject({ email, role: 'teacher', schoolId: s.ids.B, name: 'New Colleague' })
    expect((await accept()).statusCode).toBe(410)
    expect((await loginAs(email, 'a-long-passphrase')).statusCode).toBe(200)
  })

  it('When the invitee chooses a common or too short password, then 400 names password with the reason and the link still works', async () => {
    const admin = as(t.app, await s.token('admin'))
    const email = `weak.${Date.now()}@example.org`
    expect((await admin({ method: 'POST', url: '/api/invitations', payload: { email, role: 'central' } })).statusCode).toBe(201)
    const token = tokenOf(await linkIn(t.database, email, '/accept-invitation'))
    const accept = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token, name: 'New Colleague', password } })
    const common = await accept('password1234')
    expect(common.statusCode).toBe(400)
    expect(common.json().errors).toEqual([{ path: 'password', message: 'This is too close to a common password. Add another word or two that are not obviously connected, or make it longer.' }])
    const short = await accept('sunflower7')
    expect(short.statusCode).toBe(400)
    expect(short.json().errors).toEqual([{ path: 'password', message: 'Use at least 12 characters' }])
    expect((await accept('1q2w3e4r5t6y')).json().errors[0].message).toMatch(/^This is one of the most common passwords/)
    expect((await accept('maple-kettle-orbit-42')).statusCode).toBe(200)
  })

  it('When a teacher or the central team tries to invite, then 403; a teacher role without a school is 400 naming schoolId', async () => {
    for (const ref of ['teacherA1', 'central', 'headA']) {
      const res = await as(t.app, await s.token(ref))({ method: 'POST', url: '/api/invitations', payload: { email: `x.${ref}.${Date.now()}@example.org`, role: 'teacher', schoolId: s.ids.A } })
      expect(res.statusCode).toBe(403)
    }
    const res = await as(t.app, await s.token('admin'))({ method: 'POST', url: '/api/invitations', payload: { email: 'y@example.org', role: 'teacher' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ path: 'schoolId', message: 'Choose the school this person works at' }])
  })
})
