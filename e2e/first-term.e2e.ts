import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Papa from 'papaparse'
import { type Browser, type Page, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type GiasSchool, giasCsv, toWindows1252 } from '../server/src/schools/gias-format.ts'
import { type TestSmtpServer, startSmtpServer } from '../server/test/smtp.ts'
import { CHROMIUM, screenshot } from './browser.ts'
import { ROOT, type RunningServer, freePort, freshDatabase, startServer } from './server.ts'

/**
 * A real trust's first day, as its operator and people would live it: the product in production mode
 * on an empty PostgreSQL database, e-mail through a real SMTP server (in this process), nothing seeded.
 */

const SCHOOLS_CSV = path.resolve(ROOT, '../shared/data/schools-england.csv')
const ADMIN = 'it.admin@first-term.example.org'
const HEAD = 'the.head@first-term.example.org'

type Row = { urn: string; name: string; phase: string; type: string; local_authority: string; postcode: string; lat: string; lng: string; trust_id: string; trust_name: string; status: string }

/** A real trust from GIAS: the first (by UID) with 6 to 10 open schools that all have a phase and coordinates. */
function realTrust(): { name: string; uid: string; schools: GiasSchool[] } {
  const rows = Papa.parse<Row>(readFileSync(SCHOOLS_CSV, 'utf8'), { header: true, skipEmptyLines: true }).data
  const byTrust = new Map<string, Row[]>()
  for (const r of rows) if (r.trust_id) byTrust.set(r.trust_id, [...(byTrust.get(r.trust_id) ?? []), r])
  const [uid, members] = [...byTrust].sort(([a], [b]) => Number(a) - Number(b)).find(([, rs]) => {
    const open = rs.filter((r) => r.status !== 'closed')
    return open.length >= 6 && open.length <= 10 && open.every((r) => r.phase && r.lat && r.lng && r.phase !== 'special' && r.phase !== 'alternative-provision')
  })!
  const schools = members.filter((r) => r.status !== 'closed').map((r): GiasSchool => ({
    urn: r.urn, name: r.name, phase: r.phase, type: r.type, postcode: r.postcode, lat: Number(r.lat), lng: Number(r.lng),
    trustId: r.trust_id, trustName: r.trust_name, status: r.status, localAuthority: r.local_authority,
  }))
  return { name: members[0]!.trust_name, uid, schools }
}

let smtp: TestSmtpServer
let server: RunningServer
let browser: Browser
let env: NodeJS.ProcessEnv
let dropDatabase: () => Promise<void>
const dataDir = mkdtempSync(path.join(tmpdir(), 'ee-first-term-'))

beforeAll(async () => {
  smtp = await startSmtpServer()
  const database = await freshDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', `ee_e2e_first_term_${process.pid}`)
  dropDatabase = database.drop
  const port = await freePort()
  const { SEED_DEMO: _unset, ...inherited } = process.env
  env = {
    ...inherited,
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SMTP_URL: smtp.url,
    OUTBOX_INTERVAL_MS: '500',
    LOG_LEVEL: 'info',
  }
  server = await startServer(env, port)
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await smtp?.stop()
  await dropDatabase?.()
  rmSync(dataDir, { recursive: true, force: true })
})

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 900 }, locale: 'en-GB', reducedMotion: 'reduce' })
  return context.newPage()
}

/** The operator's command, run as an operator would, against the same database and PUBLIC_URL. */
function trustCreate(name: string, admin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/admin/trust-create-cli.ts', '--name', name, '--admin', admin], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })
}

const STRONG = 'kettle harbour quietly 47 lanterns'
const STRONGER = 'orchard velvet compass 92 ferries'

