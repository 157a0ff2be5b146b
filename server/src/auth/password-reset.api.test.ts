import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditEvents, people } from '../db/schema/index.ts'
import { as, testConfig, useTestApp } from '../../test/app.ts'
import { type Seeded, TEST_PASSWORD, seed, trustBundle, unique } from '../../test/bundle.ts'
import { linkIn, mailsTo, tokenOf } from '../../test/outbox.ts'

/** The app's clock, moved by the tests to see links expire. */
let offsetMs = 0
const t = useTestApp({ clock: { now: () => new Date(Date.now() + offsetMs) } })
let s: Seeded
let other: Seeded
beforeAll(async () => {
  s = await seed(t.app, trustBundle())
  other = await seed(t.app, trustBundle({}, 'Other'))
})

/** Each test asks from its own address, so the per-IP limit of one test does not reach another. */
let ipCounter = 10
const nextIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`
const askReset = (email: string, ip = nextIp(), headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email }, remoteAddress: ip, headers })
const confirm = (token: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password } })
const loginAs = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
const me = (token: string) => as(t.app, token)({ method: 'GET', url: '/api/me' })

describe('POST /api/auth/password-reset', () => {
  it('When someone asks for a known and an unknown address, then both get the same 202 answer and only the known one gets a link from PUBLIC_URL', async () => {
    const unknownEmail = `nobody.${unique()}@example.org`
    const unknown = await askReset(unknownEmail)
    const known = await askReset(s.email('headA'))
    expect([known.statusCode, unknown.statusCode]).toEqual([202, 202])
    expect(known.body).toBe(unknown.body)
    expect(known.json()).toEqual({ message: 'If an account exists for that address, we have sent it a link to choose a new password. The link works once, for 30 minutes.' })
    expect(known.headers['content-type']).toBe(unknown.headers['content-type'])
    const link = await linkIn(t.database, s.email('headA'), '/reset-password')
    expect(`${link.origin}${link.pathname}`).toBe(`${testConfig.publicUrl}/reset-password`)
    expect(tokenOf(link)).toMatch(/^[\w-]{40,}$/)
    expect(await mailsTo(t.database, unknownEmail)).toEqual([])
    const audits = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'authn_password_reset_requested'), eq(auditEvents.objectId, s.ids.headA!)))
    expect(audits).toHaveLength(1)
  })

  it('When the request says Host: evil.example and X-Forwarded-Host: evil.example, then the e-mailed link still starts with PUBLIC_URL', async () => {
    const res = await askReset(s.email('teacherB1'), nextIp(), { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' })
    expect(res.statusCode).toBe(202)
    const link = await linkIn(t.database, s.email('teacherB1'), '/reset-password')
    expect(link.origin).toBe(testConfig.publicUrl)
    for (const mail of await mailsTo(t.database, s.email('teacherB1'))) expect(mail.text).not.toContain('evil.example')
  })

  it('When one address is asked for a fourth time within 15 minutes, then 429, from any IP, known or not', async () => {
    for (const email of [s.email('central'), `ghost.${unique()}@example.org`]) {
      for (let i = 0; i < 3; i++) expect((await askReset(email)).statusCode).toBe(202)
      const limited = await askReset(email)
      expect(limited.statusCode).toBe(429)
      expect(limited.headers['content-type']).toMatch(/application\/problem\+json/)
      expect(limited.json()).toMatchObject({ status: 429, title: 'Too many attempts', detail: 'We have sent several links for this address already. Please wait 15 minutes and try again.' })
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(14 * 60)
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15 * 60)
    }
  })

  it('When one IP asks for many addresses, then the eleventh request in 15 minutes is 429', async () => {
    const ip = nextIp()
    for (let i = 0; i < 10; i++) expect((await askReset(`spray.${i}.${unique()}@example.org`, ip)).statusCode).toBe(202)
    const limited = await askReset(`spray.last.${unique()}@example.org`, ip)
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(14 * 60)
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15 * 60)
    expect(limited.json().detail).toBe('Too many attempts. Please wait 15 minutes and try again.')
  })

  it('When a deactivated person asks, then the same 202 and no link', async () => {
    const email = other.email('teacherA2')
    await t.database.db.update(people).set({ active: false }).where(eq(people.id, other.ids.teacherA2!))
    expect((await askReset(email)).statusCode).toBe(202)
    await askReset(other.email('headB'))
    await linkIn(t.database, other.email('headB'), '/reset-password')
    expect(await mailsTo(t.database, email)).toEqual([])
  })
})

describe('POST /api/auth/password-reset/confirm', () => {
  it('When the person follows the link, then the new password is set, every old session ends, they are signed in afresh, and the link works only once', async () => {
    const email = s.email('teacherA1')
    const oldSession = await s.token('teacherA1')
    const otherDevice = (await loginAs(email, TEST_PASSWORD)).json().token as string
    expect((await me(oldSession)).statusCode).toBe(200)
    await askReset(email)
    const token = tokenOf(await linkIn(t.database, email, '/reset-password'))

    const res = await confirm(token, 'maple-kettle-orbit-42')
    expect(res.statusCode).toBe(200)
    expect(res.json().person).toMatchObject({ id: s.ids.teacherA1, email })
    expect(String(res.headers['set-cookie'])).toMatch(/ee_session=/)
    expect((await me(res.json().token)).statusCode).toBe(200)
    expect((await me(oldSession)).statusCode).toBe(401)
    expect((await me(otherDevice)).statusCode).toBe(401)
    expect((await loginAs(email, TEST_PASSWORD)).statusCode).toBe(401)
    expect((await loginAs(email, 'maple-kettle-orbit-42')).statusCode).toBe(200)

    const again = await confirm(token, 'another-fine-phrase-77')
    expect(again.statusCode).toBe(410)
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(again.json()).toMatchObject({ status: 410, title: 'This link cannot be used' })
    expect(again.json().detail).toMatch(/Ask for a new link from the sign-in page/)
    expect((await loginAs(email, 'another-fine-phrase-77')).statusCode).toBe(401)
  })

  it('When the password is weak, then 400 names password with the reason and the link still works', async () => {
    const email = s.email('teacherA2')
    await askReset(email)
    const token = tokenOf(await linkIn(t.database, email, '/reset-password'))
    const weak = await confirm(token, 'password1234')
    expect(weak.statusCode).toBe(400)
    expect(weak.json().errors).toEqual([{ path: 'password', message: 'This is too close to a common password. Add another word or two that are not obviously connected, or make it longer.' }])
    const short = await confirm(token, 'short-one')
    expect(short.json().errors).toEqual([{ path: 'password', message: 'Use at least 12 characters' }])
    const named = await confirm(token, `${email.split('@')[0]}-2026`)
    expect(named.json().errors[0].message).toMatch(/^Do not build your password from your name or e-mail address/)
    expect((await confirm(token, 'quiet-harbour-lantern-9')).statusCode).toBe(200)
  })

  it('When the link is older than 30 minutes, then 410; a new link asked for then works for 30 minutes', async () => {
    const email = other.email('headA')
    await askReset(email)
    const stale = tokenOf(await linkIn(t.database, email, '/reset-password'))
    offsetMs = 31 * 60_000
    try {
      expect((await confirm(stale, 'quiet-harbour-lantern-9')).statusCode).toBe(410)
      await askReset(email)
      const fresh = tokenOf(await linkIn(t.database, email, '/reset-password', 2))
      offsetMs = (31 + 29) * 60_000
      expect((await confirm(fresh, 'quiet-harbour-lantern-9')).statusCode).toBe(200)
    } finally {
      offsetMs = 0
    }
  })

  it('When a second link is asked for, then the first stops working', async () => {
    const email = other.email('teacherA1')
    await askReset(email)
    const first = tokenOf(await linkIn(t.database, email, '/reset-password'))
    await askReset(email)
    const second = tokenOf(await linkIn(t.database, email, '/reset-password', 2))
    expect(second).not.toBe(first)
    expect((await confirm(first, 'quiet-harbour-lantern-9')).statusCode).toBe(410)
    expect((await confirm(second, 'quiet-harbour-lantern-9')).statusCode).toBe(200)
  })

  it('When the token is unknown, then 410 with the way forward', async () => {
    const res = await confirm('x'.repeat(43), 'quiet-harbour-lantern-9')
    expect(res.statusCode).toBe(410)
    expect(res.json().detail).toMatch(/Ask for a new link/)
  })
})

describe('POST /api/auth/password', () => {
  const change = (token: string, payload: object) => as(t.app, token)({ method: 'POST', url: '/api/auth/password', payload, remoteAddress: nextIp() })

  it('When a signed-in person changes their password, then their other sessions end and they stay signed in with a fresh one', async () => {
    const email = s.email('headB')
    const here = (await loginAs(email, TEST_PASSWORD)).json().token as string
    const elsewhere = (await loginAs(email, TEST_PASSWORD)).json().token as string

    const wrong = await change(here, { currentPassword: 'not-my-password', newPassword: 'quiet-harbour-lantern-9' })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().errors).toEqual([{ path: 'currentPassword', message: 'That is not your current password' }])
    const weak = await change(here, { currentPassword: TEST_PASSWORD, newPassword: 'iloveyou12345' })
    expect(weak.statusCode).toBe(400)
    expect(weak.json().errors).toEqual([{ path: 'newPassword', message: 'This is too close to a common password. Add another word or two that are not obviously connected, or make it longer.' }])
    const missing = await change(here, { newPassword: 'quiet-harbour-lantern-9' })
    expect(missing.json().errors).toEqual([{ path: 'currentPassword', message: expect.any(String) }])
    expect((await me(elsewhere)).statusCode).toBe(200)

    const res = await change(here, { currentPassword: TEST_PASSWORD, newPassword: 'quiet-harbour-lantern-9' })
    expect(res.statusCode).toBe(200)
    expect(res.json().person.id).toBe(s.ids.headB)
    expect(String(res.headers['set-cookie'])).toMatch(/ee_session=/)
    expect((await me(res.json().token)).statusCode).toBe(200)
    expect((await me(elsewhere)).statusCode).toBe(401)
    expect((await loginAs(email, TEST_PASSWORD)).statusCode).toBe(401)
    expect((await loginAs(email, 'quiet-harbour-lantern-9')).statusCode).toBe(200)
  })

  it('When nobody is signed in, then 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'x', newPassword: 'quiet-harbour-lantern-9' } })
    expect(res.statusCode).toBe(401)
  })
})

describe('POST /api/people/:id/password-reset', () => {
  it('When the admin sends a person a reset link, then 202 and the person gets a link from PUBLIC_URL', async () => {
    const res = await as(t.app, await s.token('admin'))({ method: 'POST', url: `/api/people/${s.ids.central}/password-reset`, headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } })
    expect(res.statusCode).toBe(202)
    expect(res.json()).toEqual({ email: s.email('central'), status: 'sent' })
    const mails = await mailsTo(t.database, s.email('central'))
    const link = await linkIn(t.database, s.email('central'), '/reset-password')
    expect(link.origin).toBe(testConfig.publicUrl)
    expect(mails[0]!.text).toContain('your trust administrator, has sent you this link')
  })

  it("When another trust's admin sends a reset link to this trust's person, then 404 and nothing is sent; a teacher gets 403", async () => {
    const before = (await mailsTo(t.database, s.email('teacherB1'))).length
    const foreign = await as(t.app, await other.token('admin'))({ method: 'POST', url: `/api/people/${s.ids.teacherB1}/password-reset` })
    expect(foreign.statusCode).toBe(404)
    const teacher = await as(t.app, await other.token('teacherB1'))({ method: 'POST', url: `/api/people/${other.ids.headB}/password-reset` })
    expect(teacher.statusCode).toBe(403)
    expect((await mailsTo(t.database, s.email('teacherB1'))).length).toBe(before)
  })

  it('When the person is deactivated, then 409 says to reactivate them first', async () => {
    const res = await as(t.app, await other.token('admin'))({ method: 'POST', url: `/api/people/${other.ids.teacherA2}/password-reset` })
    expect(res.statusCode).toBe(409)
    expect(res.json().detail).toMatch(/Reactivate them first/)
  })
})
