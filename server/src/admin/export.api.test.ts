import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../app.ts'
import type { Database } from '../db/client.ts'
import { DEMO_BUNDLE } from './seed.ts'
import { importBundle, parseBundle } from './import.service.ts'
import { as, login, testConfig, useTestApp } from '../../test/app.ts'
import { settableClock } from '../../test/clock.ts'
import type { Api } from '../../test/commissioning.ts'
import { createTestDatabaseEnv } from '../../test/db.ts'
import { linkIn, tokenOf } from '../../test/outbox.ts'

/**
 * Issue 14, item 1: the admin exports the trust's bundle; the operator imports it into an empty
 * database with `npm run import -- FILE`; every list, case and flows figure reads the same there, for
 * the same people. Ids differ between the two databases: each new id is read back as the ref (the old
 * id) it was minted for, so the two answers are compared whole.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const DEMO_PASSWORD = 'demo-password-1'
const NEW_PASSWORD = 'kettle-harbour-violet-92'
// The demo trust's rows are stamped by the database's own clock; the app's is today, held still.
const clock = settableClock(new Date().toISOString())
const day = (offset: number) => new Date(clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10)
const t = useTestApp({ clock })

const SIGN_INS = ['head@demo.example.org', 'head2@demo.example.org', 'teacher@demo.example.org', 'central@demo.example.org', 'admin@demo.example.org']
let readers: string[]
let apis1: Record<string, Api>
let bundle: Record<string, unknown>
let exportBody: string
let exportHeaders: Record<string, unknown>
let target: Awaited<ReturnType<typeof createTestDatabaseEnv>>
let database2: Database
let app2: FastifyInstance
let apis2: Record<string, Api>
/** Old id (the ref) → new id, and back. */
let newIdOf: Record<string, string>
let oldIdOf: Map<string, string>
let dir: string

