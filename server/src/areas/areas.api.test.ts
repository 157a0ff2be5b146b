import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_FRAMEWORK } from '@ee/shared/areas'
import { areas, auditEvents } from '../db/schema/index.ts'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, seed, trustBundle } from '../../test/bundle.ts'

const t = useTestApp()
let s: Seeded
let other: Seeded

const entry = (ref: string, person: string, areaSlugs: string[]) => ({
  ref, person, title: `Entry ${ref}`, summary: 'Helping colleagues with something that matters to them.',
  evidence: 'Results went up in two schools over a year; we know because of the moderated assessments.', areas: areaSlugs,
  modes: ['coaching' as const], capacityDaysPerTerm: 4,
})

beforeAll(async () => {
  s = await seed(t.app, trustBundle({ expertise: [entry('e-reading', 'teacherA1', ['reading'])] }))
  other = await seed(t.app, trustBundle({}, 'Other'))
})

const call = async (ref: string, opts: Parameters<ReturnType<typeof as>>[0], who: Seeded = s) => as(t.app, await who.token(ref))(opts)
const ROLES = ['headA', 'teacherA1', 'central', 'admin'] as const
const areaRow = async (id: string) => (await t.database.db.select().from(areas).where(eq(areas.id, id)))[0]
const idOf = async (who: Seeded, slug: string) =>
  (await t.database.db.select({ id: areas.id }).from(areas).where(and(eq(areas.trustId, who.ids.t!), eq(areas.slug, slug))))[0]!.id

describe('GET /api/areas', () => {
  it.each(ROLES)('When %s reads the framework, then they get every strand followed by its areas, in order, with use counts', async (ref) => {
    const res = await call(ref, { method: 'GET', url: '/api/areas' })
    expect(res.statusCode).toBe(200)
    const items = res.json().items as { slug: string; parentId: string | null; position: number; retired: boolean; inUse: number; id: string }[]
    const expected = DEFAULT_FRAMEWORK.flatMap((strand) => [strand.slug, ...strand.areas.map(([slug]) => slug)])
    expect(items.map((a) => a.slug)).toEqual(expected)
    const strands = items.filter((a) => a.parentId === null)
    expect(strands.map((a) => a.position)).toEqual(strands.map((_, i) => i))
    expect(items.find((a) => a.slug === 'reading')).toMatchObject({ retired: false, inUse: 1, position: 2 })
    expect(items.find((a) => a.slug === 'mathematics')).toMatchObject({ inUse: 0 })
  })

  it("When another trust reads its framework, then none of this trust's areas are in it", async () => {
    const mine = new Set(((await call('central', { method: 'GET', url: '/api/areas' })).json().items as { id: string }[]).map((a) => a.id))
    const theirs = ((await call('central', { method: 'GET', url: '/api/areas' }, other)).json().items as { id: string }[]).map((a) => a.id)
    expect(theirs).toHaveLength(mine.size)
    expect(theirs.some((id) => mine.has(id))).toBe(false)
  })

  it('When nobody is signed in, then 401', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/areas' })).statusCode).toBe(401)
  })
})

