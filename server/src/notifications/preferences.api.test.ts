import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOTIFICATION_KINDS } from '@ee/shared/notifications'
import { emailOutbox, notifications } from '../db/schema/index.ts'
import { type Api, type CommissioningSeed, offer, openRequest, seedCommissioning } from '../../test/commissioning.ts'
import { testConfig, useTestApp } from '../../test/app.ts'
import { type TestSmtpServer, startSmtpServer } from '../../test/smtp.ts'
import { londonDayAndHour, sendDueDigests } from './digest.ts'
import { type Notice, notify } from './notify.ts'
import { deliverDueEmails, smtpDeliver } from './outbox.ts'

const t = useTestApp()
let s: CommissioningSeed
let smtp: TestSmtpServer
let headA: Api, headB: Api, teacherA1: Api, teacherA2: Api, teacherB1: Api
beforeAll(async () => {
  s = await seedCommissioning(t.app)
  ;({ headA, headB, teacherA1, teacherA2, teacherB1 } = await s.apis('headA', 'headB', 'teacherA1', 'teacherA2', 'teacherB1'))
  smtp = await startSmtpServer()
})
afterAll(() => smtp?.stop())

const URL_PREFS = '/api/me/notification-preferences'
const deliver = () => deliverDueEmails(t.database.db, smtpDeliver(smtp.url, testConfig.mailFrom), { publicUrl: testConfig.publicUrl })
const outboxFor = (ref: string) => t.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, s.email(ref)))
const tell = (ref: string, over: Partial<Notice>) =>
  t.database.db.transaction((tx) => notify(tx, { personId: s.ids[ref]!, trustId: s.ids.t!, kind: 'request_stale', title: 'Something', body: 'Happened.', link: '/requests', ...over }))

