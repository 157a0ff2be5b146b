import { and, count, eq, inArray, sql } from 'drizzle-orm'
import Fastify from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { ProblemSchema } from '@ee/shared/problem'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, nextUrn, seed, trustBundle, unique } from '../../test/bundle.ts'
import { problemsPlugin } from '../plugins/problems.ts'
import { problemFromPgError } from './pg-errors.ts'
import { areas, auditEvents, people, schools } from './schema/index.ts'

/**
 * A clash in a unique index is 409 naming the field, wherever it is raised; text the database cannot
 * store is 400 (docs/design.md §9). Reproduced with real concurrency on the real database.
 */

const t = useTestApp()
let s: Seeded

beforeAll(async () => {
  s = await seed(t.app, trustBundle())
})

describe('unique clashes', () => {
  it('When 20 people create an area with the same slug at the same moment, then exactly one gets 201 and 19 get 409 naming slug; one row is stored', async () => {
    const central = as(t.app, await s.token('central'))
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => central({ method: 'POST', url: '/api/areas', payload: { slug: 'oracy-race', name: `Oracy ${i}` } })),
    )
    const statuses = answers.map((a) => a.statusCode).sort()
    expect(statuses).toEqual([201, ...Array<number>(19).fill(409)])
    for (const a of answers.filter((x) => x.statusCode === 409)) {
      expect(a.headers['content-type']).toMatch(/application\/problem\+json/)
      const problem = ProblemSchema.parse(a.json())
      expect(problem.errors?.map((e) => e.path)).toEqual(['slug'])
    }
    const [stored] = await t.database.db.select({ n: count() }).from(areas).where(and(eq(areas.trustId, s.ids.t!), eq(areas.slug, 'oracy-race')))
    expect(stored!.n).toBe(1)
  })

  it('When the same bundle is imported 20 times at once, then none is a 500, exactly one is applied and nothing is half-written', async () => {
    const admin = as(t.app, await s.token('admin'))
    const u = unique()
    const urns = [nextUrn(), nextUrn()]
    const bundle = {
      schools: urns.map((urn, i) => ({ ref: `S${i}`, urn, name: `Race School ${i} ${u}`, phase: 'primary', lat: 53.8, lng: -1.5, cluster: `Race cluster ${u}` })),
      people: [0, 1, 2].map((i) => ({ ref: `P${i}`, email: `race${i}.${u}@example.org`, name: `Race Person ${i}`, role: 'teacher', school: `S${i % 2}` })),
      expertise: [],
    }
    const answers = await Promise.all(Array.from({ length: 20 }, () => admin({ method: 'POST', url: '/api/admin/import', payload: bundle })))
    const statuses = answers.map((a) => a.statusCode)
    expect(statuses.filter((x) => x >= 500)).toEqual([])
    expect(statuses.filter((x) => x === 201)).toHaveLength(1)
    for (const a of answers.filter((x) => x.statusCode !== 201)) {
      expect([400, 409]).toContain(a.statusCode)
      expect(ProblemSchema.safeParse(a.json()).success).toBe(true)
    }
    const db = t.database.db
    const [storedSchools] = await db.select({ n: count() }).from(schools).where(inArray(schools.urn, urns))
    const [storedPeople] = await db.select({ n: count() }).from(people).where(inArray(people.email, bundle.people.map((p) => p.email)))
    const [imports] = await db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.trustId, s.ids.t!), eq(auditEvents.action, 'trust.imported')))
    expect({ schools: storedSchools!.n, people: storedPeople!.n, imports: imports!.n }).toEqual({ schools: 2, people: 3, imports: 1 })
  })

  it('When a unique violation is raised outside any transaction, then the error handler still answers 409 naming the field', async () => {
    const app = Fastify()
    await app.register(problemsPlugin)
    const [reading] = await t.database.db.select().from(areas).where(and(eq(areas.trustId, s.ids.t!), eq(areas.slug, 'reading')))
    app.post('/clash', async () => {
      await t.database.db.insert(areas).values({ trustId: reading!.trustId, slug: reading!.slug, name: 'Again', description: '', position: 99 })
      return { ok: true }
    })
    const res = await app.inject({ method: 'POST', url: '/clash' })
    await app.close()
    expect(res.statusCode).toBe(409)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.json()).toMatchObject({
      type: '/problems/conflict',
      status: 409,
      errors: [{ path: 'slug', message: 'Your framework already has an area with this slug; choose another' }],
    })
  })
})

describe('text the database cannot store', () => {
  it('When PostgreSQL refuses a NUL or half a surrogate pair that slipped past a schema (22021, 22P05, 22P02), then it is a 400, not a 500', async () => {
    const attempts = [
      sql`select ${'a\u0000b'}::text`,
      sql`select ${JSON.stringify({ detail: 'x\u0000' })}::jsonb`,
      sql`select ${JSON.stringify({ detail: 'broken \ud83d emoji' })}::jsonb`,
    ]
    for (const attempt of attempts) {
      const err = await t.database.db.execute(attempt).then(() => null, (e: unknown) => e)
      expect(err).not.toBeNull()
      const problem = problemFromPgError(err)
      expect(problem?.status).toBe(400)
      expect(problem?.detail).toMatch(/cannot be stored/)
    }
  })

  it('When an error is ours (not the input), then it is not turned into a 4xx', async () => {
    const err = await t.database.db.execute(sql`select * from no_such_table`).then(() => null, (e: unknown) => e)
    expect(problemFromPgError(err)).toBeUndefined()
  })
})
