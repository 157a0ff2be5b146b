import { createHmac } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { HTTPMethods, InjectOptions } from 'fastify'
import { testConfig, useTestApp } from '../test/app.ts'
import { canEver, whyNot } from './lib/policy.ts'
import { CODES, type Cell, type Column, FORGED, MATRIX, PRINCIPALS, type Principal, type Row, WHO } from '../test/authz/matrix.ts'
import { type Api, type Owner, type World, buildWorld, canaryTitle, confidentialProblem, rowChecksum } from '../test/authz/world.ts'

/**
 * The authorization matrix (RELIABILITY §1.3–1.4: AZ-1, AZ-2, AZ-3, AZ-4, AZ-7): every registered route ×
 * 11 signed-in principals of two trusts × own / other-school / other-trust objects, plus anon and four forged
 * tokens. The expected statuses live in server/test/authz/matrix.ts; a failure names the cell.
 */
const t = useTestApp()
let T1: World
let T2: World
const apis = {} as Record<Principal, Api>
const forged = {} as Record<(typeof FORGED)[number], string>
/** Every answer given to a principal, for the canary checks (AZ-7). */
const seen: { who: Principal; call: string; status: number; body: string }[] = []
const counts = { cases: 0, mismatches: 0, refusedWrites: 0, changedByRefusal: 0 }

const ROLE = Object.fromEntries(PRINCIPALS.map((p) => [p, WHO[p].ref.startsWith('head') ? 'headteacher' : WHO[p].ref.startsWith('teacher') ? 'teacher' : WHO[p].ref])) as Record<Principal, 'headteacher' | 'teacher' | 'central' | 'admin'>
const worldOf = (who: Principal) => (WHO[who].trust === 'T1' ? T1 : T2)
const addressOf = (n: number) => `10.0.${Math.floor(n / 250)}.${(n % 250) + 1}`
let calls = 0

beforeAll(async () => {
  T1 = await buildWorld(t.app, 'T1')
  T2 = await buildWorld(t.app, 'T2')
  for (const who of PRINCIPALS) apis[who] = await worldOf(who).api(WHO[who].ref)
  const claims = { sub: T1.ref('headA'), tid: T1.ref('t'), ims: Date.now() }
  const now = Math.floor(Date.now() / 1000)
  forged['alg none'] = jwt({ alg: 'none', typ: 'JWT' }, { ...claims, iat: now, exp: now + 600, iss: 'expertise-exchange', aud: 'ee-session' }, null)
  forged.expired = jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now - 7200, exp: now - 3600, iss: 'expertise-exchange', aud: 'ee-session' })
  forged['wrong aud'] = jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now, exp: now + 600, iss: 'expertise-exchange', aud: 'another-app' })
  const good = jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now, exp: now + 600, iss: 'expertise-exchange', aud: 'ee-session' })
  const [h, , s] = good.split('.')
  forged.tampered = `${h}.${b64({ ...claims, sub: T1.ref('admin'), iat: now, exp: now + 600, iss: 'expertise-exchange', aud: 'ee-session' })}.${s}`
}, 240_000)

function b64(x: object) {
  return Buffer.from(JSON.stringify(x)).toString('base64url')
}
function jwt(header: object, payload: object, secret: string | null = testConfig.jwtSecret) {
  const unsigned = `${b64(header)}.${b64(payload)}`
  return `${unsigned}.${secret === null ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url')}`
}

const methodOf = (row: Row) => row.route.split(' ')[0] as HTTPMethods
const pathOf = (row: Row) => row.route.split(' ')[1]!
const okOf = (row: Row) => row.ok ?? 200

/** Pools of fresh objects: index 0 is shared by refused calls, allowed writes take 1, 2, … */
const used = new Map<string, number>()
function objectFor(row: Row, w: World, owner: Owner, fresh: boolean): string {
  if (!fresh) return w.object(row.kind!, owner, 0)
  const key = `${w.name}:${row.kind}:${owner}`
  const i = (used.get(key) ?? 0) + 1
  used.set(key, i)
  return w.object(row.kind!, owner, i)
}

