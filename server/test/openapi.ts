import type { FastifyInstance } from 'fastify'
import fc from 'fast-check'

/** A JSON schema as @fastify/swagger prints it from the zod schemas (OpenAPI 3.0 dialect). */
export type JsonSchema = {
  type?: string | string[]
  nullable?: boolean
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  propertyNames?: JsonSchema
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number | boolean
  exclusiveMaximum?: number | boolean
  minItems?: number
  maxItems?: number
  default?: unknown
}

export type Operation = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** OpenAPI path, `/api/areas/{id}`. */
  path: string
  body?: JsonSchema
  query: Record<string, JsonSchema>
  params: Record<string, JsonSchema>
  headers: Record<string, JsonSchema>
  responses: Record<string, JsonSchema | undefined>
}

/** Every operation of the app's OpenAPI document: the route list comes from the app, never from a list kept by hand. */
export function operations(app: FastifyInstance): Operation[] {
  const doc = app.swagger() as unknown as { paths: Record<string, Record<string, Record<string, unknown>>> }
  const ops: Operation[] = []
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const parameters = (op.parameters ?? []) as { in: string; name: string; schema: JsonSchema }[]
      const pick = (where: string) => Object.fromEntries(parameters.filter((p) => p.in === where).map((p) => [p.name, p.schema]))
      const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content
      const responses = Object.fromEntries(
        Object.entries((op.responses ?? {}) as Record<string, { content?: Record<string, { schema: JsonSchema }> }>).map(([status, r]) => [
          status,
          r.content?.['application/json']?.schema,
        ]),
      )
      ops.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        body: content?.['application/json']?.schema,
        query: pick('query'),
        params: pick('path'),
        headers: pick('header'),
        responses,
      })
    }
  }
  return ops
}

export const isWrite = (op: Operation) => op.method !== 'GET'

/** `/api/areas/{id}` with `{id: 'x'}` → `/api/areas/x`. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))
}

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : [])

/** Each place in a schema where a string goes, as a path of keys (numbers for array items). */
export function stringPaths(schema: JsonSchema | undefined, at: (string | number)[] = [], depth = 0): (string | number)[][] {
  if (!schema || depth > 8) return []
  const found: (string | number)[][] = []
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) found.push(...stringPaths(branch, at, depth + 1))
  const types = typesOf(schema)
  if (types.includes('string') && !schema.enum && schema.const === undefined) found.push(at)
  for (const [key, sub] of Object.entries(schema.properties ?? {})) found.push(...stringPaths(sub, [...at, key], depth + 1))
  if (schema.items) found.push(...stringPaths(schema.items, [...at, 0], depth + 1))
  const seen = new Set<string>()
  return found.filter((p) => !seen.has(JSON.stringify(p)) && seen.add(JSON.stringify(p)))
}

/** A value with `value` placed at `path`: `{schools: [{name: value}]}` for `['schools', 0, 'name']`. */
export function placeAt(path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path
  return typeof head === 'number' ? [placeAt(rest, value)] : { [head!]: placeAt(rest, value) }
}

/** Strings that are bounded by construction: an id, a calendar date, a date and time. */
const BOUNDED_FORMATS = new Set(['uuid', 'date', 'date-time'])

/** IN-1: every string without a maximum length and every array without a maximum number of items, by path. */
export function unbounded(schema: JsonSchema | undefined, where: string, depth = 0): string[] {
  if (!schema || depth > 12) return []
  const out: string[] = []
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) out.push(...unbounded(branch, where, depth + 1))
  const types = typesOf(schema)
  const fixed = schema.enum !== undefined || schema.const !== undefined || BOUNDED_FORMATS.has(schema.format ?? '')
  if (types.includes('string') && schema.maxLength === undefined && !fixed) out.push(`${where} (string)`)
  if (types.includes('array') && schema.maxItems === undefined) out.push(`${where} (array)`)
  for (const [key, sub] of Object.entries(schema.properties ?? {})) out.push(...unbounded(sub, `${where}.${key}`, depth + 1))
  if (schema.items) out.push(...unbounded(schema.items, `${where}[]`, depth + 1))
  if (schema.propertyNames) out.push(...unbounded(schema.propertyNames, `${where}{key}`, depth + 1))
  if (typeof schema.additionalProperties === 'object') out.push(...unbounded(schema.additionalProperties, `${where}{}`, depth + 1))
  return out
}

