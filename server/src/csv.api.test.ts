import { sql } from 'drizzle-orm'
import Papa from 'papaparse'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Api, WINDOW, commissioningBundle, offer, openRequest } from '../test/commissioning.ts'
import { as, useTestApp } from '../test/app.ts'
import { seed } from '../test/bundle.ts'
import { settableClock } from '../test/clock.ts'

/**
 * Every list answers `?format=csv` (issue 14, item 1): the list routes are found in the OpenAPI
 * document, as the pagination test finds them, so a new list without CSV fails here. Each CSV starts
 * with a UTF-8 byte-order mark, has a header row, carries as many rows as every JSON page together
 * (same filters), and no cell of it can run as a formula in a spreadsheet.
 */
const FORMULA = '=HYPERLINK("http://x")'
const t = useTestApp({ clock: settableClock('2027-02-15T10:00:00Z') })

type Readers = 'headA' | 'headB' | 'teacherB1' | 'central' | 'admin'
let api: Record<Readers, Api>
let ids: Record<string, string>
let openId: string
let secretId: string
let engagementId: string

beforeAll(async () => {
  // The names a spreadsheet would run: a school, a cluster, people, an expertise entry, requests.
  const b = commissioningBundle({ capacityB1: 20, extraExperts: 1 })
  b.schools![0]!.name = `${FORMULA} school A`
  b.schools![1]!.cluster = `${FORMULA} cluster`
  for (const p of b.people!) if (p.ref === 'teacherB1' || p.ref === 'admin' || p.ref === 'expertB0') p.name = `${FORMULA} ${p.ref}`
  b.expertise![0]!.title = `${FORMULA} reading recovery`
  b.requests = [{
    ref: 'done', school: 'A', raisedBy: 'headA', title: `${FORMULA} phonics catch-up`, problem: 'Year 3 pupils who missed phonics cannot decode.',
    areas: ['reading'], subjects: ['english'], phases: ['primary'], modes: ['coaching'], expertsWanted: 1, daysPerExpert: 2,
    window: { ...WINDOW }, status: 'completed', publishedAt: '2027-01-05T09:00:00Z',
  }]
  b.offers = [{ ref: 'o-done', request: 'done', expertise: 'eB1', message: 'I can coach your phonics lead.', days: 2, status: 'accepted' }]
  b.engagements = [{
    ref: 'g-done', offer: 'o-done', status: 'completed', startedAt: '2027-01-11', completedAt: '2027-02-01', daysDelivered: 2, impact: 4,
    headReflection: 'Decoding came on within weeks.', expertReflection: 'We coached the lead through daily practice.',
  }]
  const seeded = await seed(t.app, b)
  ids = seeded.ids
  api = Object.fromEntries(await Promise.all((['headA', 'headB', 'teacherB1', 'central', 'admin'] as const).map(async (r) => [r, as(t.app, await seeded.token(r))] as const))) as Record<Readers, Api>

  const reading = (await api.central({ method: 'GET', url: '/api/areas' })).json<{ items: { id: string; slug: string }[] }>().items.find((a) => a.slug === 'reading')!
  expect((await api.central({ method: 'PATCH', url: `/api/areas/${reading.id}`, payload: { name: `${FORMULA} Reading` } })).statusCode).toBe(200)
  expect((await api.central({ method: 'POST', url: '/api/areas', payload: { slug: 'formula-area', name: `${FORMULA} area` } })).statusCode).toBe(201)

  openId = await openRequest(api.headA, { title: `${FORMULA} Year 7 reading` })
  const offerId = await offer(api.teacherB1, openId, ids.eB1!, 2)
  expect((await api.headA({ method: 'POST', url: `/api/offers/${offerId}/accept` })).statusCode).toBe(200)
  engagementId = (await api.headA({ method: 'GET', url: '/api/engagements?as=receiving' })).json<{ items: { id: string }[] }>().items[0]!.id
  await openRequest(api.headA, { title: 'Another open request' })
  secretId = await openRequest(api.headA, { title: 'Secret behaviour review', confidentiality: 'invited' })
  expect((await api.admin({ method: 'POST', url: '/api/invitations', payload: { email: `new.${ids.t}@example.org`, role: 'central' } })).statusCode).toBe(201)
  // Notification titles are the product's own words; one is given a formula as stored text.
  await t.database.db.execute(sql`update notifications set title = ${`${FORMULA} notice`} where id = (select id from notifications where person_id = ${ids.headA} limit 1)`)
}, 120_000)