describe('a real trust’s first day, in production mode', () => {
  const trust = realTrust()

  it('seeds no demo trust, and no demo account signs in', async () => {
    const res = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.example.org', password: 'demo-password-1' }),
    })
    expect(res.status).toBe(401)
    expect(server.output()).not.toContain('demo-password-1')
    expect(server.output()).not.toContain('demo.example.org')
  })

  it('the operator creates the trust; its admin joins from the e-mailed link and imports the schools from a GIAS download', async () => {
    const created = await trustCreate(trust.name, ADMIN)
    expect(created.stderr).toBe('')
    expect(created.code).toBe(0)
    const { trustId, invitationLink } = JSON.parse(created.stdout) as { trustId: string; invitationLink: string }
    expect(trustId).toMatch(/^[0-9a-f-]{36}$/)
    expect(invitationLink.startsWith(`${server.baseUrl}/accept-invitation?token=`)).toBe(true)

    const mail = await smtp.waitFor((m) => m.to.includes(ADMIN), 30_000)
    expect(mail.links).toContain(invitationLink)

    const page = await newPage()
    await page.goto(invitationLink)
    await page.getByLabel(/^Full name/).fill('Priya Admin')
    await page.getByLabel(/^Password/).fill(STRONG)
    await page.getByRole('button', { name: 'Create my account' }).click()
    await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor()
    // Production: the session lives in a __Host- cookie, which the browser keeps only when Secure, Path=/ and host-only.
    const session = (await page.context().cookies()).filter((c) => c.name.endsWith('ee_session'))
    expect(session.map((c) => ({ name: c.name, secure: c.secure, httpOnly: c.httpOnly, sameSite: c.sameSite, path: c.path, domain: c.domain })))
      .toEqual([{ name: '__Host-ee_session', secure: true, httpOnly: true, sameSite: 'Strict', path: '/', domain: '127.0.0.1' }])

    // The file exactly as GIAS serves it (its columns, Easting/Northing, Windows-1252), with two broken lines of the trust.
    const broken: GiasSchool[] = [
      { urn: 'not-a-urn', name: 'Broken Row Primary', phase: 'primary', lat: 53.7, lng: -1.8, trustId: trust.uid, trustName: trust.name },
      { urn: 999_991, name: 'No Place Academy', phase: 'secondary', lat: null, lng: null, trustId: trust.uid, trustName: trust.name },
    ]
    const file = path.join(dataDir, 'edubasealldata.csv')
    writeFileSync(file, toWindows1252(giasCsv([...trust.schools, ...broken])))

    await page.goto('/admin/schools')
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByLabel('CSV file').click()])
    await chooser.setFiles(file)
    await page.getByLabel('By the trust’s name').check()
    await page.getByLabel('Trust name').fill(trust.name)
    await page.getByRole('button', { name: 'Preview import' }).click()
    const report = page.getByRole('region', { name: /import/i })
    await expect.poll(() => report.textContent(), { timeout: 30_000 }).toContain(`${trust.schools.length} schools will be added`)
    await expect.poll(() => report.textContent()).toContain('2 lines would be refused')
    await screenshot(page, 'first-term-gias-preview')
    await page.getByRole('button', { name: 'Apply import' }).click()
    await expect.poll(() => report.textContent(), { timeout: 30_000 }).toContain(`${trust.schools.length} schools were added`)
    await page.goto('/admin/schools')
    for (const s of trust.schools) await page.getByRole('cell', { name: s.name }).first().waitFor()

    // Two clusters, and the schools moved into them in two goes.
    await page.goto('/admin/clusters')
    for (const name of ['North hub', 'South hub']) {
      await page.getByLabel('New cluster name').fill(name)
      await page.getByRole('button', { name: 'Create cluster' }).click()
      await page.getByRole('button', { name: `Rename ${name}` }).waitFor()
    }
    const half = Math.ceil(trust.schools.length / 2)
    for (const [name, group] of [['North hub', trust.schools.slice(0, half)], ['South hub', trust.schools.slice(half)]] as const) {
      for (const s of group) await page.getByLabel(`Select ${s.name}`).check()
      await page.getByLabel('Move to').selectOption({ label: name })
      await page.getByRole('button', { name: 'Move selected schools' }).click()
      await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringContaining(`${group.length} schools moved to ${name}`))
    }
    await screenshot(page, 'first-term-clusters')

    // The head of the first school, invited from a CSV.
    await page.goto('/admin/people')
    await page.getByRole('button', { name: 'Invite from a CSV' }).click()
    await page.getByLabel('Or paste the CSV here').fill(`email,role,school_urn\n${HEAD},headteacher,${trust.schools[0]!.urn}\n`)
    await page.getByRole('button', { name: 'Send invitations' }).click()
    await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringContaining('1 person was invited; 0 lines were refused'))
  })

  it('the head joins from the e-mailed link, forgets the password, resets it from a second e-mail, and the old session is refused', async () => {
    const invitation = await smtp.waitFor((m) => m.to.includes(HEAD), 30_000)
    const link = invitation.links.find((l) => l.includes('/accept-invitation?token='))!
    expect(link.startsWith(server.baseUrl)).toBe(true)
    const headPage = await newPage()
    await headPage.goto(link)
    await headPage.getByLabel(/^Full name/).fill('Sam Head')
    await headPage.getByLabel(/^Password/).fill(STRONG)
    await headPage.getByRole('button', { name: 'Create my account' }).click()
    await headPage.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor()

    // Another day, another browser: the password is forgotten.
    const page = await newPage()
    await page.goto('/login')
    await page.getByRole('link', { name: 'Forgotten your password?' }).click()
    await page.getByLabel(/^E-mail/).fill(HEAD)
    await page.getByRole('button', { name: 'Send me a link' }).click()
    const reset = await smtp.waitFor((m) => m.to.includes(HEAD) && m.links.some((l) => l.includes('/reset-password?token=')), 30_000)
    const resetLink = reset.links.find((l) => l.includes('/reset-password?token='))!
    expect(resetLink.startsWith(server.baseUrl)).toBe(true)
    await page.goto(resetLink)
    await page.getByLabel(/^New password\s*\*?$/).fill(STRONGER)
    await page.getByLabel(/^New password again/).fill(STRONGER)
    await page.getByRole('button', { name: 'Set my new password' }).click()
    await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor()

    // The session from before the reset is over: the first browser is sent to sign in.
    await headPage.reload()
    await headPage.getByRole('button', { name: 'Sign in' }).waitFor()
    expect(headPage.url()).toMatch(/\/login/)

    // And the new password is the one that works.
    const res = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: HEAD, password: STRONGER }),
    })
    expect(res.status).toBe(200)
    expect(server.output()).not.toContain(STRONG)
    expect(server.output()).not.toContain(STRONGER)
  })
})
