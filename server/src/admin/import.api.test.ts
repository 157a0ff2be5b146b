import { and, eq, inArray, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AdminImportInput } from '@ee/shared/bundle'
import { queryRows } from '../db/client.ts'
import { clusters, emailOutbox, people, schools } from '../db/schema/index.ts'
import { as, testConfig, useTestApp } from '../../test/app.ts'
import { type Seeded, TEST_PASSWORD, nextUrn, seed, trustBundle, unique } from '../../test/bundle.ts'

const t = useTestApp()
let s: Seeded
let other: Seeded
beforeAll(async () => {
  s = await seed(t.app, trustBundle())
  other = await seed(t.app, trustBundle({}, 'Elsewhere'))
})

const counts = async () => {
  const [row] = await queryRows<Record<string, number>>(
    t.database.db,
    sql`select (select count(*)::int from trusts) trusts, (select count(*)::int from schools) schools, (select count(*)::int from clusters) clusters,
      (select count(*)::int from people) people, (select count(*)::int from expertise) expertise, (select count(*)::int from invitations) invitations,
      (select count(*)::int from email_outbox) emails`,
  )
  return row
}
const importAs = async (ref: string, payload: unknown) => as(t.app, await (ref === 'other' ? other.token('admin') : s.token(ref)))({ method: 'POST', url: '/api/admin/import', payload: payload as object })
const paths = (res: { json: () => { errors: { path: string }[] } }) => res.json().errors.map((e) => e.path)
const urnOf = (seeded: Seeded, ref: string) => (seeded.bundle.schools!.find((x) => x.ref === ref)!).urn
const school = (ref: string, extra: object = {}) => ({ ref, urn: nextUrn(), name: `New School ${ref}`, phase: 'primary' as const, lat: 53.6, lng: -1.4, ...extra })
const entry = (ref: string, person: string) => ({
  ref, person, title: 'Reading fluency in Key Stage 2', summary: 'Paired reading and repeated reading', evidence: 'Reading ages up 14 months in a year', areas: ['reading'], modes: ['coaching' as const], capacityDaysPerTerm: 4,
})

