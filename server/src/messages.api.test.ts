import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { JARGON, PLAIN_ENGLISH } from '@ee/shared/messages'
import { formatPath, ProblemSchema } from '@ee/shared/problem'
import { as, useTestApp } from '../test/app.ts'
import { type Seeded, seed, trustBundle } from '../test/bundle.ts'
import { type JsonSchema, type Operation, fillPath, operations, placeAt } from '../test/openapi.ts'

/**
 * Issue #13, item 6: messages in plain English. Every field of every request body, query string and
 * path is sent missing, of the wrong kind, and too long (or too big), through the app and straight
 * through its shared schema with the one error map (shared/src/messages.ts); no message may say
 * "Invalid input", "expected", or name a type. Both walks read the schemas themselves, so a field or
 * route added tomorrow is covered without touching this file.
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

type Path = (string | number)[]
type Case = { kind: 'missing' | 'wrong type' | 'too long' | 'too big' | 'too small' | 'not one of the choices'; path: Path; value: unknown }

const typesOf = (schema: JsonSchema): string[] => {
  const own = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].flatMap(typesOf)
  return [...own, ...branches, ...(schema.nullable ? ['null'] : [])].map((x) => (x === 'integer' ? 'number' : x))
}
const objectBranch = (schema: JsonSchema): JsonSchema | undefined =>
  schema.properties ? schema : [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].map(objectBranch).find(Boolean)
const itemsOf = (schema: JsonSchema): JsonSchema | undefined =>
  schema.items ?? [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].map(itemsOf).find(Boolean)
const bound = (schema: JsonSchema, key: 'maxLength' | 'maxItems' | 'maximum' | 'minimum'): number | undefined =>
  schema[key] ?? [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].map((b) => bound(b, key)).find((v) => v !== undefined)
const enumOf = (schema: JsonSchema): unknown[] | undefined => schema.enum ?? [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].map(enumOf).find(Boolean)

/** A value of a kind the field does not take: a number for text, words for a number, a list or yes/no. */
function wrongKind(schema: JsonSchema): unknown {
  const types = typesOf(schema)
  for (const [type, value] of [['number', 12345], ['string', 'some words'], ['boolean', true], ['object', { a: 1 }], ['array', ['x']]] as const) {
    if (!types.includes(type) && !(type === 'string' && (schema.enum || schema.const !== undefined))) return value
  }
  return undefined
}

/** Missing (when required), of the wrong kind, too long or too big, and out of the choices: for every field, at every depth. */
function casesFor(schema: JsonSchema | undefined, at: Path = [], required = true, depth = 0): Case[] {
  if (!schema || depth > 8) return []
  const out: Case[] = []
  if (at.length && required) out.push({ kind: 'missing', path: at, value: undefined })
  const wrong = wrongKind(schema)
  if (at.length && wrong !== undefined) out.push({ kind: 'wrong type', path: at, value: wrong })
  const maxLength = bound(schema, 'maxLength')
  if (maxLength !== undefined && maxLength < 100_000) out.push({ kind: 'too long', path: at, value: 'a'.repeat(maxLength + 1) })
  const maxItems = bound(schema, 'maxItems')
  if (maxItems !== undefined) out.push({ kind: 'too long', path: at, value: Array.from({ length: maxItems + 1 }, () => 'reading') })
  const maximum = bound(schema, 'maximum')
  if (maximum !== undefined) out.push({ kind: 'too big', path: at, value: maximum + 1 })
  const minimum = bound(schema, 'minimum')
  if (minimum !== undefined) out.push({ kind: 'too small', path: at, value: minimum - 1 })
  if (enumOf(schema)) out.push({ kind: 'not one of the choices', path: at, value: 'something else' })
  const object = objectBranch(schema)
  for (const [key, sub] of Object.entries(object?.properties ?? {})) out.push(...casesFor(sub, [...at, key], object?.required?.includes(key) ?? false, depth + 1))
  const items = itemsOf(schema)
  if (items) out.push(...casesFor(items, [...at, 0], false, depth + 1))
  return out
}