type Page = { items: unknown[]; nextCursor?: string | null }
const get = async (who: Api, url: string) => {
  const res = await who({ method: 'GET', url })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`)
  return res.json<Record<string, unknown>>()
}
const withQuery = (url: string, q: string) => `${url}${url.includes('?') ? '&' : '?'}${q}`
async function everyItem(who: Api, url: string) {
  const items: unknown[] = []
  let cursor: string | null | undefined
  let rest: Record<string, unknown> = {}
  do {
    const body = (await get(who, cursor ? withQuery(url, `cursor=${encodeURIComponent(cursor)}`) : url)) as Page & Record<string, unknown>
    const { items: page, nextCursor, ...others } = body
    items.push(...page)
    rest = others
    cursor = nextCursor
  } while (cursor)
  return { ...rest, items }
}

beforeAll(async () => {
  const parsed = parseBundle(JSON.parse(await readFile(DEMO_BUNDLE, 'utf8')))
  if (!parsed.ok) throw new Error('demo bundle invalid')
  await importBundle(t.app.db, parsed.bundle)
  const signIn = async (email: string) => as(t.app, await login(t.app, email, DEMO_PASSWORD))
  const admin = await signIn('admin@demo.example.org')
  const central = await signIn('central@demo.example.org')

  // What a trust does after its start, more than the demo bundle says, which the export must carry:
  // a request commissioned today, a session logged with its note, more days asked for.
  readers = SIGN_INS
  const ok = (status: number, res: { statusCode: number; body: string }) => expect(res.statusCode, res.body.slice(0, 300)).toBe(status)
  const head = await signIn('head@demo.example.org')
  const expert = await signIn('teacher@demo.example.org')
  const raised = await head({ method: 'POST', url: '/api/requests', payload: {
    title: 'Fluency in times tables for Year 4', problem: 'Year 4 pupils recall multiplication facts slowly, which holds back their written methods.',
    tried: 'Daily chanting and an online practice tool.', outcome: 'Most of Year 4 recall facts within six seconds by the check.',
    areas: ['mathematics'], subjects: ['maths'], phases: ['primary'], modes: ['coaching'], expertsWanted: 1, daysPerExpert: 1,
    window: { start: day(0), end: day(40) }, confidentiality: 'trust',
  } })
  ok(201, raised)
  const requestId = raised.json<{ id: string }>().id
  ok(200, await head({ method: 'POST', url: `/api/requests/${requestId}/publish` }))
  const entry = ((await get(expert, '/api/expertise/mine')).items as { id: string; title: string }[]).find((e) => /number fluency/i.test(e.title))!
  const offered = await expert({ method: 'POST', url: `/api/requests/${requestId}/offers`, payload: { expertiseId: entry.id, message: 'Our Year 4 went from slow recall to fluent in a term.', days: 1 } })
  ok(201, offered)
  const accepted = await head({ method: 'POST', url: `/api/offers/${offered.json<{ id: string }>().id}/accept` })
  ok(200, accepted)
  const engagementId = accepted.json<{ engagementId: string; release: string }>().engagementId
  if (accepted.json<{ release: string }>().release === 'pending') ok(200, await (await signIn('head2@demo.example.org'))({ method: 'POST', url: `/api/releases/${engagementId}/approve` }))
  ok(201, await expert({ method: 'POST', url: `/api/engagements/${engagementId}/logs`, payload: { date: day(0), days: 0.5, note: 'Observed two maths lessons; fed back to the lead.' } }))
  ok(201, await expert({ method: 'POST', url: `/api/engagements/${engagementId}/extensions`, payload: { days: 1, reason: 'One more session to see the new groups settle in.' } }))
  ok(200, await expert({ method: 'PUT', url: '/api/me/notification-preferences', payload: { offer_received: 'digest' } }))
  ok(200, await expert({ method: 'PATCH', url: '/api/me/availability', payload: { paused: true } }))
  ok(201, await admin({ method: 'POST', url: '/api/clusters', payload: { name: 'Bath (forming)' } }))
  ok(201, await admin({ method: 'POST', url: '/api/invitations', payload: { email: 'new.deputy@demo.example.org', role: 'central' } }))
  ok(200, await admin({ method: 'PUT', url: '/api/calendar/2027', payload: {
    terms: [
      { name: 'autumn', start: '2027-09-02', end: '2027-12-17', halfTerm: { start: '2027-10-25', end: '2027-10-29' } },
      { name: 'spring', start: '2028-01-04', end: '2028-03-31', halfTerm: { start: '2028-02-14', end: '2028-02-18' } },
      { name: 'summer', start: '2028-04-18', end: '2028-07-19', halfTerm: { start: '2028-05-29', end: '2028-06-02' } },
    ],
    closures: [{ date: '2027-09-02', label: 'INSET day' }],
  } }))
  const notices = (await get(head, '/api/notifications')).items as { id: string }[]
  if (notices[0]) ok(200, await head({ method: 'POST', url: `/api/notifications/${notices[0].id}/read` }))
  const oracy = await central({ method: 'POST', url: '/api/areas', payload: { slug: 'oracy-pilot', name: 'Oracy pilot', description: 'Tried for a term.' } })
  ok(201, oracy)
  ok(200, await central({ method: 'PATCH', url: `/api/areas/${oracy.json<{ id: string }>().id}`, payload: { retired: true } }))

  exportedAt = new Date().toISOString()
  const res = await admin({ method: 'GET', url: '/api/admin/export' })
  ok(200, res)
  exportBody = res.body
  exportHeaders = res.headers
  bundle = res.json()

  // The operator's path: the file, `npm run import -- FILE`, an empty database.
  dir = await mkdtemp(path.join(tmpdir(), 'ee-export-'))
  const file = path.join(dir, 'trust.json')
  await writeFile(file, exportBody)
  target = await createTestDatabaseEnv()
  const { stdout } = await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/src/admin/import-cli.ts', file], {
    cwd: ROOT, env: { ...process.env, ...target.env, JWT_SECRET: testConfig.jwtSecret, LOG_LEVEL: 'silent' }, maxBuffer: 64 * 1024 * 1024,
  })
  newIdOf = (JSON.parse(stdout) as { ids: Record<string, string> }).ids
  oldIdOf = new Map(Object.entries(newIdOf).map(([ref, id]) => [id, ref]))

  database2 = target.open()
  app2 = await buildApp({ config: testConfig, database: database2, clock })
  await app2.ready()
  // No password came across: each person chooses one again through "Forgotten your password?".
  for (const email of readers) {
    ok(202, await app2.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } }))
    const token = tokenOf(await linkIn(database2, email, '/reset-password'))
    ok(200, await app2.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password: NEW_PASSWORD } }))
  }
  // Signed in the same way, at the same moment, in both: "last active" reads the same.
  apis1 = Object.fromEntries(await Promise.all(readers.map(async (e) => [e, await signIn(e)] as const)))
  apis2 = Object.fromEntries(await Promise.all(readers.map(async (e) => [e, as(app2, await login(app2, e, NEW_PASSWORD))] as const)))
}, 300_000)

afterAll(async () => {
  await app2?.close()
  await database2?.close()
  await target?.drop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
/** Every id of the new database read back as the old id it was made for; items in a stable order. */
function asOld(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(UUID, (id) => oldIdOf.get(id) ?? id)
  if (Array.isArray(value)) return value.map(asOld)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asOld(v)]))
  return value
}
/**
 * A view in a form both databases can be compared in. Lists as sets: rows with equal sort keys
 * (the demo's rows share their creation instant) come in id order, and ids differ. "Last active" of
 * the people who signed in after the export is the sign-in itself, not data that was exported.
 */
function canonical(value: unknown, exportedAt: string): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, exportedAt)).map((v) => JSON.stringify(v)).sort().map((v) => JSON.parse(v) as unknown)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'lastActiveAt' && typeof v === 'string' && v >= exportedAt ? 'signed in since the export' : canonical(v, exportedAt)]))
  }
  return value
}
let exportedAt: string
const sorted = (view: unknown) => canonical(view, exportedAt)
const inNew = (url: string) => url.replace(UUID, (id) => newIdOf[id] ?? id)

/** Reads one view in both databases as the same person and expects the same answer. */
async function same(email: string, url: string, opts: { whole?: boolean } = {}) {
  const read = (api: Api, u: string) => (opts.whole ? get(api, u) : everyItem(api, u))
  const before = sorted(await read(apis1[email]!, url))
  const after = sorted(asOld(await read(apis2[email]!, inNew(url))))
  expect(after, `${email} ${url}`).toEqual(before)
  return before as Record<string, unknown>
}

describe('Export the trust, import it into an empty database (issue 14)', () => {
  it('When the admin exports, then the file is an attachment holding a valid bundle with no password hashes or link tokens', () => {
    expect(exportHeaders['content-type']).toBe('application/json; charset=utf-8')
    expect(exportHeaders['content-disposition']).toBe(`attachment; filename="futura-learning-partnership-${day(0)}.json"`)
    const parsed = parseBundle(bundle)
    expect(parsed.ok ? [] : parsed.errors).toEqual([])
    expect(exportBody).not.toMatch(/argon2|password|tokenHash|token_hash/i)
    const sections = bundle as Record<string, unknown[]>
    expect(sections.people!.length).toBe(84)
    expect(sections.invitations).toEqual([expect.objectContaining({ email: 'new.deputy@demo.example.org', role: 'central' })])
    expect(sections.extensions).toHaveLength(1)
    expect(sections.calendar).toEqual([expect.objectContaining({ academicYear: 2027 })])
  })

  it('When a teacher or the central team asks for the export, then 403 and nothing is sent', async () => {
    for (const email of ['teacher@demo.example.org', 'central@demo.example.org', 'head@demo.example.org']) {
      const res = await apis1[email]!({ method: 'GET', url: '/api/admin/export' })
      expect(res.statusCode).toBe(403)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
  })

  it('When each person reads every list after the import, then each answers exactly as before it', async () => {
    for (const email of readers) {
      for (const url of ['/api/requests', '/api/schools', '/api/clusters', '/api/areas', '/api/notifications', '/api/engagements', '/api/cases', '/api/expertise', '/api/expertise/mine', '/api/me/notification-preferences']) {
        await same(email, url, { whole: url === '/api/me/notification-preferences' })
      }
    }
    await same('admin@demo.example.org', '/api/people')
    await same('admin@demo.example.org', '/api/invitations')
    for (const email of ['head@demo.example.org', 'head2@demo.example.org']) {
      await same(email, '/api/releases')
      const requests = (await everyItem(apis1[email]!, '/api/requests?mine=true')).items as { id: string }[]
      expect(requests.length).toBeGreaterThan(0)
      for (const r of requests) {
        await same(email, `/api/requests/${r.id}`, { whole: true })
        await same(email, `/api/requests/${r.id}/offers`)
        await same(email, `/api/requests/${r.id}/similar-cases`)
      }
    }
  }, 300_000)

  it('When every case is opened after the import, then each reads as before: problem, approach, outcome, impact, schools and areas', async () => {
    const cases = (await everyItem(apis1['central@demo.example.org']!, '/api/cases')).items as { id: string }[]
    expect(cases.length).toBe(25)
    for (const c of cases) await same('central@demo.example.org', `/api/cases/${c.id}`, { whole: true })
  })

  it('When the central team and a head read the flows for this term and the year, then every figure is the same, link by link', async () => {
    for (const email of ['central@demo.example.org', 'head@demo.example.org']) {
      for (const period of ['this-term', 'academic-year', 'last-term']) {
        const graph = await same(email, `/api/flows?period=${period}`, { whole: true })
        for (const view of ['balance', 'supply-demand', 'time-to-commission', 'open-requests']) await same(email, `/api/flows/${view}?period=${period}`)
        await same(email, `/api/flows/left-behind?period=${period}`, { whole: true })
        for (const link of graph.links as { from: string; to: string }[]) await same(email, `/api/flows/links/${link.from}/${link.to}?period=${period}`)
      }
    }
    const year = await get(apis1['central@demo.example.org']!, '/api/flows?period=academic-year')
    expect((year.links as unknown[]).length).toBeGreaterThan(5)
  }, 300_000)

  it('When the imported calendar is read, then the trust\'s own term dates and closure day came across', async () => {
    await same('admin@demo.example.org', '/api/calendar?year=2027', { whole: true })
  })
})