describe('POST /api/admin/import: a trust admin adds to their own trust', () => {
  it('When the file carries a trust section, then 403 "only the operator creates trusts" and nothing is stored', async () => {
    const before = await counts()
    const res = await importAs('admin', trustBundle({}, 'Sneaky'))
    expect(res.statusCode).toBe(403)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.json()).toMatchObject({ status: 403, title: 'Only the service operator creates trusts (npm run trust:create)' })
    expect(await counts()).toEqual(before)
  })

  it.each(['headA', 'teacherA1', 'central'])('When %s tries to import, then 403 and nothing is stored', async (ref) => {
    const before = await counts()
    expect((await importAs(ref, { schools: [school('x')] })).statusCode).toBe(403)
    expect(await counts()).toEqual(before)
  })

  it('When nobody is signed in, then 401', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/import', payload: { schools: [] } })).statusCode).toBe(401)
  })

  it('When the admin imports schools, people and expertise, then they join the admin’s own trust: clusters by name, refs by URN and e-mail, invitations by e-mail', async () => {
    const u = unique()
    const newHead = `new.head.${u}@example.org`
    const payload: AdminImportInput = {
      schools: [school('N', { cluster: 'North' }), school('E', { cluster: `East ${u}` })],
      people: [
        { ref: 'h', email: newHead.toUpperCase(), name: 'Nadia Okafor', role: 'headteacher', school: 'N' },
        { ref: 'tA', email: `new.teacher.${u}@example.org`, name: 'Tom Price', role: 'teacher', school: urnOf(s, 'A') },
      ],
      expertise: [entry('e-new', 'tA'), entry('e-existing', s.email('teacherB1'))],
    }
    const res = await importAs('admin', payload)
    expect(res.statusCode).toBe(201)
    const { ids } = res.json<{ ids: Record<string, string> }>()
    expect(Object.keys(ids).sort()).toEqual(['E', 'N', 'e-existing', 'e-new', 'h', 'tA'])

    const added = await t.database.db.select().from(schools).where(inArray(schools.id, [ids.N!, ids.E!]))
    expect(added.map((x) => x.trustId)).toEqual([s.ids.t, s.ids.t])
    const trustClusters = await t.database.db.select().from(clusters).where(eq(clusters.trustId, s.ids.t!))
    expect(trustClusters.map((c) => c.name).sort()).toEqual([`East ${u}`, 'North', 'South'])
    expect(added.find((x) => x.id === ids.N)!.clusterId).toBe(trustClusters.find((c) => c.name === 'North')!.id)

    const [teacher] = await t.database.db.select().from(people).where(eq(people.id, ids.tA!))
    expect(teacher).toMatchObject({ trustId: s.ids.t, schoolId: s.ids.A, role: 'teacher', passwordHash: null })
    const mine = await as(t.app, await s.token('teacherB1'))({ method: 'GET', url: '/api/expertise/mine' })
    expect(JSON.stringify(mine.json())).toContain(ids['e-existing'])

    const [mail] = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, newHead))
    expect(mail!.text).toContain(`${testConfig.publicUrl}/accept-invitation?token=`)
    const token = /token=([\w-]+)/.exec(mail!.text)![1]
    const accepted = await t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token, name: 'Nadia Okafor', password: 'kettle-harbour-violet-92' } })
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json().person).toMatchObject({ id: ids.h, trustId: s.ids.t, schoolId: ids.N, role: 'headteacher' })
  })

  it('When fields are wrong, then 400 names every path, refuses passwords and sections that have no place here, and stores nothing', async () => {
    const before = await counts()
    const res = await importAs('admin', {
      schools: [school('N'), { ...school('M'), lat: 'north' }],
      people: [
        { ref: 'p1', email: `a.${unique()}@example.org`, name: 'Amy Shah', role: 'teacher', school: 'nowhere' },
        { ref: 'p2', email: `b.${unique()}@example.org`, name: 'Ben Ode', role: 'central', password: 'sesame-sesame-1' },
      ],
      expertise: [entry('x', 'nobody')],
      requests: [],
    })
    expect(res.statusCode).toBe(400)
    expect(paths(res).sort()).toEqual(['expertise[0].person', 'people[0].school', 'people[1].password', 'requests', 'schools[1].lat'].sort())
    expect(res.json().errors.find((e: { path: string }) => e.path === 'people[1].password').message).toBe('Passwords are never imported: each person chooses their own from the invitation e-mail')
    expect(await counts()).toEqual(before)
  })

  it('When the file clashes with what is stored, then 400 names each path, a URN of another trust gets a neutral reason, and nothing is stored', async () => {
    const before = await counts()
    const res = await importAs('admin', {
      schools: [school('N', { urn: urnOf(s, 'A') }), school('O', { urn: urnOf(other, 'A') })],
      people: [
        { ref: 'p1', email: s.email('headB'), name: 'Twice Over', role: 'central' },
        { ref: 'p2', email: `c.${unique()}@example.org`, name: 'Cara Lee', role: 'teacher', school: urnOf(other, 'B') },
      ],
      expertise: [{ ...entry('x', other.email('teacherB1')), areas: ['reading', 'underwater-basket-weaving'] }],
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().detail).toMatch(/nothing was imported/)
    expect(paths(res)).toEqual(['schools[0].urn', 'schools[1].urn', 'people[0].email', 'people[1].school', 'expertise[0].person', 'expertise[0].areas[1]'])
    expect(JSON.stringify(res.json())).not.toContain('Elsewhere')
    expect(res.json().errors[1].message).toBe(`URN ${urnOf(other, 'A')} cannot be added: it is registered on this service already. If the school has joined your trust, ask the service operator to move it`)
    expect(res.json().errors[3].message).toBe(`No school with URN ${urnOf(other, 'B')} in your trust`)
    expect(await counts()).toEqual(before)
  })

  it('When a person’s e-mail belongs to another trust, then the answer is byte-identical to a new e-mail’s; only that address is told, by e-mail', async () => {
    const u = unique()
    const file = (email: string, ref: string) => ({
      people: [{ ref: 'p', email, name: 'Sam Green', role: 'teacher', school: urnOf(s, 'B') }],
      expertise: [entry(ref, 'p')],
    })
    const taken = other.email('teacherA1')
    const fresh = `sam.green.${u}@example.org`
    const answerForTaken = await importAs('admin', file(taken, 'x'))
    const answerForFresh = await importAs('admin', file(fresh, 'x'))
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
    for (const key of ['content-type', 'content-length']) expect(answerForTaken.headers[key]).toEqual(answerForFresh.headers[key])
    expect(answerForTaken.statusCode).toBe(201)
    expect(answerForTaken.statusCode).toBe(answerForFresh.statusCode)
    expect(answerForTaken.body.replace(uuid, 'ID')).toBe(answerForFresh.body.replace(uuid, 'ID'))

    const [owner] = await t.database.db.select().from(people).where(eq(people.email, taken))
    expect(owner).toMatchObject({ trustId: other.ids.t, name: 'teacherA1 Elsewhere' })
    expect(await t.database.db.select().from(people).where(eq(people.id, answerForTaken.json().ids.p))).toEqual([])
    const told = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, taken))
    expect(told).toHaveLength(1)
    expect(told[0]!.text).toMatch(/already has an account in another trust, so nothing was changed/)
    expect(told[0]!.text).not.toMatch(/token=/)
  })
})

describe('bundle import (the operator’s npm run import and the demo seed)', () => {
  it('When people share a password, then each hash has its own salt', async () => {
    const bundle = trustBundle({}, 'Salted')
    const seeded = await seed(t.app, bundle)
    const rows = await t.database.db.select({ hash: people.passwordHash }).from(people).where(and(eq(people.trustId, seeded.ids.t!)))
    expect(rows).toHaveLength(7)
    const salts = rows.map((r) => r.hash!.split('$')[4])
    expect(new Set(salts).size).toBe(7)
    expect(new Set(rows.map((r) => r.hash)).size).toBe(7)
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: seeded.email('teacherA2'), password: TEST_PASSWORD } })).statusCode).toBe(200)
  })
})