/** The body a case sends: the value at its path inside otherwise empty parents (`{terms: [{start: …}]}`); a missing field's parent stays. */
const bodyOf = (c: Case) => (c.kind === 'missing' ? (c.path.length > 1 ? placeAt(c.path.slice(0, -1), typeof c.path.at(-1) === 'number' ? [] : {}) : {}) : placeAt(c.path, c.value))

const jargonIn = (messages: string[]) => messages.filter((m) => JARGON.test(m))

/** Real values for path parameters, so that a failure is the field's and not a 404. */
const pathParams = (op: Operation) => Object.fromEntries(Object.keys(op.params).map((name, i) => [name, name === 'year' ? '2026' : [s.ids.A!, s.ids.B!][i % 2]!]))

/** Sends as each principal in turn (a route may refuse a role before it validates) until one gets past authorisation. */
async function send(op: Operation, url: string, payload: unknown) {
  for (const [i, token] of tokens.entries()) {
    ip += 1
    const res = await as(t.app, token)({
      method: op.method,
      url,
      remoteAddress: `10.13.${(ip >> 8) & 255}.${ip & 255}`,
      ...(payload === undefined ? {} : { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) }),
    })
    if ((res.statusCode !== 401 && res.statusCode !== 403) || i === tokens.length - 1) return res
  }
  throw new Error('no principal to send as')
}