describe('POST /api/areas', () => {
  it('When the central team adds an area under a strand at a place, then it is there and audited', async () => {
    const culture = await idOf(s, 'culture')
    const res = await call('central', { method: 'POST', url: '/api/areas', payload: { slug: 'oracy', name: 'Oracy', description: 'Talk for learning', parentId: culture, position: 1 } })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ slug: 'oracy', name: 'Oracy', description: 'Talk for learning', parentId: culture, position: 1, retired: false, inUse: 0 })
    const list = (await call('teacherA1', { method: 'GET', url: '/api/areas' })).json().items as { slug: string; parentId: string | null }[]
    expect(list.filter((a) => a.parentId === culture).map((a) => a.slug)).toEqual(['staff-development', 'oracy', 'wellbeing-and-workload', 'families-and-community'])
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'area.created'), eq(auditEvents.objectId, res.json().id)))
    expect(events).toHaveLength(1)
    expect(events[0]!.actorId).toBe(s.ids.central)
  })

  it('When the central team adds a strand without a place, then it comes last', async () => {
    const res = await call('central', { method: 'POST', url: '/api/areas', payload: { slug: 'partnerships', name: 'Partnerships' } })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ parentId: null, position: DEFAULT_FRAMEWORK.length })
  })

  it.each(['headA', 'teacherA1', 'admin'])('When %s tries to add an area, then 403 and nothing is added', async (ref) => {
    const res = await call(ref, { method: 'POST', url: '/api/areas', payload: { slug: `by-${ref.toLowerCase()}`, name: 'Not allowed' } })
    expect(res.statusCode).toBe(403)
    expect(res.json()).toMatchObject({ status: 403, title: 'Not allowed', detail: 'Only the central team curates the framework.' })
    expect(await t.database.db.select().from(areas).where(eq(areas.slug, `by-${ref.toLowerCase()}`))).toEqual([])
  })

  it('When the slug is taken (409), or the parent is an area, or belongs to another trust (400), then the answer names the field', async () => {
    const taken = await call('central', { method: 'POST', url: '/api/areas', payload: { slug: 'reading', name: 'Reading again' } })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().errors).toEqual([{ path: 'slug', message: 'Your framework already has an area with the slug "reading"' }])
    const underArea = await call('central', { method: 'POST', url: '/api/areas', payload: { slug: 'deep-reading', name: 'Deep reading', parentId: await idOf(s, 'reading') } })
    expect(underArea.statusCode).toBe(400)
    expect(underArea.json().errors).toEqual([{ path: 'parentId', message: '"Reading" is an area, not a strand; choose a strand' }])
    const foreign = await call('central', { method: 'POST', url: '/api/areas', payload: { slug: 'foreign-parent', name: 'Foreign parent', parentId: await idOf(other, 'culture') } })
    expect(foreign.statusCode).toBe(400)
    expect(foreign.json().errors).toEqual([{ path: 'parentId', message: 'Choose one of the strands of your framework' }])
    const bad = await call('central', { method: 'POST', url: '/api/areas', payload: { slug: 'Not A Slug', name: 'x' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'slug'])
  })
})

describe('PATCH /api/areas/:id', () => {
  it('When the central team renames, describes and moves an area to another strand and place, then the framework shows it', async () => {
    const id = await idOf(s, 'attendance')
    const leadership = await idOf(s, 'leadership')
    const res = await call('central', { method: 'PATCH', url: `/api/areas/${id}`, payload: { name: 'Attendance and punctuality', description: 'Getting pupils in', parentId: leadership, position: 0 } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ slug: 'attendance', name: 'Attendance and punctuality', description: 'Getting pupils in', parentId: leadership, position: 0 })
    const list = (await call('headA', { method: 'GET', url: '/api/areas' })).json().items as { slug: string; parentId: string | null; position: number }[]
    expect(list.filter((a) => a.parentId === leadership).map((a) => [a.slug, a.position])).toEqual([
      ['attendance', 0], ['middle-leadership', 1], ['senior-leadership', 2], ['governance-and-finance', 3],
    ])
    const behaviour = await idOf(s, 'behaviour')
    expect(list.filter((a) => a.parentId === behaviour).map((a) => [a.slug, a.position])).toEqual([['behaviour-systems', 0]])
  })

  it('When the central team moves a strand to the top, then the strands are reordered', async () => {
    const id = await idOf(s, 'safeguarding')
    const res = await call('central', { method: 'PATCH', url: `/api/areas/${id}`, payload: { position: 0 } })
    expect(res.statusCode).toBe(200)
    const strands = ((await call('teacherA1', { method: 'GET', url: '/api/areas' })).json().items as { slug: string; parentId: string | null }[]).filter((a) => a.parentId === null)
    expect(strands.slice(0, 3).map((a) => a.slug)).toEqual(['safeguarding', 'curriculum', 'instruction'])
  })

  it('When the central team retires and restores an area, then the flag follows and both are audited', async () => {
    const id = await idOf(s, 'eal')
    const retired = await call('central', { method: 'PATCH', url: `/api/areas/${id}`, payload: { retired: true } })
    expect(retired.statusCode).toBe(200)
    expect(retired.json().retired).toBe(true)
    expect((await areaRow(id))!.retiredAt).not.toBeNull()
    const restored = await call('central', { method: 'PATCH', url: `/api/areas/${id}`, payload: { retired: false } })
    expect(restored.json().retired).toBe(false)
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, id))).map((e) => e.action)
    expect(actions).toEqual(['area.retired', 'area.restored'])
  })

  it('When a strand with areas is moved under another strand, then 400 names parentId', async () => {
    const res = await call('central', { method: 'PATCH', url: `/api/areas/${await idOf(s, 'inclusion')}`, payload: { parentId: await idOf(s, 'culture') } })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ path: 'parentId', message: '"Inclusion" is a strand with areas of its own; move its areas first' }])
  })

  it.each(['headA', 'teacherA1', 'admin'])('When %s tries to rename an area, then 403 and it is unchanged', async (ref) => {
    const id = await idOf(s, 'science')
    const res = await call(ref, { method: 'PATCH', url: `/api/areas/${id}`, payload: { name: 'Renamed' } })
    expect(res.statusCode).toBe(403)
    expect((await areaRow(id))!.name).toBe('Science')
  })

  // Another trust's central team gets 404, as for a missing id; other roles can never curate, so they get 403
  // before any lookup, again exactly as for a missing id (docs/design.md §10).
  it.each(ROLES.map((r) => [r, r === 'central' ? 404 : 403] as const))("When %s of another trust patches this trust's area, then %i and it is unchanged", async (ref, status) => {
    const id = await idOf(s, 'science')
    const res = await call(ref, { method: 'PATCH', url: `/api/areas/${id}`, payload: { name: 'Renamed' } }, other)
    expect(res.statusCode).toBe(status)
    expect((await call(ref, { method: 'PATCH', url: '/api/areas/00000000-0000-4000-8000-000000000000', payload: { name: 'Renamed' } }, other)).json()).toMatchObject({ status, detail: res.json().detail })
    expect((await areaRow(id))!.name).toBe('Science')
  })

  it('When the body has an unknown field, then 400', async () => {
    const res = await call('central', { method: 'PATCH', url: `/api/areas/${await idOf(s, 'science')}`, payload: { slug: 'new-slug' } })
    expect(res.statusCode).toBe(400)
  })
})

