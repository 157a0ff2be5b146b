import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../app.ts'
import type { Database } from '../db/client.ts'
import { deliverDueEmails, smtpDeliver } from '../notifications/outbox.ts'
import { testConfig } from '../../test/app.ts'
import { createTestDatabaseEnv } from '../../test/db.ts'
import { type TestSmtpServer, startSmtpServer } from '../../test/smtp.ts'
import { main } from './trust-create-cli.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const PUBLIC_URL = 'https://exchange.northfield.example'
const PASSWORD = 'kettle-harbour-violet-92'

let smtp: TestSmtpServer
let target: Awaited<ReturnType<typeof createTestDatabaseEnv>>
let env: Record<string, string>
beforeAll(async () => {
  smtp = await startSmtpServer()
  target = await createTestDatabaseEnv()
  env = { ...target.env, PUBLIC_URL, JWT_SECRET: testConfig.jwtSecret, LOG_LEVEL: 'silent' }
})
afterAll(async () => {
  await smtp?.stop()
  await target?.drop()
})

const run = async (argv: string[]) => {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env)
  return { code, out, err: err.join('\n') }
}

/** What the serving process does with the outbox: another process from the one that enqueued. */
const deliver = (database: Database) => deliverDueEmails(database.db, smtpDeliver(smtp.url, testConfig.mailFrom), { publicUrl: PUBLIC_URL })

describe('npm run trust:create (the operator)', () => {
  it('When the operator runs the command, then it prints one JSON line; the e-mail arrives with that link; the admin sets a password and signs in to a trust with the default framework', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['server/src/admin/trust-create-cli.ts', '--name', 'Northfield Learning Trust', '--admin', 'First.Admin@Northfield.example'],
      { cwd: ROOT, env: { ...process.env, ...env } },
    )
    expect(stderr).toBe('')
    const lines = stdout.split('\n').filter(Boolean)
    expect(lines).toHaveLength(1)
    const printed = JSON.parse(lines[0]!) as { trustId: string; invitationLink: string }
    expect(Object.keys(printed)).toEqual(['trustId', 'invitationLink'])
    expect(printed.invitationLink).toMatch(new RegExp(`^${PUBLIC_URL}/accept-invitation\\?token=[\\w-]{43}$`))

    const database = target.open()
    const app = await buildApp({ config: { ...testConfig, publicUrl: PUBLIC_URL }, database })
    try {
      expect(await deliver(database)).toBe(1)
      expect(await deliver(database)).toBe(0)
      const mail = await smtp.waitFor((m) => m.to.includes('first.admin@northfield.example'))
      expect(smtp.messages.filter((m) => m.to.includes('first.admin@northfield.example'))).toHaveLength(1)
      expect(mail.subject).toBe('Set up Northfield Learning Trust on Expertise Exchange')
      expect(mail.links).toEqual([printed.invitationLink])

      const token = new URL(mail.links[0]!).searchParams.get('token')
      const accepted = await app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token, name: 'Fatima Adeyemi', password: PASSWORD } })
      expect(accepted.statusCode).toBe(200)
      expect(accepted.json().person).toMatchObject({ email: 'first.admin@northfield.example', role: 'admin', trustId: printed.trustId, schoolId: null })

      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'first.admin@northfield.example', password: PASSWORD } })
      expect(login.statusCode).toBe(200)
      const areas = await app.inject({ method: 'GET', url: '/api/areas', headers: { authorization: `Bearer ${login.json().token}` } })
      expect(areas.json().items.map((a: { slug: string }) => a.slug)).toEqual(expect.arrayContaining(['curriculum', 'reading', 'safeguarding-practice', 'governance-and-finance']))
      const again = await app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token, name: 'Someone Else', password: PASSWORD } })
      expect(again.statusCode).toBe(410)
    } finally {
      await app.close()
      await database.close()
    }
  })

  it('When the e-mail already has an account, or already an invitation waiting, then exit 1 with a clear message and no trust', async () => {
    const taken = await run(['--name', 'Second Trust', '--admin', 'first.admin@northfield.example'])
    expect(taken).toMatchObject({ code: 1, out: [] })
    expect(taken.err).toBe('The trust was not created: first.admin@northfield.example already has an account in a trust on this service; choose another e-mail for this trust\'s admin.')

    const first = await run(['--name', 'Third Trust', '--admin', 'waiting@third.example'])
    expect(first.code).toBe(0)
    const waiting = await run(['--name', 'Fourth Trust', '--admin', 'waiting@third.example'])
    expect(waiting).toMatchObject({ code: 1, out: [] })
    expect(waiting.err).toMatch(/already has an invitation waiting to be accepted/)
  })

  it('When production runs it without PUBLIC_URL, then it refuses before touching the database (exit 2), since the link would be wrong', async () => {
    const out: string[] = []
    const err: string[] = []
    const code = await main(['--name', 'Prod Trust', '--admin', 'prod@trust.example'], { out: (l) => out.push(l), err: (l) => err.push(l) }, { ...target.env, NODE_ENV: 'production', JWT_SECRET: testConfig.jwtSecret })
    expect(code).toBe(2)
    expect(out).toEqual([])
    expect(err.join('\n')).toContain('PUBLIC_URL: required in production')
  })

  it.each([
    [[], '--name: Give the trust a name'],
    [['--name', 'Only a name'], '--admin: Enter an e-mail address like name@school.org'],
    [['--name', 'A trust', '--admin', 'not-an-email'], '--admin: Enter an e-mail address like name@school.org'],
    [['--name', 'A trust', '--admin', 'a@b.example', '--extra'], "Unknown option '--extra'"],
    [['positional'], 'Unexpected argument'],
  ])('When the arguments are %j, then the usage goes to stderr and the exit code is 2', async (argv, message) => {
    const res = await run(argv)
    expect(res.code).toBe(2)
    expect(res.out).toEqual([])
    expect(res.err).toContain(message)
    expect(res.err).toContain('Usage: npm run trust:create -- --name "Northfield Learning Trust" --admin admin@northfield.example.org')
  })
})