describe('the one error map, through every route', () => {
  it('When any body field of any route is missing, of the wrong kind, too long or too big, then the 400 names it in plain English: no "Invalid input", no "expected", no type name', async () => {
    const failures: string[] = []
    let sent = 0
    let messages = 0
    for (const op of ops.filter((o) => o.body)) {
      const url = fillPath(op.path, pathParams(op))
      for (const c of casesFor(op.body)) {
        const where = `${op.method} ${op.path} body ${formatPath(c.path)} ${c.kind}`
        const res = await send(op, url, bodyOf(c))
        sent += 1
        if (res.statusCode >= 500) {
          failures.push(`${where}: ${res.statusCode}`)
          continue
        }
        if (res.statusCode !== 400) continue // a value a field accepts (a list of any length where none is set)
        const problem = ProblemSchema.parse(res.json())
        const said = [problem.title, problem.detail ?? '', ...(problem.errors ?? []).map((e) => e.message)]
        messages += said.length
        for (const m of jargonIn(said)) failures.push(`${where}: "${m}"`)
        const field = formatPath(c.path)
        if (c.kind === 'missing' || c.kind === 'wrong type') {
          if (!problem.errors?.some((e) => e.path === field || e.path.startsWith(`${field}.`) || e.path.startsWith(`${field}[`))) {
            failures.push(`${where}: no message names ${field}: ${JSON.stringify(problem.errors)}`)
          }
        }
      }
    }
    console.log(`Plain English, through the app: ${sent} bodies sent over ${ops.filter((o) => o.body).length} operations, ${messages} messages read`)
    expect(failures).toEqual([])
    expect(sent).toBeGreaterThan(300)
  })

  it('When a query string or path parameter is of the wrong kind, too long, too big or not one of the choices, then its message is in plain English too', async () => {
    const failures: string[] = []
    let sent = 0
    for (const op of ops) {
      const params = pathParams(op)
      const body = op.body ? {} : undefined
      for (const [name, schema] of Object.entries(op.query)) {
        for (const c of casesFor(schema, [name], false)) {
          const v = c.value
          if (c.kind === 'missing' || c.path.length > 1 || !(typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) continue
          const url = `${fillPath(op.path, params)}?${encodeURIComponent(name)}=${encodeURIComponent(String(v))}`
          const res = await send(op, url, body)
          sent += 1
          if (res.statusCode >= 500) failures.push(`${op.method} ${url}: ${res.statusCode}`)
          if (res.statusCode !== 400) continue
          for (const m of jargonIn((ProblemSchema.parse(res.json()).errors ?? []).map((e) => e.message))) failures.push(`${op.method} ${op.path} ?${name} ${c.kind}: "${m}"`)
        }
      }
      for (const name of Object.keys(op.params)) {
        const url = fillPath(op.path, { ...params, [name]: 'not-an-id' })
        const res = await send(op, url, body)
        sent += 1
        if (res.statusCode !== 400) continue
        for (const m of jargonIn((ProblemSchema.parse(res.json()).errors ?? []).map((e) => e.message))) failures.push(`${op.method} ${op.path} :${name}: "${m}"`)
      }
    }
    console.log(`Plain English, through the app: ${sent} query strings and paths sent`)
    expect(failures).toEqual([])
    expect(sent).toBeGreaterThan(100)
  })

  it('When the evidence of impact is missing from new expertise, then the teacher is told what to add, in the words the issue asks for', async () => {
    const res = await as(t.app, await s.token('teacherA1'))({
      method: 'POST',
      url: '/api/expertise',
      payload: { title: 'Phonics catch-up', summary: 'Running catch-up phonics for Year 2 and 3', areas: ['early-reading-phonics'], modes: ['coaching'], capacityDaysPerTerm: 3 },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({
      title: 'Some fields need attention',
      detail: 'Please check the evidence of impact.',
      errors: [{ path: 'evidence', message: 'Add the evidence of impact: what changed, where, and how you know' }],
    })
  })

  it('When a request arrives with the days per expert as words and a title far too long, then each field is named as the form names it', async () => {
    const res = await as(t.app, await s.token('headA'))({
      method: 'POST',
      url: '/api/requests',
      payload: {
        title: 'Reading '.repeat(30),
        problem: 'Year 3 pupils are not reading fluently enough',
        areas: ['early-reading-phonics'],
        modes: ['coaching'],
        expertsWanted: 1,
        daysPerExpert: 'three',
        window: { start: '2027-01-05' },
        phases: ['primary', 'college'],
      },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([
      { path: 'title', message: 'Use at most 160 characters' },
      { path: 'phases[1]', message: 'Choose phase 2 from: Nursery, Primary, Secondary, All-through, Post-16, Special or Alternative provision' },
      { path: 'daysPerExpert', message: 'Say how many days each expert should give' },
      { path: 'window.end', message: 'Add the date the window ends' },
    ])
  })
})

/** Every `…BodySchema`, `…QuerySchema` and `…ParamsSchema` the shared contract exports: what the forms parse with. */
async function sharedRequestSchemas(): Promise<[string, z.ZodType][]> {
  const dir = fileURLToPath(new URL('../../shared/src/', import.meta.url))
  const found: [string, z.ZodType][] = []
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const mod = (await import(`${dir}${file}`)) as Record<string, unknown>
    for (const [name, value] of Object.entries(mod)) {
      if (/(Body|Query|Params)Schema$/.test(name) && value instanceof z.ZodType) found.push([`${file.replace('.ts', '')}.${name}`, value])
    }
  }
  return found
}

describe('the one error map, straight through the shared schemas (as the forms parse)', () => {
  it('When every shared body, query and params schema parses a missing, wrong, too long or too big value with the map, then no message is jargon', async () => {
    const schemas = await sharedRequestSchemas()
    const failures: string[] = []
    let parsed = 0
    for (const [name, schema] of schemas) {
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as JsonSchema
      for (const c of [{ kind: 'missing' as const, path: [], value: undefined }, ...casesFor(json)]) {
        const result = schema.safeParse(c.path.length ? bodyOf(c) : c.value, PLAIN_ENGLISH)
        parsed += 1
        for (const m of jargonIn(result.error?.issues.map((i) => i.message) ?? [])) failures.push(`${name} ${formatPath(c.path)} ${c.kind}: "${m}"`)
      }
    }
    console.log(`Plain English, through the shared schemas: ${parsed} values parsed over ${schemas.length} schemas`)
    expect(schemas.length).toBeGreaterThan(40)
    expect(failures).toEqual([])
  })
})
