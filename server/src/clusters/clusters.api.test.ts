import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditEvents, clusters, schools, trusts } from '../db/schema/index.ts'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, seedTwoTrusts } from '../../test/bundle.ts'

const t = useTestApp()
let s: Seeded
let other: Seeded

beforeAll(async () => {
  ;({ s, other } = await seedTwoTrusts(t.app))
})

type Opts = Parameters<ReturnType<typeof as>>[0]
const call = async (ref: string, opts: Opts, who: Seeded = s) => as(t.app, await who.token(ref))(opts)
const admin = (opts: Opts, who: Seeded = s) => call('admin', opts, who)
const listed = async (who: Seeded = s) => (await admin({ method: 'GET', url: '/api/clusters' }, who)).json().items as { id: string; name: string; schoolCount: number }[]
const clusterOf = async (schoolId: string) => (await t.database.db.select({ clusterId: schools.clusterId }).from(schools).where(eq(schools.id, schoolId)))[0]!.clusterId
const balance = async (cluster: string) => call('central', { method: 'GET', url: `/api/flows/balance?cluster=${encodeURIComponent(cluster)}` })
const versions = async () => (await t.database.db.select({ m: trusts.matchingVersion, a: trusts.activityVersion }).from(trusts).where(eq(trusts.id, s.ids.t!)))[0]!

