import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { invitations, people } from '../db/schema/index.ts'
import { as, testConfig, useTestApp } from '../../test/app.ts'
import { type Seeded, seedTwoTrusts, unique } from '../../test/bundle.ts'
import { linkIn, mailsTo, tokenOf } from '../../test/outbox.ts'

const t = useTestApp()
let s: Seeded
let other: Seeded
beforeAll(async () => {
  ;({ s, other } = await seedTwoTrusts(t.app))
})

const admin = async (opts: Parameters<ReturnType<typeof as>>[0], who: Seeded = s) => as(t.app, await who.token('admin'))(opts)
const invite = (payload: object, headers: Record<string, string> = {}) => admin({ method: 'POST', url: '/api/invitations', payload, headers })
const accept = (token: string) => t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token, name: 'New Colleague', password: 'maple-kettle-orbit-42' } })
/** The answer with the address itself taken out: what else it says must not depend on whose address it is. */
const without = (body: string, email: string) => body.replaceAll(email, '<email>')

describe('POST /api/invitations', () => {
  it("When the admin invites an address of another trust, then the answer and the waiting list look exactly as for a new address; no link is ever sent and the owner is told by e-mail", async () => {
    const taken = other.email('teacherB1')
    const fresh = `fresh.${unique()}@example.org`
    const payload = (email: string) => ({ email, role: 'teacher', schoolId: s.ids.A })
    const forTaken = await invite(payload(taken))
    const forFresh = await invite(payload(fresh))
    expect([forTaken.statusCode, forFresh.statusCode]).toEqual([201, 201])
    expect(forTaken.headers['content-type']).toBe(forFresh.headers['content-type'])
    expect(without(forTaken.body, taken)).toBe(without(forFresh.body, fresh))
    expect(forFresh.json()).toEqual({ email: fresh, role: 'teacher', schoolId: s.ids.A, status: 'sent', expiresOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })

    const mails = await mailsTo(t.database, taken)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.text).toContain('already has an account with another organisation on Expertise Exchange')
    expect(mails[0]!.text).toContain('invite a different address')
    expect(mails[0]!.text).not.toMatch(/https?:\/\//)
    const [owner] = await t.database.db.select().from(people).where(eq(people.email, taken))
    expect(owner!.trustId).toBe(other.ids.t)
    expect((await linkIn(t.database, fresh, '/accept-invitation')).origin).toBe(testConfig.publicUrl)

    const items = (await admin({ method: 'GET', url: '/api/invitations' })).json().items as { email: string }[]
    const shape = (email: string) => ({ ...items.find((i) => i.email === email), id: '', email: '', sentAt: '', expiresAt: '' })
    expect(shape(taken)).toEqual(shape(fresh))
    const id = (items.find((i) => i.email === taken) as unknown as { id: string }).id
    const resent = await admin({ method: 'POST', url: `/api/invitations/${id}/resend` })
    expect(resent.statusCode).toBe(200)
    expect(resent.json().email).toBe(taken)
    const again = await mailsTo(t.database, taken)
    expect(again).toHaveLength(2)
    expect(again.every((m) => !/https?:\/\//.test(m.text))).toBe(true)
  })

  it('When the admin invites someone already in their own trust, then 409 names email and suggests a reset link', async () => {
    const res = await invite({ email: s.email('teacherA2'), role: 'teacher', schoolId: s.ids.A })
    expect(res.statusCode).toBe(409)
    expect(res.json().errors).toEqual([{ path: 'email', message: 'Someone in your trust already has an account with this e-mail; send them a reset link instead' }])
  })

  it('When the request says Host: evil.example and X-Forwarded-Host: evil.example, then the e-mailed link still starts with PUBLIC_URL', async () => {
    const email = `hosted.${unique()}@example.org`
    const res = await invite({ email, role: 'central' }, { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' })
    expect(res.statusCode).toBe(201)
    expect((await linkIn(t.database, email, '/accept-invitation')).origin).toBe(testConfig.publicUrl)
    for (const mail of await mailsTo(t.database, email)) expect(mail.text).not.toContain('evil.example')
  })

  it('When the admin invites an address that has a waiting invitation, then it is replaced: the old link stops working', async () => {
    const email = `twice.${unique()}@example.org`
    await invite({ email, role: 'teacher', schoolId: s.ids.A })
    const first = tokenOf(await linkIn(t.database, email, '/accept-invitation'))
    await invite({ email, role: 'teacher', schoolId: s.ids.B })
    const second = tokenOf(await linkIn(t.database, email, '/accept-invitation', 2))
    expect(await t.database.db.select().from(invitations).where(eq(invitations.email, email))).toHaveLength(1)
    expect((await accept(first)).statusCode).toBe(410)
    const ok = await accept(second)
    expect(ok.statusCode).toBe(200)
    expect(ok.json().person.schoolId).toBe(s.ids.B)
  })
})

describe('POST /api/invitations/import', () => {
  it('When a line has an address of another trust, then its row is byte-for-byte the row for a new address', async () => {
    const taken = other.email('headA')
    const fresh = `csvfresh.${unique()}@example.org`
    const urnA = s.bundle.schools![0]!.urn
    const res = await admin({ method: 'POST', url: '/api/invitations/import', payload: { csv: `email,role,school_urn\n${taken},teacher,${urnA}\n${fresh},teacher,${urnA}` } })
    expect(res.statusCode).toBe(200)
    const report = res.json()
    expect(report.counts).toEqual({ invited: 2, refused: 0 })
    const [rowTaken, rowFresh] = report.rows
    expect(without(JSON.stringify({ ...rowTaken, line: 0 }), taken)).toBe(without(JSON.stringify({ ...rowFresh, line: 0 }), fresh))
    expect(rowFresh).toEqual({ line: 3, email: fresh, role: 'teacher', schoolUrn: urnA, status: 'invited', reasons: [] })
    const mails = await mailsTo(t.database, taken)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.text).toContain('already has an account with another organisation')
    expect(mails[0]!.text).not.toMatch(/https?:\/\//)
    expect((await linkIn(t.database, fresh, '/accept-invitation')).origin).toBe(testConfig.publicUrl)
  })
})

describe('GET /api/invitations and POST /api/invitations/:id/resend', () => {
  it('When the admin re-sends a waiting invitation, then a new link goes out, the old one stops working, and the list shows it until it is accepted', async () => {
    const email = `waiting.${unique()}@example.org`
    await invite({ email, role: 'headteacher', schoolId: s.ids.B })
    const oldToken = tokenOf(await linkIn(t.database, email, '/accept-invitation'))
    const list = await admin({ method: 'GET', url: '/api/invitations' })
    expect(list.statusCode).toBe(200)
    const item = list.json().items.find((i: { email: string }) => i.email === email)
    expect(item).toEqual({
      id: expect.any(String), email, role: 'headteacher', schoolId: s.ids.B, schoolName: 'Test Academy B', invitedByName: 'admin Test',
      sentAt: expect.any(String), expiresAt: expect.any(String), expired: false,
    })
    expect((await admin({ method: 'GET', url: '/api/invitations' }, other)).json().items.map((i: { email: string }) => i.email)).not.toContain(email)

    const resent = await admin({ method: 'POST', url: `/api/invitations/${item.id}/resend`, headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } })
    expect(resent.statusCode).toBe(200)
    expect(resent.json()).toEqual({ email, role: 'headteacher', schoolId: s.ids.B, status: 'sent', expiresOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
    const newLink = await linkIn(t.database, email, '/accept-invitation', 2)
    expect(newLink.origin).toBe(testConfig.publicUrl)
    expect((await accept(oldToken)).statusCode).toBe(410)
    expect((await accept(tokenOf(newLink))).statusCode).toBe(200)
    expect((await admin({ method: 'GET', url: '/api/invitations' })).json().items.map((i: { email: string }) => i.email)).not.toContain(email)
    const again = await admin({ method: 'POST', url: `/api/invitations/${item.id}/resend` })
    expect(again.statusCode).toBe(409)
  })

  it("When another trust's admin re-sends this trust's invitation, then 404 and nothing is sent; a head gets 403", async () => {
    const email = `guarded.${unique()}@example.org`
    await invite({ email, role: 'central' })
    await linkIn(t.database, email, '/accept-invitation')
    const id = (await admin({ method: 'GET', url: '/api/invitations' })).json().items.find((i: { email: string }) => i.email === email).id
    expect((await admin({ method: 'POST', url: `/api/invitations/${id}/resend` }, other)).statusCode).toBe(404)
    expect((await as(t.app, await s.token('headA'))({ method: 'POST', url: `/api/invitations/${id}/resend` })).statusCode).toBe(403)
    expect((await as(t.app, await s.token('headA'))({ method: 'GET', url: '/api/invitations' })).statusCode).toBe(403)
    expect(await mailsTo(t.database, email)).toHaveLength(1)
  })
})
