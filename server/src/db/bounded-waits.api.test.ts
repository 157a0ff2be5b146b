import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, seed, trustBundle } from '../../test/bundle.ts'
import { POOL_LIMITS } from './client.ts'

/**
 * docs/design.md §9: no request waits more than 5 s, and none fails with a 500, because of a lock
 * or a connection held elsewhere. On PostgreSQL another session holds the row; PGlite has a single
 * connection, so there the same traffic must simply keep working.
 */
describe('bounded waits', () => {
  const t = useTestApp()
  let s: Seeded
  let admin: ReturnType<typeof as>
  beforeAll(async () => {
    s = await seed(t.app, trustBundle())
    admin = as(t.app, await s.token('admin'))
  })

  const timed = async (call: Promise<{ statusCode: number; headers: Record<string, unknown>; json: () => unknown }>) => {
    const started = Date.now()
    const res = await call
    return { res, ms: Date.now() - started }
  }
  const rename = (name: string) => admin({ method: 'PATCH', url: `/api/schools/${s.ids.A}`, payload: { name } })
  const unrelated = () => admin({ method: 'GET', url: '/api/areas' })

  it('When a school row is locked by another session, then a PATCH of it is a 503 "busy" with Retry-After inside 5 s, and unrelated reads answer 200 meanwhile', async () => {
    if (t.database.kind === 'pglite') {
      const answers = await Promise.all([rename('Renamed Primary A'), unrelated(), rename('Renamed Primary A again'), unrelated()])
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200])
      return
    }
    const pool = (t.database.db as unknown as { $client: pg.Pool }).$client
    const other = new pg.Client({ connectionString: (pool.options as { connectionString: string }).connectionString })
    await other.connect()
    try {
      await other.query('begin')
      await other.query('select id from schools where id = $1 for update', [s.ids.A])
      const patches = Array.from({ length: 6 }, (_, i) => timed(rename(`Blocked rename ${i}`)))
      await new Promise((r) => setTimeout(r, 100))
      const reads = Array.from({ length: 6 }, () => timed(unrelated()))
      const [blocked, free] = [await Promise.all(patches), await Promise.all(reads)]
      for (const { res, ms } of blocked) {
        expect(res.statusCode).toBe(503)
        expect(res.headers['retry-after']).toBe('2')
        expect(res.json()).toMatchObject({ status: 503, type: '/problems/busy', title: 'Busy just now' })
        expect(ms).toBeLessThan(5000)
      }
      for (const { res, ms } of free) {
        expect(res.statusCode).toBe(200)
        expect(ms).toBeLessThan(5000)
      }
    } finally {
      await other.query('rollback')
      await other.end()
    }
    // The lock gone, the same change goes through.
    const after = await rename('Renamed Primary A')
    expect(after.statusCode).toBe(200)
    expect(after.json()).toMatchObject({ name: 'Renamed Primary A' })
  })

  it('When every pooled connection is held, then the next request is a 503 "busy" after the acquire timeout, never a hang past 5 s, and service resumes once they are freed', async () => {
    if (t.database.kind === 'pglite') {
      const answers = await Promise.all(Array.from({ length: 20 }, () => unrelated()))
      expect(answers.every((a) => a.statusCode === 200)).toBe(true)
      return
    }
    const pool = (t.database.db as unknown as { $client: pg.Pool }).$client
    const held = await Promise.all(Array.from({ length: POOL_LIMITS.max }, () => pool.connect()))
    try {
      const { res, ms } = await timed(unrelated())
      expect(res.statusCode).toBe(503)
      expect(res.headers['retry-after']).toBe('2')
      expect(res.json()).toMatchObject({ status: 503, type: '/problems/busy' })
      expect(ms).toBeGreaterThanOrEqual(POOL_LIMITS.acquireTimeoutMs - 100)
      expect(ms).toBeLessThan(5000)
    } finally {
      for (const c of held) c.release()
    }
    expect((await unrelated()).statusCode).toBe(200)
  })
})