// ---------------------------------------------------------------------------------------------------
// JSON schema → fast-check (zod-fast-check does not support zod 4): schema-valid values, near enough.
// Refinements (window end after start, one of two fields) are not in JSON schema; the fuzz only needs
// values that pass the shape often, and mutations of them.

const day = fc.date({ min: new Date('2025-09-01T00:00:00Z'), max: new Date('2028-08-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
const dateTime = fc.date({ min: new Date('2025-09-01T00:00:00Z'), max: new Date('2028-08-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString())
const words = fc.array(fc.constantFrom('reading', 'phonics', 'maths', 'behaviour', 'Year 6', 'SEND', 'coaching', 'écoles', 'naïve', '🙂', 'and', 'the'), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '))

export type Pools = { ids: string[]; slugs: string[]; emails: string[] }

function stringArb(s: JsonSchema, pools: Pools): fc.Arbitrary<string> {
  if (s.format === 'uuid') return pools.ids.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pools.ids) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid()
  if (s.format === 'date') return day
  if (s.format === 'date-time') return dateTime
  if (s.format === 'email') return fc.oneof(fc.emailAddress({ size: 'xsmall' }).filter((e) => e.length <= (s.maxLength ?? 254)), ...(pools.emails.length ? [fc.constantFrom(...pools.emails)] : []))
  const max = s.maxLength ?? 200
  const min = s.minLength ?? 0
  if (s.pattern) {
    const fromPattern = fc.stringMatching(new RegExp(s.pattern), { maxLength: max }).filter((v) => v.length >= min && v.length <= max)
    return pools.slugs.length && /a-z0-9/.test(s.pattern) ? fc.oneof(fc.constantFrom(...pools.slugs), fromPattern) : fromPattern
  }
  return fc.oneof(
    words.map((w) => w.padEnd(min, '.').slice(0, max)),
    fc.string({ minLength: min, maxLength: Math.min(max, min + 40) }),
  ).filter((v) => v.trim().length >= min && v.length <= max)
}

/** An arbitrary for values of `schema` (mostly valid); `pools` supplies ids, slugs and e-mails of real rows. */
export function arbitraryFor(schema: JsonSchema | undefined, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 8) return fc.constant(undefined)
  const options = schema.anyOf ?? schema.oneOf
  if (options?.length) return fc.oneof(...options.map((o) => arbitraryFor(o, pools, depth + 1)))
  if (schema.allOf?.length) return arbitraryFor(schema.allOf[0], pools, depth + 1)
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum?.length) return fc.constantFrom(...schema.enum)
  const types = typesOf(schema)
  const nullable = schema.nullable === true || types.includes('null')
  const type = types.find((t) => t !== 'null')
  let arb: fc.Arbitrary<unknown>
  switch (type) {
    case 'string':
      arb = stringArb(schema, pools)
      break
    case 'integer': {
      const min = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : schema.minimum ?? -1000
      const max = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - 1 : schema.maximum ?? 100_000
      arb = fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) })
      break
    }
    case 'number': {
      const min = schema.minimum ?? -1000
      const max = schema.maximum ?? 1000
      arb = fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
      break
    }
    case 'boolean':
      arb = fc.boolean()
      break
    case 'array':
      arb = fc.array(arbitraryFor(schema.items, pools, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, Math.max(schema.minItems ?? 0, 4)) })
      break
    case 'object':
    case undefined: {
      if (!schema.properties && typeof schema.additionalProperties === 'object') {
        const keys = schema.propertyNames ? arbitraryFor(schema.propertyNames, pools, depth + 1) : fc.string({ maxLength: 20 })
        arb = fc.dictionary(keys as fc.Arbitrary<string>, arbitraryFor(schema.additionalProperties, pools, depth + 1), { maxKeys: 4 })
        break
      }
      if (!schema.properties) {
        arb = type === 'object' ? fc.constant({}) : fc.constant(undefined)
        break
      }
      const required = new Set(schema.required ?? [])
      const entries = Object.entries(schema.properties).map(([key, sub]) => [key, arbitraryFor(sub, pools, depth + 1)] as const)
      arb = fc.record(Object.fromEntries(entries), { requiredKeys: [...required].filter((k) => k in schema.properties!) })
      break
    }
    default:
      arb = fc.constant(null)
  }
  return nullable ? fc.option(arb, { nil: null, freq: 5 }) : arb
}

