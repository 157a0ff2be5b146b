import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emailOutbox } from '../db/schema/index.ts'
import { testConfig, useTestApp } from '../../test/app.ts'
import { unique } from '../../test/bundle.ts'
import { type TestSmtpServer, startSmtpServer } from '../../test/smtp.ts'
import { type Deliver, deliverDueEmails, enqueueEmail, smtpDeliver } from './outbox.ts'

const t = useTestApp()
let smtp: TestSmtpServer
beforeAll(async () => {
  smtp = await startSmtpServer()
})
afterAll(() => smtp?.stop())

const options = { publicUrl: testConfig.publicUrl, retryBaseMs: 300 }
const toSmtp = () => smtpDeliver(smtp.url, testConfig.mailFrom)
const arrivedFor = (to: string) => smtp.messages.filter((m) => m.to.includes(to))
const row = async (to: string) => (await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, to)))[0]!
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('the e-mail outbox, delivered to a real SMTP server', () => {
  it('When twelve e-mails are committed and two workers race for them, then each arrives exactly once, with its app link on PUBLIC_URL', async () => {
    const u = unique()
    const addresses = Array.from({ length: 12 }, (_, i) => `race.${i}.${u}@example.org`)
    await t.database.db.transaction(async (tx) => {
      for (const to of addresses) await enqueueEmail(tx, { trustId: null, to, subject: `Hello ${to}`, text: 'Something happened.', link: '/requests/42' })
    })
    // A slow server widens the window in which both workers look at the same rows.
    const slow: Deliver = async (email) => {
      await sleep(20)
      await toSmtp()(email)
    }
    const [a, b] = await Promise.all([deliverDueEmails(t.database.db, slow, options), deliverDueEmails(t.database.db, slow, options)])
    expect(a + b).toBe(12)
    expect(await deliverDueEmails(t.database.db, toSmtp(), options)).toBe(0)
    for (const to of addresses) {
      const got = arrivedFor(to)
      expect(got).toHaveLength(1)
      expect(got[0]!.subject).toBe(`Hello ${to}`)
      expect(got[0]!.text).toContain(`Open it in Expertise Exchange: ${testConfig.publicUrl}/requests/42`)
      expect(got[0]!.links).toEqual([`${testConfig.publicUrl}/requests/42`])
    }
  })

  it('When the change that wrote the e-mail rolls back, then nothing is sent', async () => {
    const to = `rolled.back.${unique()}@example.org`
    await expect(
      t.database.db.transaction(async (tx) => {
        await enqueueEmail(tx, { trustId: null, to, subject: 'Never', text: 'This change did not happen.' })
        throw new Error('the change fails after writing its e-mail')
      }),
    ).rejects.toThrow('the change fails')
    await deliverDueEmails(t.database.db, toSmtp(), options)
    expect(await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, to))).toEqual([])
    expect(arrivedFor(to)).toEqual([])
  })

  it('When the server answers 421 (down), then the e-mail waits with back-off and arrives once the server is back', async () => {
    const to = `while.down.${unique()}@example.org`
    await enqueueEmail(t.database.db, { trustId: null, to, subject: 'Patience', text: 'It will come.' })
    smtp.setDown(true)
    try {
      expect(await deliverDueEmails(t.database.db, toSmtp(), options)).toBe(0)
      expect(await row(to)).toMatchObject({ attempts: 1, sentAt: null, lastError: expect.stringMatching(/421/) })
      expect(await deliverDueEmails(t.database.db, toSmtp(), options)).toBe(0)
      expect((await row(to)).attempts).toBe(1)
    } finally {
      smtp.setDown(false)
    }
    expect(await deliverDueEmails(t.database.db, toSmtp(), options)).toBe(0)
    await sleep(options.retryBaseMs + 100)
    expect(await deliverDueEmails(t.database.db, toSmtp(), options)).toBe(1)
    expect(arrivedFor(to)).toHaveLength(1)
    expect(await row(to)).toMatchObject({ attempts: 2, sentAt: expect.any(Date) })
  })

  it('When nothing listens (connection refused), then the e-mail is retried and arrives when a server starts on that address', async () => {
    const to = `refused.${unique()}@example.org`
    const gone = await startSmtpServer()
    await gone.stop()
    await enqueueEmail(t.database.db, { trustId: null, to, subject: 'Knock knock', text: 'Anyone there?' })
    const toGone = smtpDeliver(gone.url, testConfig.mailFrom)
    expect(await deliverDueEmails(t.database.db, toGone, options)).toBe(0)
    expect(await row(to)).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED/) })
    const back = await startSmtpServer({ port: gone.port })
    try {
      await sleep(options.retryBaseMs + 100)
      expect(await deliverDueEmails(t.database.db, toGone, options)).toBe(1)
      expect(back.messages.filter((m) => m.to.includes(to))).toHaveLength(1)
    } finally {
      await back.stop()
    }
  })
})
