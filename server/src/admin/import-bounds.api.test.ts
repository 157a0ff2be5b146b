import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AdminImportInput } from '@ee/shared/bundle'
import { queryRows } from '../db/client.ts'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, nextUrn, seed, trustBundle, unique } from '../../test/bundle.ts'

const t = useTestApp()
let s: Seeded
beforeAll(async () => {
  s = await seed(t.app, trustBundle())
})

const importAs = async (payload: unknown) => as(t.app, await s.token('admin'))({ method: 'POST', url: '/api/admin/import', payload: payload as object })
const people = (n: number, school: number) => {
  const u = unique()
  return Array.from({ length: n }, (_, i) => ({ ref: `p${i}`, email: `person${i}.${u}@example.org`, name: `Person ${i}`, role: 'teacher' as const, school }))
}
const counts = async () => (await queryRows<{ people: number; invitations: number; emails: number }>(t.database.db, sql`
  select (select count(*)::int from people) people, (select count(*)::int from invitations) invitations, (select count(*)::int from email_outbox) emails`))[0]!

describe('POST /api/admin/import is bounded (docs/design.md §8)', () => {
  it('When the file is larger than 4 MiB, then 413 says how large a file may be, and nothing is stored', async () => {
    const before = await counts()
    const res = await importAs({ schools: [], people: [], padding: 'x'.repeat(4 * 1024 * 1024) })
    expect(res.statusCode).toBe(413)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.json()).toMatchObject({ status: 413, title: 'That is too large', detail: 'The request body is larger than the 4 MiB this address accepts; send a smaller one (split a file into parts).' })
    expect(await counts()).toEqual(before)
  })

  it('When the file names 5,001 people, then 400 names the field and the maximum, and nothing is stored', async () => {
    const before = await counts()
    const res = await importAs({ people: people(5001, s.bundle.schools![0]!.urn) })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toContainEqual({ path: 'people', message: 'Import at most 5,000 people in one file; split the file and import each part' })
    expect(await counts()).toEqual(before)
  })

  it('When the file names 3,000 people, then all are added and invited in one answer (201), in reasonable time', async () => {
    const before = await counts()
    const school = { ref: 'S', urn: nextUrn(), name: 'Big Academy', phase: 'secondary' as const, lat: 53.6, lng: -1.4 }
    const payload: AdminImportInput = { schools: [school], people: people(3000, school.urn).map((p) => ({ ...p, school: 'S' })) }
    const started = Date.now()
    const res = await importAs(payload)
    expect(res.statusCode).toBe(201)
    expect(Object.keys(res.json().ids)).toHaveLength(3001)
    expect(Date.now() - started).toBeLessThan(60_000)
    expect(await counts()).toEqual({ people: before.people + 3000, invitations: before.invitations + 3000, emails: before.emails + 3000 })
  }, 120_000)
})
