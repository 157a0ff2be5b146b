import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { formatPath, ProblemSchema } from '@ee/shared/problem'
import { text } from '@ee/shared/common'
import { as, useTestApp } from '../test/app.ts'
import { type Seeded, seed, trustBundle } from '../test/bundle.ts'
import { type JsonSchema, type Operation, arbitraryFor, fillPath, operations, placeAt, stringPaths, unbounded } from '../test/openapi.ts'

/**
 * Never a 5xx from input (docs/design.md §9, RELIABILITY IN-1): every string a request carries is
 * checked for what PostgreSQL cannot store, and every string and list is bounded. Both are read off
 * the app's own OpenAPI document, so a route added tomorrow is covered without touching this file.
 */

const t = useTestApp()
let s: Seeded
let ops: Operation[]
const PRINCIPALS = ['admin', 'headA', 'teacherA1', 'central'] as const
let tokens: string[]
let ip = 0

beforeAll(async () => {
  s = await seed(t.app, trustBundle())
  tokens = await Promise.all(PRINCIPALS.map((p) => s.token(p)))
  ops = operations(t.app)
})

/** Real values for path parameters, so that a failure is the field's and not a 404. */
const pathParams = (op: Operation) =>
  Object.fromEntries(Object.keys(op.params).map((name, i) => [name, name === 'year' ? '2026' : [s.ids.A!, s.ids.B!][i % 2]!]))

/** Sends as each principal in turn (a route may refuse a role before it validates) until one gets past authorisation. */
async function send(op: Operation, url: string, payload: unknown) {
  const answers = []
  for (const token of tokens) {
    ip += 1
    const res = await as(t.app, token)({
      method: op.method,
      url,
      remoteAddress: `10.12.${(ip >> 8) & 255}.${ip & 255}`,
      ...(payload === undefined ? {} : { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) }),
    })
    answers.push(res)
    if (res.statusCode !== 401 && res.statusCode !== 403) break
  }
  return answers
}

/** A body that passes its schema's shape, so that the query string is what gets validated (Fastify checks the body first). */
const bodyFor = (op: Operation) => (op.body ? fc.sample(arbitraryFor(op.body, { ids: [s.ids.A!], slugs: [], emails: [] }), { numRuns: 1, seed: 12 })[0] : undefined)
const isFreeText = (schema: JsonSchema | undefined) => !!schema && !schema.format && !schema.pattern && !schema.enum

function schemaAt(schema: JsonSchema | undefined, path: (string | number)[]): JsonSchema | undefined {
  let at = schema
  for (const key of path) {
    const branch: JsonSchema | undefined = at?.anyOf?.find((b) => b.properties || b.items) ?? at
    at = typeof key === 'number' ? branch?.items : branch?.properties?.[key]
  }
  return at?.anyOf?.find((b) => b.type === 'string') ?? at
}