describe('clusters', () => {
  it.each(['headA', 'teacherA1', 'central', 'admin'])('When %s lists the clusters, then they see each with its school count', async (ref) => {
    const res = await call(ref, { method: 'GET', url: '/api/clusters' })
    expect(res.statusCode).toBe(200)
    expect(res.json().items.map((c: { name: string; schoolCount: number }) => [c.name, c.schoolCount])).toEqual([['North', 1], ['South', 1]])
  })

  it('When the admin creates a cluster, then it is listed empty and audited; the same name in other letter case is refused naming name', async () => {
    const res = await admin({ method: 'POST', url: '/api/clusters', payload: { name: '  Calder Valley ' } })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toEqual({ id: expect.any(String), name: 'Calder Valley', schoolCount: 0 })
    const again = await admin({ method: 'POST', url: '/api/clusters', payload: { name: 'calder valley' } })
    expect(again.statusCode).toBe(400)
    expect(again.json().errors).toEqual([{ path: 'name', message: 'There is already a cluster called “calder valley”; choose another name' }])
    const short = await admin({ method: 'POST', url: '/api/clusters', payload: { name: 'x' } })
    expect(short.json().errors).toEqual([{ path: 'name', message: 'Give the cluster a name of at least 2 characters' }])
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, res.json().id))
    expect(events.map((e) => e.action)).toEqual(['cluster.created'])
  })

  it('When another trust uses the same name, then that is its own business', async () => {
    expect((await admin({ method: 'POST', url: '/api/clusters', payload: { name: 'Calder Valley' } }, other)).statusCode).toBe(201)
  })

  it.each(['headA', 'teacherA1', 'central'])('When %s tries to create, rename, merge, delete or move, then 403 and nothing changes', async (ref) => {
    const before = await listed()
    const [, north, south] = before
    const tries: Opts[] = [
      { method: 'POST', url: '/api/clusters', payload: { name: 'Mine' } },
      { method: 'PATCH', url: `/api/clusters/${north!.id}`, payload: { name: 'Mine' } },
      { method: 'POST', url: `/api/clusters/${north!.id}/merge`, payload: { intoId: south!.id } },
      { method: 'DELETE', url: `/api/clusters/${north!.id}` },
      { method: 'POST', url: '/api/clusters/assign', payload: { clusterId: north!.id, schoolIds: [s.ids.B] } },
    ]
    for (const opts of tries) {
      const res = await call(ref, opts)
      expect(res.statusCode).toBe(403)
      expect(res.json().detail).toBe('Only the trust administrator manages clusters.')
    }
    expect(await listed()).toEqual(before)
  })

  it("When the admin of another trust renames, merges, deletes or fills this trust's cluster, then 404 and nothing changes", async () => {
    const [calder, north] = await listed()
    const [theirs] = await listed(other)
    const tries: Opts[] = [
      { method: 'PATCH', url: `/api/clusters/${north!.id}`, payload: { name: 'Stolen' } },
      { method: 'POST', url: `/api/clusters/${north!.id}/merge`, payload: { intoId: theirs!.id } },
      { method: 'DELETE', url: `/api/clusters/${north!.id}` },
      { method: 'POST', url: '/api/clusters/assign', payload: { clusterId: north!.id, schoolIds: [other.ids.A] } },
      { method: 'POST', url: '/api/clusters/assign', payload: { clusterId: theirs!.id, schoolIds: [s.ids.A] } },
    ]
    for (const opts of tries) expect((await admin(opts, other)).statusCode).toBe(404)
    const merge = await admin({ method: 'POST', url: `/api/clusters/${calder!.id}/merge`, payload: { intoId: theirs!.id } })
    expect(merge.json().errors).toEqual([{ path: 'intoId', message: 'Choose a cluster of your trust to merge into' }])
    expect(await clusterOf(s.ids.A!)).toBe(north!.id)
  })

  it('When the admin moves both schools into a new cluster at once, then the flows of that cluster show them straight away', async () => {
    const calder = (await listed()).find((c) => c.name === 'Calder Valley')!
    expect((await balance(calder.id)).json().items).toEqual([])
    const before = await versions()
    const res = await admin({ method: 'POST', url: '/api/clusters/assign', payload: { clusterId: calder.id, schoolIds: [s.ids.A, s.ids.B] } })
    expect(res.json()).toEqual({ moved: 2 })
    const after = await versions()
    expect(after.m).toBeGreaterThan(before.m)
    expect(after.a).toBeGreaterThan(before.a)
    const rows = (await balance(calder.id)).json().items
    expect(rows.map((r: { schoolId: string; cluster: string }) => [r.schoolId, r.cluster]).sort()).toEqual([[s.ids.A, 'Calder Valley'], [s.ids.B, 'Calder Valley']].sort())
    expect((await listed()).map((c) => [c.name, c.schoolCount])).toEqual([['Calder Valley', 2], ['North', 0], ['South', 0]])
  })

  it('When the admin renames the cluster, then flows find it by its new name at once and not by the old one', async () => {
    const calder = (await listed()).find((c) => c.name === 'Calder Valley')!
    await balance('Calder Valley')
    const res = await admin({ method: 'PATCH', url: `/api/clusters/${calder.id}`, payload: { name: 'Upper Calder' } })
    expect(res.json()).toEqual({ id: calder.id, name: 'Upper Calder', schoolCount: 2 })
    expect((await balance('Upper Calder')).json().items.map((r: { cluster: string }) => r.cluster)).toEqual(['Upper Calder', 'Upper Calder'])
    expect((await balance('Calder Valley')).json().errors).toEqual([{ path: 'cluster', message: 'There is no cluster "Calder Valley" in your trust' }])
    const taken = await admin({ method: 'PATCH', url: `/api/clusters/${calder.id}`, payload: { name: 'north' } })
    expect(taken.json().errors).toEqual([{ path: 'name', message: 'There is already a cluster called “north”; choose another name' }])
  })

  it('When the admin merges a cluster into another, then its schools move and it is gone; merging into itself is refused', async () => {
    const [north, , upper] = await listed()
    expect((await admin({ method: 'POST', url: `/api/clusters/${upper!.id}/merge`, payload: { intoId: upper!.id } })).json().errors).toEqual([{ path: 'intoId', message: 'Choose a different cluster to merge into' }])
    const res = await admin({ method: 'POST', url: `/api/clusters/${upper!.id}/merge`, payload: { intoId: north!.id } })
    expect(res.json()).toEqual({ id: north!.id, name: 'North', schoolCount: 2 })
    expect((await listed()).map((c) => c.name)).toEqual(['North', 'South'])
    expect(await clusterOf(s.ids.B!)).toBe(north!.id)
    expect((await balance('North')).json().items).toHaveLength(2)
  })

  it('When the admin deletes a cluster, then its schools stay, in no cluster; taking a school out with clusterId null works too', async () => {
    const south = (await listed()).find((c) => c.name === 'South')!
    await admin({ method: 'POST', url: '/api/clusters/assign', payload: { clusterId: south.id, schoolIds: [s.ids.B] } })
    const res = await admin({ method: 'DELETE', url: `/api/clusters/${south.id}` })
    expect(res.json()).toEqual({ ok: true })
    expect(await clusterOf(s.ids.B!)).toBeNull()
    expect(await t.database.db.select().from(clusters).where(eq(clusters.id, south.id))).toEqual([])
    const out = await admin({ method: 'POST', url: '/api/clusters/assign', payload: { clusterId: null, schoolIds: [s.ids.A] } })
    expect(out.json()).toEqual({ moved: 1 })
    expect(await clusterOf(s.ids.A!)).toBeNull()
    expect((await call('headA', { method: 'GET', url: '/api/schools' })).json().items.every((x: { clusterName: null }) => x.clusterName === null)).toBe(true)
  })
})