function request(row: Row, c: Cell): InjectOptions {
  const url = row.url ? row.url(c) : pathOf(row).replace(':id', c.id)
  const query = row.query?.(c)
  const body = row.body?.(c)
  return { method: methodOf(row), url: query ? `${url}?${new URLSearchParams(query)}` : url, ...(body === undefined ? {} : { payload: body as object }), headers: row.headers }
}

type Planned = { name: string; who: Principal; expected: number; opts: InjectOptions; write: boolean }

/** The cells of one row: who calls what, expecting which status. */
function plan(row: Row): Planned[] {
  const out: Planned[] = []
  const codeOf = (cells: string, i: number) => cells.replace(' ', '')[i]!
  const status = (code: string) => (code === 'Y' ? okOf(row) : CODES[code as keyof typeof CODES])
  const write = methodOf(row) !== 'GET'
  if (row.cells) {
    PRINCIPALS.forEach((who, i) => {
      const mine = worldOf(who)
      const c: Cell = { who, id: '', column: null, w: mine, owner: 'A', mine }
      out.push({ name: `${row.route} as ${who}`, who, expected: status(codeOf(row.cells!, i)), opts: request(row, c), write })
    })
  }
  for (const [column, cells] of Object.entries(row.columns ?? {}) as [Column, string][]) {
    const w = column === 'T2' ? T2 : T1
    const owner: Owner = column === 'B' ? 'B' : 'A'
    PRINCIPALS.forEach((who, i) => {
      const code = codeOf(cells, i)
      const id = objectFor(row, w, owner, code === 'Y' && row.fresh === true)
      const c: Cell = { who, id, column, w, owner, mine: worldOf(who) }
      out.push({ name: `${row.route} as ${who} on ${column}'s object`, who, expected: status(code), opts: request(row, c), write })
    })
  }
  return out
}

async function runRow(row: Row): Promise<string[]> {
  const mismatches: string[] = []
  const template = row.cells || row.columns ? plan(row) : []
  // anon and forged tokens: 401 on every route that needs a person, whatever the body.
  const sample = template[0]?.opts ?? request(row, { who: 'headA', id: '00000000-0000-4000-8000-000000000000', column: null, w: T1, owner: 'A', mine: T1 })
  const outsiders: [string, Record<string, string>][] = [['anon', {}], ...FORGED.map((f) => [f, { authorization: `Bearer ${forged[f]}` }] as [string, Record<string, string>])]
  const fresh = () => (row.public === undefined ? sample : request(row, { who: 'headA', id: '', column: null, w: T1, owner: 'A', mine: T1 }))
  for (const [who, headers] of outsiders) {
    const opts = fresh()
    const res = await t.app.inject({ ...opts, headers: { ...opts.headers, ...headers }, remoteAddress: addressOf(calls++) })
    counts.cases++
    const expected = row.public ?? 401
    if (res.statusCode !== expected) mismatches.push(`${row.route} as ${who}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 200)}`)
  }
  if (row.public !== undefined) {
    const res = await apis.headA({ ...fresh(), remoteAddress: addressOf(calls++) })
    counts.cases++
    if (res.statusCode !== row.public) mismatches.push(`${row.route} as headA: expected ${row.public}, got ${res.statusCode} ${res.body.slice(0, 200)}`)
    return mismatches
  }
  for (const cell of template) {
    const refusedWrite = cell.write && cell.expected >= 400
    const before = refusedWrite ? await rowChecksum(t.database.db) : ''
    const res = await apis[cell.who]({ ...cell.opts, remoteAddress: addressOf(calls++) })
    counts.cases++
    seen.push({ who: cell.who, call: cell.name, status: res.statusCode, body: res.body })
    if (res.statusCode !== cell.expected) mismatches.push(`${cell.name}: expected ${cell.expected}, got ${res.statusCode} ${res.body.slice(0, 300)}`)
    if (res.statusCode >= 400 && !res.headers['content-type']?.toString().startsWith('application/problem+json')) mismatches.push(`${cell.name}: ${res.statusCode} is not problem+json`)
    if (refusedWrite) {
      counts.refusedWrites++
      if ((await rowChecksum(t.database.db)) !== before) {
        counts.changedByRefusal++
        mismatches.push(`${cell.name}: refused with ${res.statusCode} but rows changed`)
      }
    }
  }
  return mismatches
}