/** Who reads each list, at which path (with filters where the list has them). A list route missing here fails the test. */
const ROUTES: Record<string, { who: Readers; path: () => string; extraCsvRows?: number }> = {
  '/api/people': { who: 'admin', path: () => '/api/people?active=true' },
  '/api/invitations': { who: 'admin', path: () => '/api/invitations' },
  '/api/requests': { who: 'headA', path: () => '/api/requests?mine=true&status=open,commissioned,completed' },
  '/api/schools': { who: 'admin', path: () => '/api/schools' },
  '/api/clusters': { who: 'admin', path: () => '/api/clusters' },
  '/api/areas': { who: 'central', path: () => '/api/areas' },
  '/api/notifications': { who: 'headA', path: () => '/api/notifications' },
  '/api/engagements': { who: 'headA', path: () => '/api/engagements?as=receiving' },
  '/api/releases': { who: 'headB', path: () => '/api/releases?status=all' },
  '/api/requests/{id}/offers': { who: 'headA', path: () => `/api/requests/${openId}/offers` },
  '/api/requests/{id}/similar-cases': { who: 'headA', path: () => `/api/requests/${openId}/similar-cases` },
  '/api/cases': { who: 'headA', path: () => '/api/cases?area=reading' },
  '/api/expertise': { who: 'headA', path: () => '/api/expertise?area=reading' },
  '/api/expertise/mine': { who: 'teacherB1', path: () => '/api/expertise/mine' },
  '/api/flows/balance': { who: 'central', path: () => '/api/flows/balance' },
  '/api/flows/supply-demand': { who: 'central', path: () => '/api/flows/supply-demand' },
  // The file ends with the "All areas" row, the figure the page shows under the table.
  '/api/flows/time-to-commission': { who: 'central', path: () => '/api/flows/time-to-commission', extraCsvRows: 1 },
  '/api/flows/open-requests': { who: 'central', path: () => '/api/flows/open-requests' },
  '/api/flows/links/{from}/{to}': { who: 'central', path: () => `/api/flows/links/${ids.B}/${ids.A}` },
  '/api/engagements/{id}/colleagues': { who: 'headB', path: () => `/api/engagements/${engagementId}/colleagues` },
  '/api/admin/audit': { who: 'admin', path: () => '/api/admin/audit' },
}

type OpenApi = { paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, { type?: string }> } }> }> } }> }

/** Every GET of the OpenAPI document whose answer is a list of `items`. */
function listRoutes(doc: OpenApi) {
  return Object.entries(doc.paths).flatMap(([path, item]) => {
    const schema = item.get?.responses['200']?.content?.['application/json']?.schema
    return schema?.properties?.items?.type === 'array' ? [path] : []
  })
}

const withQuery = (path: string, q: string) => `${path}${path.includes('?') ? '&' : '?'}${q}`

async function everyJsonItem(who: Api, path: string) {
  const items: unknown[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 1000; pages++) {
    const res = await who({ method: 'GET', url: cursor ? withQuery(path, `cursor=${encodeURIComponent(cursor)}`) : path })
    expect(res.statusCode, `${path}: ${res.body.slice(0, 300)}`).toBe(200)
    const body = res.json<{ items: unknown[]; nextCursor?: string | null }>()
    items.push(...body.items)
    cursor = body.nextCursor ?? null
    if (!cursor) return items
  }
  throw new Error(`${path}: more than 1000 pages`)
}

