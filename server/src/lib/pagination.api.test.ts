import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../db/client.ts'
import { useTestApp } from '../../test/app.ts'
import { type Api, type CommissioningSeed, offer, openRequest, seedCommissioning } from '../../test/commissioning.ts'

/**
 * IN-2: every GET route of the OpenAPI document whose answer has an `items` array takes `limit` (with a
 * maximum) and `cursor`, never answers more than its maximum, and following `nextCursor` reaches every
 * row exactly once. Where a list can grow without bound, more rows than the maximum are seeded in bulk.
 */
const t = useTestApp()
let s: CommissioningSeed
let api: Record<'headA' | 'headB' | 'teacherB1' | 'central' | 'admin', Api>
let requestId: string
let engagementId: string

/** Copies a row `n` times in one statement, each copy with a new id and the given columns overridden (SQL per copy, `g` = 1..n). */
async function cloneRows(table: string, where: string, n: number, overrides: string) {
  // Generated columns (full-text search) are left for the database to compute.
  const [{ cols } = { cols: '' }] = await queryRows<{ cols: string }>(t.database.db, sql`
    select string_agg(quote_ident(column_name), ', ' order by ordinal_position) cols from information_schema.columns
    where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'`)
  await t.database.db.execute(sql.raw(`
    insert into ${table} (${cols})
    select ${cols} from (
      select (jsonb_populate_record(null::${table}, to_jsonb(src) || jsonb_build_object('id', gen_random_uuid()${overrides ? `, ${overrides}` : ''}))).*
      from (select * from ${table} where ${where} limit 1) src, generate_series(1, ${n}) g
    ) copies`))
}

beforeAll(async () => {
  s = await seedCommissioning(t.app, { releaseB: 0, capacityB1: 40 })
  api = await s.apis('headA', 'headB', 'teacherB1', 'central', 'admin')
  requestId = await openRequest(api.headA)
  const offerId = await offer(api.teacherB1, requestId, s.ids.eB1!, 2)
  engagementId = (await api.headA({ method: 'POST', url: `/api/offers/${offerId}/accept` })).json().engagementId as string
  for (let i = 0; i < 3; i++) {
    const id = await openRequest(api.headA)
    await offer(api.teacherB1, id, s.ids.eB1!, 1)
  }
  const trust = `'${s.ids.t}'`
  // More rows than each maximum: people and invitations (100), requests (200), schools, clusters and areas (500), notifications (100).
  await cloneRows('people', `id = '${s.ids.teacherA2}'`, 130, `'email', 'bulk' || g || '.${s.ids.t}@example.org', 'name', 'Bulk Person ' || g`)
  await t.database.db.execute(sql.raw(`
    insert into invitations (trust_id, school_id, email, role, token_hash, invited_by_id, expires_at, created_at)
    select ${trust}, null, 'invited' || g || '.${s.ids.t}@example.org', 'central', md5('${s.ids.t}' || g), '${s.ids.admin}', now() + interval '14 days', now()
    from generate_series(1, 130) g`))
  await cloneRows('requests', `id = '${requestId}'`, 230, `'title', 'Bulk request ' || g, 'status', 'draft'`)
  await cloneRows('schools', `id = '${s.ids.B}'`, 520, `'urn', 80000000 + g + (random() * 1000000)::int * 1000, 'name', 'Bulk School ' || g`)
  await cloneRows('clusters', `trust_id = ${trust}`, 520, `'name', 'Bulk Cluster ' || g`)
  await cloneRows('areas', `trust_id = ${trust} and parent_id is not null`, 520, `'slug', 'bulk-area-' || g, 'name', 'Bulk Area ' || g`)
  await cloneRows('notifications', `person_id = '${s.ids.headA}'`, 130, `'title', 'Bulk notice ' || g`)
})

/** Who reads each list, and the concrete path. A list route missing here fails the test: add it, and its rows. */
const ROUTES: Record<string, { who: keyof typeof api; path: () => string; seededOver?: boolean }> = {
  '/api/people': { who: 'admin', path: () => '/api/people', seededOver: true },
  '/api/admin/audit': { who: 'admin', path: () => '/api/admin/audit' },
  '/api/invitations': { who: 'admin', path: () => '/api/invitations', seededOver: true },
  '/api/requests': { who: 'headA', path: () => '/api/requests', seededOver: true },
  '/api/schools': { who: 'admin', path: () => '/api/schools', seededOver: true },
  '/api/clusters': { who: 'admin', path: () => '/api/clusters', seededOver: true },
  '/api/areas': { who: 'admin', path: () => '/api/areas', seededOver: true },
  '/api/notifications': { who: 'headA', path: () => '/api/notifications', seededOver: true },
  '/api/engagements': { who: 'headA', path: () => '/api/engagements' },
  '/api/releases': { who: 'headB', path: () => '/api/releases' },
  '/api/engagements/{id}/colleagues': { who: 'headB', path: () => `/api/engagements/${engagementId}/colleagues` },
  '/api/requests/{id}/offers': { who: 'headA', path: () => `/api/requests/${requestId}/offers` },
  '/api/cases': { who: 'headA', path: () => '/api/cases' },
  '/api/expertise': { who: 'headA', path: () => '/api/expertise' },
  '/api/expertise/mine': { who: 'teacherB1', path: () => '/api/expertise/mine' },
  '/api/flows/balance': { who: 'central', path: () => '/api/flows/balance' },
  '/api/flows/supply-demand': { who: 'central', path: () => '/api/flows/supply-demand' },
  '/api/flows/time-to-commission': { who: 'central', path: () => '/api/flows/time-to-commission' },
  '/api/flows/open-requests': { who: 'central', path: () => '/api/flows/open-requests' },
  '/api/flows/links/{from}/{to}': { who: 'central', path: () => `/api/flows/links/${s.ids.B}/${s.ids.A}?period=academic-year` },
}
/** Lists that are not pages of a longer list, with the reason. */
const NOT_PAGED: Record<string, string> = {
  '/api/requests/{id}/similar-cases': 'the five nearest cases, by design (docs/design.md §3)',
}