describe('the authorization matrix', () => {
  it('AZ-1: lists every registered /api route, and every route it lists is registered', () => {
    const registered = t.app.routeRegistry.map((r) => `${r.method} ${r.url}`)
    const listed = MATRIX.map((r) => r.route)
    console.info(`AZ-1: routes listed ${new Set(listed.filter((r) => registered.includes(r))).size} / routes registered ${registered.length}`)
    expect(registered.filter((r) => !listed.includes(r)), 'registered routes missing from server/test/authz/matrix.ts').toEqual([])
    expect(listed.filter((r) => !registered.includes(r)), 'matrix rows with no such route').toEqual([])
    expect(listed.length, 'each route once').toBe(new Set(listed).size)
  })

  it.each(MATRIX.filter((r) => !r.last).map((r) => [r.route, r] as const))('AZ-2/3: %s', async (_route, row) => {
    const mismatches = await runRow(row)
    counts.mismatches += mismatches.length
    expect(mismatches).toEqual([])
  })

  it('AZ-4: another trust (and, for school-scoped data, another school) finds none of this trust’s canaries in any list, search, flow or CSV', async () => {
    const t1Canaries = [
      canaryTitle('T1'), T1.ref('open_A_0'), T1.ref('eng_A_0'), T1.ref('eA1'), T1.ref('headA'), T1.ref('A'), T1.object('case', 'A', 0),
      ...T1.emailsOf('A'), ...T1.emailsOf('B'),
    ]
    const lists = MATRIX.filter((r) => methodOf(r) === 'GET' && !r.kind && !r.public && !pathOf(r).includes(':'))
    const urls = lists.flatMap((r) => {
      const p = pathOf(r)
      const extra = p.startsWith('/api/flows') ? [`${p}?format=csv`, `${p}?period=academic-year`] : p === '/api/requests' ? [`${p}?status=open,commissioned,completed,draft,withdrawn`] : []
      return [p, ...extra]
    })
    urls.push('/api/expertise?q=Canary', '/api/cases?q=Canary', '/api/requests?q=Canary')
    let hits = 0
    let responses = 0
    for (const who of ['headC', 'teacherC', 'centralT2', 'adminT2'] as const) {
      for (const url of urls) {
        const res = await apis[who]({ method: 'GET', url, remoteAddress: addressOf(calls++) })
        responses++
        for (const canary of t1Canaries) {
          if (!res.body.includes(canary)) continue
          hits++
          console.error(`AZ-4 canary ${canary} reached ${who} through ${url}`)
        }
      }
      const similar = await apis[who]({ method: 'POST', url: '/api/cases/similar', payload: { title: canaryTitle('T1'), problem: 'Pupils read below their age.', areas: ['reading'] } })
      responses++
      for (const canary of t1Canaries) if (similar.body.includes(canary)) hits++
    }
    // School-scoped data: school B's head and teacher never see school A's drafts or its confidential request.
    const schoolA = [T1.ref('draft_A_0'), `${canaryTitle('T1')} draft_A_0`, T1.ref('conf_A'), confidentialProblem('T1 A')]
    for (const who of ['headB', 'teacherB1'] as const) {
      for (const url of urls) {
        const res = await apis[who]({ method: 'GET', url, remoteAddress: addressOf(calls++) })
        responses++
        for (const canary of schoolA) {
          if (!res.body.includes(canary)) continue
          hits++
          console.error(`AZ-4 canary ${canary} reached ${who} through ${url}`)
        }
      }
    }
    console.info(`AZ-4: ${responses} responses, ${t1Canaries.length} trust canaries, ${schoolA.length} school canaries, canary hits ${hits}`)
    expect(hits).toBe(0)
  })

  it('AZ-7: no answer to anyone without the right holds a password hash, another school’s staff e-mail or a confidential problem', () => {
    let hits = 0
    for (const r of seen) {
      const mine = WHO[r.who]
      const found: string[] = []
      if (r.body.includes('$argon2')) found.push('$argon2')
      for (const w of [T1, T2]) {
        for (const school of ['A', 'B'] as const) {
          const ownSchool = mine.trust === w.name && mine.school === school
          const admin = mine.trust === w.name && r.who.startsWith('admin')
          // The trust's export carries every word of its requests to its own administrator (docs/decisions/014-trust-export.md).
          const ownExport = admin && r.call.startsWith('GET /api/admin/export ')
          if (r.body.includes(confidentialProblem(`${w.name} ${school}`)) && !(ownSchool && WHO[r.who].ref.startsWith('head')) && !ownExport) found.push(`confidential problem of ${w.name} ${school}`)
          // Staff e-mails of another trust, always; of another school, unless you are the trust's administrator.
          if (!ownSchool && !admin) for (const email of w.emailsOf(school)) if (r.body.includes(email)) found.push(`${email} (${w.name} school ${school})`)
        }
      }
      if (found.length) {
        hits += found.length
        console.error(`AZ-7: ${r.call} (${r.status}) shows ${found.join(', ')}`)
      }
    }
    console.info(`AZ-7: ${seen.length} answers read, canary hits ${hits}`)
    expect(hits).toBe(0)
  })
})