describe('text that cannot be stored', () => {
  it('When the shared text() schema meets a null byte or half a surrogate pair, then it refuses it and says what to remove', () => {
    const result = text().max(50).safeParse('Year 6\u0000 reading')
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toBe('This contains a character that cannot be stored (a null byte); remove it')
    expect(text().safeParse('broken \ud83d emoji').error?.issues[0]?.message).toBe(
      'This contains a character that cannot be stored (half of a character, such as a broken emoji); remove it',
    )
    expect(text().safeParse('whole 🙂 emoji, café, naïve').success).toBe(true)
  })

  it('When any string field of any route body carries a NUL or a lone surrogate, then the answer is 400 naming that field, never a 5xx', async () => {
    const checked: string[] = []
    const failures: string[] = []
    for (const op of ops) {
      for (const path of stringPaths(op.body)) {
        for (const bad of ['a\u0000b', 'a\ud800b']) {
          const answers = await send(op, fillPath(op.path, pathParams(op)), placeAt(path, bad))
          const last = answers.at(-1)!
          const where = `${op.method} ${op.path} body ${formatPath(path) || '(body)'} ${JSON.stringify(bad)}`
          checked.push(where)
          if (answers.some((a) => a.statusCode >= 500)) failures.push(`${where}: ${answers.map((a) => a.statusCode).join(',')}`)
          const problem = ProblemSchema.safeParse(last.json())
          const named = problem.data?.errors?.filter((e) => e.path === formatPath(path)) ?? []
          if (last.statusCode !== 400 || named.length === 0) {
            failures.push(`${where}: ${last.statusCode} ${last.body.slice(0, 300)}`)
          } else if (isFreeText(schemaAt(op.body, path)) && !named.some((e) => /cannot be stored/.test(e.message))) {
            failures.push(`${where}: 400 without saying what cannot be stored: ${JSON.stringify(named)}`)
          }
        }
      }
    }
    console.log(`NUL/surrogate walk: ${checked.length} body fields × characters checked over ${ops.length} operations`)
    expect(failures).toEqual([])
    expect(checked.length).toBeGreaterThan(100)
  })

  it('When a query string or path parameter carries a NUL, then the answer is 400 naming it; an invalid UTF-8 surrogate is never a 5xx', async () => {
    const failures: string[] = []
    let checked = 0
    for (const op of ops) {
      const params = pathParams(op)
      for (const [name, schema] of Object.entries(op.query)) {
        if (!stringPaths(schema).length) continue
        for (const [raw, mustRefuse] of [['a%00b', true], ['a%ED%A0%80b', false]] as const) {
          const url = `${fillPath(op.path, params)}?${encodeURIComponent(name)}=${raw}`
          const answers = await send(op, url, bodyFor(op))
          const last = answers.at(-1)!
          checked += 1
          if (answers.some((a) => a.statusCode >= 500)) failures.push(`${op.method} ${url}: ${last.statusCode} ${last.body.slice(0, 200)}`)
          if (mustRefuse && (last.statusCode !== 400 || !last.json<{ errors?: { path: string }[] }>().errors?.some((e) => e.path === name))) {
            failures.push(`${op.method} ${url}: ${last.statusCode} ${last.body.slice(0, 300)}`)
          }
        }
      }
      for (const name of Object.keys(op.params)) {
        const url = fillPath(op.path, { ...params, [name]: '\u0000' }).replace('%00', 'a%00b')
        const answers = await send(op, url, bodyFor(op))
        const last = answers.at(-1)!
        checked += 1
        if (last.statusCode !== 400 || !last.json<{ errors?: { path: string }[] }>().errors?.some((e) => e.path === name)) {
          failures.push(`${op.method} ${url}: ${last.statusCode} ${last.body.slice(0, 300)}`)
        }
      }
    }
    console.log(`NUL walk: ${checked} query and path parameters checked`)
    expect(failures).toEqual([])
    expect(checked).toBeGreaterThan(50)
  })

  it('When people search, expertise search, case search and flows get q=%00 or cluster=%00, then each is a 400 naming the parameter', async () => {
    const head = as(t.app, await s.token('headA'))
    const central = as(t.app, await s.token('central'))
    for (const [who, url, field] of [
      [head, '/api/expertise?q=%00', 'q'],
      [head, '/api/cases?q=%00', 'q'],
      [as(t.app, await s.token('admin')), '/api/people?q=ab%00', 'q'],
      [central, '/api/flows?cluster=%00', 'cluster'],
    ] as const) {
      const res = await who({ method: 'GET', url })
      expect(res.statusCode, url).toBe(400)
      expect(res.json().errors).toEqual([{ path: field, message: 'This contains a character that cannot be stored (a null byte); remove it' }])
    }
  })
})

describe('addresses the router refuses', () => {
  it('When a path parameter is longer than the router allows or the URL cannot be decoded, then the answer is a problem+json, not Fastify\'s own body', async () => {
    const admin = as(t.app, await s.token('admin'))
    const long = await admin({ method: 'PATCH', url: `/api/areas/${'x'.repeat(300)}`, payload: { name: 'Oracy' } })
    expect(long.statusCode).toBe(414)
    expect(long.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(ProblemSchema.parse(long.json())).toMatchObject({ status: 414, title: 'That address is too long', detail: 'A part of this address is too long. Please check the link.' })
    const bad = await admin({ method: 'GET', url: '/api/areas/%E0%A4%A' })
    expect(bad.statusCode).toBeLessThan(500)
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/)
  })
})

describe('IN-1: bounded input', () => {
  it('When the request schemas are exported as JSON schema, then no string lacks a maxLength and no array a maxItems', () => {
    const found: string[] = []
    let strings = 0
    for (const op of ops) {
      found.push(...unbounded(op.body, `${op.method} ${op.path} body`))
      for (const [where, group] of [['query', op.query], ['path', op.params], ['header', op.headers]] as const) {
        for (const [name, schema] of Object.entries(group)) found.push(...unbounded(schema, `${op.method} ${op.path} ${where}:${name}`))
      }
      strings += stringPaths(op.body).length + Object.keys(op.query).length + Object.keys(op.params).length
    }
    console.log(`IN-1: ${found.length} unbounded strings or arrays in the request schemas of ${ops.length} operations (${strings} string fields and parameters)`)
    expect(found).toEqual([])
  })
})