// ---------------------------------------------------------------------------------------------------
// Mutations: what an attacker or a broken client sends instead.

const nasty = fc.constantFrom<unknown>(
  null, true, 0, -1, 1e308, -0, 2 ** 53, 1.5, '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '🙂\ud83d', "'; drop table people; --",
  '%00', '../../etc/passwd', '<script>alert(1)</script>', '\u202e', 'ǅ', 'x'.repeat(10_001), [], {}, [[[]]], { $ne: 1 }, '1e400', 'NaN', '2027-02-30',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
)
const forbiddenKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'trustId', 'schoolId', 'status', 'role', 'version', 'createdAt', 'deletedAt', 'approvedBy', 'capacity', 'committedHours')

type Json = unknown

function keysOf(value: Json): string[] {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []
}

/** One mutation of a valid value: a wrong type, a missing field, an oversize or unicode string, null, an extra key. */
export function mutate(valid: Json): fc.Arbitrary<Json> {
  const keys = keysOf(valid)
  const base = valid && typeof valid === 'object' && !Array.isArray(valid) ? (valid as Record<string, Json>) : {}
  const choices: fc.Arbitrary<Json>[] = [
    nasty,
    fc.anything({ maxDepth: 2, maxKeys: 4, withNullPrototype: true }),
    // A computed key defines an own property, even `__proto__`, so it reaches the server as sent.
    fc.tuple(forbiddenKey, nasty).map(([k, v]) => ({ ...base, [k]: v })),
    fc.tuple(fc.string({ maxLength: 12 }), nasty).map(([k, v]) => ({ ...base, [k]: v })),
  ]
  if (keys.length) {
    const key = fc.constantFrom(...keys)
    choices.push(
      key.map((k) => Object.fromEntries(Object.entries(base).filter(([x]) => x !== k))),
      fc.tuple(key, nasty).map(([k, v]) => ({ ...base, [k]: v })),
      fc.tuple(key, fc.string({ unit: 'binary', maxLength: 40 })).map(([k, v]) => ({ ...base, [k]: v })),
      fc.tuple(key, fc.string({ unit: 'grapheme', maxLength: 6 })).map(([k, v]) => ({ ...base, [k]: `${typeof base[k] === 'string' ? base[k] : ''}${v}` })),
      fc.tuple(key, fc.constantFrom('\u0000', '\ud800', '\udfff')).map(([k, v]) => ({ ...base, [k]: typeof base[k] === 'string' ? `${base[k]}${v}` : v })),
      fc.tuple(key, fc.nat({ max: 3 })).map(([k, n]) => ({ ...base, [k]: Array.isArray(base[k]) ? [...(base[k] as Json[]), ...Array<Json>(n * 20).fill((base[k] as Json[])[0] ?? 'x')] : [base[k]] })),
      fc.tuple(key, fc.constantFrom(null, undefined)).map(([k, v]) => ({ ...base, [k]: v })),
      fc.tuple(key, forbiddenKey).map(([k, f]) => ({ ...base, [k]: { [f]: { polluted: true } } })),
    )
  }
  return fc.oneof(...choices)
}

/** OpenAPI 3.0's `nullable: true` as plain JSON schema (`anyOf` with null), which z.fromJSONSchema reads. */
export function withoutNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutNullable)
  if (!schema || typeof schema !== 'object') return schema
  const { nullable, ...rest } = schema as Record<string, unknown>
  const inner = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'enum' || k === 'const' || k === 'default' || k === 'example' ? v : withoutNullable(v)]))
  return nullable === true ? { anyOf: [inner, { type: 'null' }] } : inner
}