function parseCsv(body: string) {
  const parsed = Papa.parse<string[]>(body.replace(/^\uFEFF/, ''), { skipEmptyLines: true })
  expect(parsed.errors).toEqual([])
  return parsed.data
}

describe('CSV for every list (issue 14)', () => {
  it('When the OpenAPI document is walked, then every list route is listed here to be downloaded as CSV', () => {
    const routes = listRoutes(t.app.swagger() as unknown as OpenApi)
    expect(routes.length).toBeGreaterThanOrEqual(19)
    for (const path of routes) expect(ROUTES[path], `${path} answers a list: add it to ROUTES with its reader`).toBeDefined()
  })

  it('When each list is downloaded with ?format=csv, then it is a UTF-8 CSV file with a BOM, a header row, every row of every JSON page under the same filters, and no cell that runs as a formula', async () => {
    const routes = listRoutes(t.app.swagger() as unknown as OpenApi)
    let formulaCells = 0
    for (const route of routes) {
      const { who, path, extraCsvRows = 0 } = ROUTES[route]!
      const items = await everyJsonItem(api[who], path())
      const res = await api[who]({ method: 'GET', url: withQuery(path(), 'format=csv') })
      expect(res.statusCode, `${route}: ${res.body.slice(0, 300)}`).toBe(200)
      expect(res.headers['content-type'], route).toBe('text/csv; charset=utf-8')
      expect(res.headers['content-disposition'], route).toMatch(/^attachment; filename="[a-z0-9-]+\.csv"$/)
      expect(res.rawPayload.subarray(0, 3).toString('hex'), `${route}: UTF-8 byte-order mark`).toBe('efbbbf')
      const [header, ...rows] = parseCsv(res.body)
      expect(header!.length, route).toBeGreaterThan(1)
      expect(header!.every((h) => h.trim() !== ''), `${route}: every column has a heading`).toBe(true)
      expect(rows.length, `${route}: one row per item of every page`).toBe(items.length + extraCsvRows)
      expect(items.length, `${route}: the test world gives this list rows`).toBeGreaterThan(0)
      for (const cell of rows.flat()) {
        expect(cell, `${route}: a cell starts like a formula`).not.toMatch(/^[=+@\t\r]/)
        // Inside a cell (the JSON of an audit detail) the words are harmless; at its start they are escaped.
        if (cell.startsWith(`'${FORMULA}`)) formulaCells += 1
      }
      expect(rows.flat().some((c) => c.startsWith(`'${FORMULA}`)), `${route}: the stored =HYPERLINK(…) comes back escaped`).toBe(true)
    }
    expect(formulaCells).toBeGreaterThan(routes.length)
  }, 180_000)

  it('When the central team downloads the requests, then a confidential request is named "Confidential request", exactly as in JSON', async () => {
    const json = await everyJsonItem(api.central, '/api/requests')
    expect(json).toContainEqual(expect.objectContaining({ id: secretId, title: 'Confidential request' }))
    const res = await api.central({ method: 'GET', url: '/api/requests?format=csv' })
    expect(res.body).not.toContain('Secret behaviour review')
    expect(parseCsv(res.body).map((r) => r[0])).toContain('Confidential request')
  })

  it('When people are downloaded filtered to one role, then the file holds exactly that role, as the screen does', async () => {
    const res = await api.admin({ method: 'GET', url: '/api/people?role=teacher&format=csv' })
    const [header, ...rows] = parseCsv(res.body)
    expect(header).toEqual(['Name', 'E-mail', 'Role', 'School', 'Active', 'Paused', 'Last active'])
    expect(rows.map((r) => r[2])).toEqual(['Teacher', 'Teacher', 'Teacher', 'Teacher'])
    expect(res.headers['content-disposition']).toBe('attachment; filename="people-2027-02-15.csv"')
  })

  it('When the format is neither json nor csv, then 400 names format', async () => {
    const res = await api.admin({ method: 'GET', url: '/api/people?format=xlsx' })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toContainEqual({ path: 'format', message: 'Choose json or csv' })
  })
})