describe('authorization before validation (docs/design.md §10)', () => {
  it('A role that can never do a route’s action gets 403 with the reason, whatever the body, query or id, on every such route', async () => {
        let cases = 0
    const wrong: string[] = []
    for (const route of t.app.routeRegistry) {
      if (route.access === 'public' || route.access === 'signed-in') continue
      const actions = typeof route.access === 'string' ? [route.access] : route.access
      const url = `${route.url.replace(/:[a-z]+/g, 'not-an-id')}?limit=nonsense&year=abc&format=xml&status=%00`
      for (const who of PRINCIPALS) {
        if (canEver(ROLE[who], actions)) continue
        for (const payload of route.method === 'GET' || route.method === 'DELETE' ? [undefined] : [{ nonsense: true }, '{"not json', 'x'.repeat(300_000)]) {
          const res = await apis[who]({ method: route.method, url, payload, headers: payload === undefined ? {} : { 'content-type': 'application/json' }, remoteAddress: addressOf(calls++) })
          cases++
          const body = res.json<{ status: number; detail: string }>()
          if (res.statusCode !== 403 || body.detail !== whyNot(actions[0] as never)) wrong.push(`${route.method} ${route.url} as ${who}: ${res.statusCode} ${body.detail}`)
        }
      }
    }
    console.info(`authorization before validation: ${cases} refused calls with invalid input, ${wrong.length} answered otherwise than 403`)
    expect(wrong).toEqual([])
    expect(cases).toBeGreaterThan(300)
  })
})

describe('after every other call', () => {
  it('signs out last: POST /api/auth/logout, then prints the figures', async () => {
    const mismatches = (await Promise.all(MATRIX.filter((r) => r.last).map(runRow))).flat()
    counts.mismatches += mismatches.length
    console.info(`AZ-2/3: cases run ${counts.cases}, mismatches ${counts.mismatches}; refused writes ${counts.refusedWrites}, rows changed by a refusal ${counts.changedByRefusal}`)
    expect(mismatches).toEqual([])
  })
})
