import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../db/client.ts'
import { as, login, useTestApp } from '../../test/app.ts'
import { type Seeded, TEST_PASSWORD, seed, trustBundle } from '../../test/bundle.ts'

const t = useTestApp()
let s: Seeded
beforeAll(async () => {
  s = await seed(t.app, trustBundle())
})

const counts = async () => {
  const [row] = await queryRows<{ trusts: number; schools: number; people: number; expertise: number }>(
    t.database.db,
    sql`select (select count(*)::int from trusts) trusts, (select count(*)::int from schools) schools, (select count(*)::int from people) people, (select count(*)::int from expertise) expertise`,
  )
  return row
}

const withWork = () =>
  trustBundle(
    {
      expertise: [{ ref: 'e-1', person: 'teacherB1', title: 'Phonics catch-up', summary: 'Keep-up sessions in Year 2', evidence: 'Phonics check pass rate rose from 71% to 88%', areas: ['early-reading-phonics'], phases: ['primary'], modes: ['coaching'], capacityDaysPerTerm: 5 }],
      requests: [{ ref: 'r-1', school: 'A', raisedBy: 'headA', title: 'Phonics in Year 1', problem: 'Too many pupils miss the phonics check', areas: ['early-reading-phonics'], modes: ['coaching'], expertsWanted: 1, daysPerExpert: 2, window: { start: '2027-01-05', end: '2027-03-31' }, publishedAt: '2026-11-02T09:00:00Z' }],
    },
    'Imported',
  )

describe('POST /api/admin/import', () => {
  it('When the admin imports a bundle, then every ref maps to an id and its people can sign in', async () => {
    const bundle = withWork()
    const res = await as(t.app, await s.token('admin'))({ method: 'POST', url: '/api/admin/import', payload: bundle })
    expect(res.statusCode).toBe(201)
    const { ids } = res.json<{ ids: Record<string, string> }>()
    expect(Object.keys(ids).sort()).toEqual(['A', 'B', 'admin', 'central', 'e-1', 'headA', 'headB', 'r-1', 't', 'teacherA1', 'teacherA2', 'teacherB1'].sort())
    const token = await login(t.app, bundle.people![0]!.email.toLowerCase(), TEST_PASSWORD)
    const me = await as(t.app, token)({ method: 'GET', url: '/api/me' })
    expect(me.json().person).toMatchObject({ id: ids.headA, trustId: ids.t, schoolId: ids.A })
  })

  it('When a bundle has three faults, then all three paths are listed and nothing is stored', async () => {
    const bundle = withWork() as unknown as { schools: Record<string, unknown>[]; expertise: Record<string, unknown>[]; people: Record<string, unknown>[] }
    bundle.schools[1]!.lat = 'north'
    bundle.expertise[0]!.person = 'nobody'
    bundle.people[2]!.ref = 'headA'
    const before = await counts()
    const res = await as(t.app, await s.token('admin'))({ method: 'POST', url: '/api/admin/import', payload: bundle })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['schools[1].lat', 'people[2].ref', 'expertise[0].person'])
    expect(await counts()).toEqual(before)
  })

  it('When the same bundle is imported twice, then the second is refused naming the URNs and e-mails, and nothing half-applied', async () => {
    const bundle = withWork()
    const admin = as(t.app, await s.token('admin'))
    expect((await admin({ method: 'POST', url: '/api/admin/import', payload: bundle })).statusCode).toBe(201)
    const before = await counts()
    const again = await admin({ method: 'POST', url: '/api/admin/import', payload: bundle })
    expect(again.statusCode).toBe(400)
    const paths = again.json().errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['schools[0].urn', 'schools[1].urn', 'people[0].email', 'people[6].email']))
    expect(again.json().detail).toMatch(/nothing was imported/)
    expect(await counts()).toEqual(before)
  })

  it.each(['headA', 'teacherA1', 'central'])('When %s tries to import, then 403 and nothing is stored', async (ref) => {
    const before = await counts()
    const res = await as(t.app, await s.token(ref))({ method: 'POST', url: '/api/admin/import', payload: withWork() })
    expect(res.statusCode).toBe(403)
    expect(await counts()).toEqual(before)
  })

  it('When nobody is signed in, then 401', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/import', payload: withWork() })).statusCode).toBe(401)
  })
})