type OpenApi = { paths: Record<string, { get?: { parameters?: { in: string; name: string; schema?: { maximum?: number } }[]; responses: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, { type?: string }> } }> }> } }> }

function listRoutes(doc: OpenApi) {
  return Object.entries(doc.paths).flatMap(([path, item]) => {
    const get = item.get
    const schema = get?.responses['200']?.content?.['application/json']?.schema
    if (!get || schema?.properties?.items?.type !== 'array') return []
    const limit = get.parameters?.find((p) => p.in === 'query' && p.name === 'limit')
    const cursor = get.parameters?.find((p) => p.in === 'query' && p.name === 'cursor')
    return [{ path, max: limit?.schema?.maximum, hasCursor: cursor !== undefined }]
  })
}

const key = (item: unknown) => JSON.stringify(item)
const withQuery = (path: string, q: string) => `${path}${path.includes('?') ? '&' : '?'}${q}`

async function walk(who: Api, path: string, limit: number, max: number) {
  const seen: string[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 1000; pages++) {
    const res = await who({ method: 'GET', url: withQuery(path, `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`) })
    expect(res.statusCode, `${path}: ${res.body.slice(0, 300)}`).toBe(200)
    const body = res.json<{ items: unknown[]; nextCursor: string | null }>()
    expect(body.items.length).toBeLessThanOrEqual(Math.min(limit, max))
    seen.push(...body.items.map(key))
    cursor = body.nextCursor
    if (!cursor) return seen
  }
  throw new Error(`${path}: more than 1000 pages`)
}

describe('IN-2: no list answers more than its maximum, and its pages reach every row exactly once', () => {
  it('When the OpenAPI document is walked, then every GET answering `items` takes limit (with a maximum) and cursor, and each is listed here', async () => {
    const routes = listRoutes(t.app.swagger() as unknown as OpenApi)
    expect(routes.length).toBeGreaterThanOrEqual(15)
    for (const r of routes) {
      if (NOT_PAGED[r.path]) continue
      expect(ROUTES[r.path], `${r.path} answers a list: add it to ROUTES with its reader`).toBeDefined()
      expect(r.max, `${r.path} needs a limit with a maximum`).toBeGreaterThan(0)
      expect(r.hasCursor, `${r.path} needs a cursor`).toBe(true)
    }
  })

  it('When each list is followed page by page, then no page passes the maximum, no row comes twice, the default page is within the maximum, and small pages reach the same rows as large ones', async () => {
    const routes = listRoutes(t.app.swagger() as unknown as OpenApi).filter((r) => !NOT_PAGED[r.path])
    for (const r of routes) {
      const { who, path, seededOver } = ROUTES[r.path]!
      const max = r.max!
      const reader = api[who]
      const first = await reader({ method: 'GET', url: path() })
      expect(first.statusCode, `${r.path}: ${first.body.slice(0, 300)}`).toBe(200)
      expect(first.json().items.length, r.path).toBeLessThanOrEqual(max)

      const whole = await walk(reader, path(), max, max)
      expect(new Set(whole).size, `${r.path}: a row came twice`).toBe(whole.length)
      if (seededOver) expect(whole.length, `${r.path}: more rows than ${max} were seeded`).toBeGreaterThan(max)
      const small = await walk(reader, path(), 7, max)
      expect([...small].sort(), `${r.path}: pages of 7 reach other rows than pages of ${max}`).toEqual([...whole].sort())

      const over = await reader({ method: 'GET', url: withQuery(path(), `limit=${max + 1}`) })
      expect(over.statusCode, r.path).toBe(400)
      expect(over.json().errors, r.path).toContainEqual({ path: 'limit', message: `Ask for at most ${max} at a time` })
    }
  }, 300_000)

  it('When every row of the bulk-seeded lists is counted in the database, then following the pages reaches each one', async () => {
    const [row] = await queryRows<{ people: number; schools: number; notifications: number }>(t.database.db, sql`
      select (select count(*)::int from people where trust_id = ${s.ids.t}) people,
             (select count(*)::int from schools where trust_id = ${s.ids.t}) schools,
             (select count(*)::int from notifications where person_id = ${s.ids.headA}) notifications`)
    expect((await walk(api.admin, '/api/people', 100, 100)).length).toBe(row!.people)
    expect((await walk(api.admin, '/api/schools', 500, 500)).length).toBe(row!.schools)
    expect((await walk(api.headA, '/api/notifications', 100, 100)).length).toBe(row!.notifications)
  })

  it('When the cursor is not one the server gave, then 400 names cursor', async () => {
    for (const cursor of ['not-a-cursor', 'cDk5OTk5OTk5OTk5', '!!']) {
      const res = await api.admin({ method: 'GET', url: `/api/people?cursor=${encodeURIComponent(cursor)}` })
      expect(res.statusCode).toBe(400)
      expect(res.json().errors).toContainEqual({ path: 'cursor', message: 'That cursor is not one this server gave; start again from the first page' })
    }
  })
})