describe('DELETE /api/areas/:id', () => {
  it('When the area is in use, then 409 tells the central team to retire it instead, and it stays', async () => {
    const id = await idOf(s, 'reading')
    const res = await call('central', { method: 'DELETE', url: `/api/areas/${id}` })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({
      status: 409,
      title: 'That cannot be done now',
      detail: '"Reading" is used by 1 expertise entry, request or case, so it cannot be deleted. Retire it instead: it stays on those records but cannot be chosen again.',
    })
    expect(await areaRow(id)).toBeDefined()
  })

  it('When the area is a strand with areas, then 409', async () => {
    const res = await call('central', { method: 'DELETE', url: `/api/areas/${await idOf(s, 'assessment')}` })
    expect(res.statusCode).toBe(409)
  })

  it.each(['headA', 'teacherA1', 'admin'])('When %s tries to delete an unused area, then 403 and it stays', async (ref) => {
    const id = await idOf(s, 'online-safety')
    expect((await call(ref, { method: 'DELETE', url: `/api/areas/${id}` })).statusCode).toBe(403)
    expect(await areaRow(id)).toBeDefined()
  })

  it.each(ROLES.map((r) => [r, r === 'central' ? 404 : 403] as const))("When %s of another trust deletes this trust's area, then %i and it stays", async (ref, status) => {
    const id = await idOf(s, 'online-safety')
    expect((await call(ref, { method: 'DELETE', url: `/api/areas/${id}` }, other)).statusCode).toBe(status)
    expect(await areaRow(id)).toBeDefined()
  })

  it('When the central team deletes an unused area, then it is gone and audited', async () => {
    const id = await idOf(s, 'online-safety')
    const res = await call('central', { method: 'DELETE', url: `/api/areas/${id}` })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true })
    expect(await areaRow(id)).toBeUndefined()
    // Refused attempts on it above are audited too, as denied.
    expect((await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.objectId, id), eq(auditEvents.outcome, 'success')))).map((e) => e.action)).toEqual(['area.deleted'])
    expect((await call('central', { method: 'DELETE', url: `/api/areas/${id}` })).statusCode).toBe(404)
  })
})