describe('notification preferences', () => {
  it('When someone reads their preferences, then every kind is listed with its label and default', async () => {
    const res = await teacherB1({ method: 'GET', url: URL_PREFS })
    expect(res.statusCode).toBe(200)
    const kinds = res.json().kinds as { kind: string; label: string; delivery: string }[]
    expect(kinds.map((k) => k.kind)).toEqual([...NOTIFICATION_KINDS])
    expect(kinds.find((k) => k.kind === 'invitation_received')).toEqual({ kind: 'invitation_received', label: 'A head invites me to help', delivery: 'immediate' })
    expect(kinds.find((k) => k.kind === 'offer_received')!.delivery).toBe('immediate')
    expect(kinds.find((k) => k.kind === 'release_pending')!.delivery).toBe('immediate')
    expect(kinds.find((k) => k.kind === 'request_stale')!.delivery).toBe('digest')
    expect(kinds.find((k) => k.kind === 'case_published')!.delivery).toBe('digest')
  })

  it('When someone changes two kinds, then those two change for them only; unknown kinds and deliveries are named and nothing changes', async () => {
    const res = await teacherA2({ method: 'PUT', url: URL_PREFS, payload: { offer_accepted: 'digest', case_published: 'in_app' } })
    expect(res.statusCode).toBe(200)
    const mine = Object.fromEntries((res.json().kinds as { kind: string; delivery: string }[]).map((k) => [k.kind, k.delivery]))
    expect(mine).toMatchObject({ offer_accepted: 'digest', case_published: 'in_app', offer_declined: 'immediate' })
    expect((await teacherA2({ method: 'GET', url: URL_PREFS })).json()).toEqual(res.json())
    const theirs = (await teacherB1({ method: 'GET', url: URL_PREFS })).json().kinds as { kind: string; delivery: string }[]
    expect(theirs.find((k) => k.kind === 'offer_accepted')!.delivery).toBe('immediate')

    const bad = await teacherA2({ method: 'PUT', url: URL_PREFS, payload: { offer_accepted: 'weekly', not_a_kind: 'digest' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['not_a_kind', 'offer_accepted'])
    expect((await teacherA2({ method: 'GET', url: URL_PREFS })).json()).toEqual(res.json())
    expect((await t.app.inject({ method: 'GET', url: URL_PREFS })).statusCode).toBe(401)
  })

  it('When a kind is "immediate", then an e-mail arrives at once, its link on PUBLIC_URL', async () => {
    const requestId = await openRequest(headA, { title: 'Phonics for the youngest' })
    await offer(teacherB1, requestId, s.ids.eB1!)
    expect(await outboxFor('headA')).toHaveLength(1)
    await deliver()
    const mail = await smtp.waitFor((m) => m.to.includes(s.email('headA')))
    expect(mail.subject).toBe('New offer of help: “Phonics for the youngest”')
    expect(mail.links).toEqual([`${testConfig.publicUrl}/requests/${requestId}`])
  })

  it('When a kind is "in_app", then it shows in the app and no e-mail is ever sent, not even in the digest', async () => {
    await headB({ method: 'PUT', url: URL_PREFS, payload: { offer_received: 'in_app', request_stale: 'in_app' } })
    const before = (await outboxFor('headB')).length
    const requestId = await openRequest(headB, { title: 'Quiet please' })
    await offer(teacherA1, requestId, s.ids.eA1!)
    await tell('headB', { kind: 'request_stale', title: 'Quiet stale request' })
    const list = (await headB({ method: 'GET', url: '/api/notifications' })).json()
    expect(list.items.map((n: { title: string }) => n.title)).toEqual(expect.arrayContaining(['Quiet stale request', 'New offer of help: “Quiet please”']))
    await sendDueDigests(t.database.db, new Date('2027-01-12T17:00:00Z'), testConfig.publicUrl)
    expect(await outboxFor('headB')).toHaveLength(before)
  })

  it('When kinds are "digest", then nothing is e-mailed at once; from 4 pm one digest lists them, once a day even with two processes', async () => {
    await tell('teacherA2', { kind: 'request_stale', title: 'First digest item', link: '/requests/one' })
    await tell('teacherA2', { kind: 'offer_accepted', title: 'Second digest item', link: '/engagements/two' })
    expect(await outboxFor('teacherA2')).toEqual([])

    expect(await sendDueDigests(t.database.db, new Date('2027-01-12T15:59:00Z'), testConfig.publicUrl)).toBe(0)
    expect(await outboxFor('teacherA2')).toEqual([])

    const at = new Date('2027-01-12T17:00:00Z')
    await Promise.all([sendDueDigests(t.database.db, at, testConfig.publicUrl), sendDueDigests(t.database.db, at, testConfig.publicUrl)])
    await sendDueDigests(t.database.db, new Date('2027-01-12T21:00:00Z'), testConfig.publicUrl)
    const queued = await outboxFor('teacherA2')
    expect(queued).toHaveLength(1)
    await deliver()
    const mail = await smtp.waitFor((m) => m.to.includes(s.email('teacherA2')))
    expect(mail.subject).toBe('Your Expertise Exchange digest: 2 updates')
    expect(mail.text).toMatch(/First digest item[\s\S]*Second digest item/)
    expect(mail.links).toEqual([`${testConfig.publicUrl}/requests/one`, `${testConfig.publicUrl}/engagements/two`, `${testConfig.publicUrl}/notifications`])

    await tell('teacherA2', { kind: 'request_stale', title: 'Third, after the digest', link: null })
    await sendDueDigests(t.database.db, new Date('2027-01-12T22:00:00Z'), testConfig.publicUrl)
    expect(await outboxFor('teacherA2')).toHaveLength(1)
    await sendDueDigests(t.database.db, new Date('2027-01-13T16:30:00Z'), testConfig.publicUrl)
    const next = await outboxFor('teacherA2')
    expect(next).toHaveLength(2)
    expect(next.map((m) => m.subject)).toContain('Your Expertise Exchange digest: 1 update')
    const pending = await t.database.db.select().from(notifications).where(and(eq(notifications.personId, s.ids.teacherA2!), eq(notifications.delivery, 'digest')))
    expect(pending.every((n) => n.digestedAt !== null)).toBe(true)
  })

  it('The digest day and hour are the UK’s, across the change to summer time', () => {
    expect(londonDayAndHour(new Date('2027-01-12T16:00:00Z'))).toEqual({ day: '2027-01-12', hour: 16 })
    expect(londonDayAndHour(new Date('2027-06-12T15:00:00Z'))).toEqual({ day: '2027-06-12', hour: 16 })
    expect(londonDayAndHour(new Date('2027-06-12T23:30:00Z'))).toEqual({ day: '2027-06-13', hour: 0 })
  })
})
