import { randomInt } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { TrustBundleInput } from '@ee/shared/bundle'
import { importBundle, parseBundle } from '../src/admin/import.service.ts'
import { login } from './app.ts'

export const TEST_PASSWORD = 'test-password-1'
let counter = 0

/** A unique suffix so that tests sharing a database never collide on URNs or e-mails. */
export function unique() {
  counter += 1
  return `${process.pid}${counter}${randomInt(1e6)}`
}

let urnSeed = randomInt(10_000_000, 90_000_000)
export const nextUrn = () => urnSeed++

type Extra = Partial<Pick<TrustBundleInput, 'expertise' | 'requests' | 'offers' | 'engagements' | 'areas'>>

/**
 * A trust with the principal set of docs/design.md §10: school A (headA, teacherA1, teacherA2),
 * school B (headB, teacherB1), and the trust's central team and admin. Refs are stable; e-mails unique.
 */
export function trustBundle(extra: Extra = {}, name = 'Test'): TrustBundleInput {
  const u = unique()
  const person = (ref: string, role: string, school?: string) => ({
    ref, email: `${ref}.${u}@example.org`, name: `${ref} ${name}`, role: role as 'teacher', school, password: TEST_PASSWORD,
  })
  return {
    trust: { ref: 't', name: `${name} Trust ${u}` },
    schools: [
      { ref: 'A', urn: nextUrn(), name: `${name} Primary A`, phase: 'primary', lat: 53.8, lng: -1.55, cluster: 'North', releaseDaysPerTerm: 10 },
      { ref: 'B', urn: nextUrn(), name: `${name} Academy B`, phase: 'secondary', lat: 53.7, lng: -1.5, cluster: 'South', releaseDaysPerTerm: 10 },
    ],
    people: [
      person('headA', 'headteacher', 'A'),
      person('teacherA1', 'teacher', 'A'),
      person('teacherA2', 'teacher', 'A'),
      person('headB', 'headteacher', 'B'),
      person('teacherB1', 'teacher', 'B'),
      person('central', 'central'),
      person('admin', 'admin'),
    ],
    ...extra,
  }
}

export type Seeded = {
  ids: Record<string, string>
  bundle: TrustBundleInput
  email: (ref: string) => string
  token: (ref: string) => Promise<string>
}

/** Imports a bundle straight through the service and offers sign-in by person ref. */
export async function seed(app: FastifyInstance, bundle: TrustBundleInput): Promise<Seeded> {
  const parsed = parseBundle(bundle)
  if (!parsed.ok) throw new Error(`test bundle invalid: ${JSON.stringify(parsed.errors)}`)
  const ids = await importBundle(app.db, parsed.bundle)
  const email = (ref: string) => {
    const p = bundle.people?.find((x) => x.ref === ref)
    if (!p) throw new Error(`no person ${ref}`)
    return p.email.toLowerCase()
  }
  const tokens = new Map<string, string>()
  return {
    ids,
    bundle,
    email,
    token: async (ref) => tokens.get(ref) ?? tokens.set(ref, await login(app, email(ref), TEST_PASSWORD)).get(ref)!,
  }
}

/** The usual trust and a second one, for tests that check nothing crosses between trusts. */
export async function seedTwoTrusts(app: FastifyInstance): Promise<{ s: Seeded; other: Seeded }> {
  const s = await seed(app, trustBundle())
  const other = await seed(app, trustBundle({}, 'Other'))
  return { s, other }
}
