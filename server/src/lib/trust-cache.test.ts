import { describe, expect, it } from 'vitest'
import { TrustCache, type TrustVersion } from './trust-cache.ts'

const v = (matching: number, activity: number): TrustVersion => ({ matching, activity })

/** A computation that counts how often it ran and answers with its run number. */
function counter() {
  let runs = 0
  return { compute: async () => ++runs, runs: () => runs }
}

describe('TrustCache', () => {
  it('answers from memory while the trust version stays the same', async () => {
    const cache = new TrustCache<number>()
    const c = counter()
    expect(await cache.get('t1', v(1, 1), 'flows', c.compute)).toBe(1)
    expect(await cache.get('t1', v(1, 1), 'flows', c.compute)).toBe(1)
    expect(c.runs()).toBe(1)
  })

  it('computes afresh once either counter moves, and forgets the older answers', async () => {
    const cache = new TrustCache<number>()
    const c = counter()
    await cache.get('t1', v(1, 1), 'flows', c.compute)
    expect(await cache.get('t1', v(1, 2), 'flows', c.compute)).toBe(2)
    expect(await cache.get('t1', v(2, 2), 'flows', c.compute)).toBe(3)
    expect(await cache.get('t1', v(2, 2), 'flows', c.compute)).toBe(3)
  })

  it('answers a request that began before a known write afresh, without replacing the newer answers', async () => {
    const cache = new TrustCache<number>()
    const c = counter()
    await cache.get('t1', v(3, 3), 'flows', c.compute)
    expect(await cache.get('t1', v(2, 3), 'flows', c.compute)).toBe(2)
    expect(await cache.get('t1', v(3, 3), 'flows', c.compute)).toBe(1)
  })

  it('keeps trusts and keys apart', async () => {
    const cache = new TrustCache<string>()
    await cache.get('t1', v(1, 1), 'a', async () => 't1 a')
    await cache.get('t2', v(1, 1), 'a', async () => 't2 a')
    expect(await cache.get('t1', v(1, 1), 'a', async () => 'again')).toBe('t1 a')
    expect(await cache.get('t1', v(1, 1), 'b', async () => 't1 b')).toBe('t1 b')
    expect(await cache.get('t2', v(1, 1), 'a', async () => 'again')).toBe('t2 a')
  })

  it('shares one computation between requests that arrive together', async () => {
    const cache = new TrustCache<number>()
    const c = counter()
    const [a, b] = await Promise.all([cache.get('t1', v(1, 1), 'k', c.compute), cache.get('t1', v(1, 1), 'k', c.compute)])
    expect([a, b, c.runs()]).toEqual([1, 1, 1])
  })

  it('does not keep a failure: the next request tries again', async () => {
    const cache = new TrustCache<number>()
    await expect(cache.get('t1', v(1, 1), 'k', async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down')
    expect(await cache.get('t1', v(1, 1), 'k', async () => 7)).toBe(7)
  })

  it('stays within its bounds, dropping the oldest answers and trusts first', async () => {
    const cache = new TrustCache<string>({ answersPerTrust: 2, trusts: 2 })
    for (const key of ['a', 'b', 'c']) await cache.get('t1', v(1, 1), key, async () => key)
    expect(await cache.get('t1', v(1, 1), 'a', async () => 'a again')).toBe('a again')
    expect(await cache.get('t1', v(1, 1), 'c', async () => 'c again')).toBe('c')
    await cache.get('t2', v(1, 1), 'a', async () => 't2')
    await cache.get('t3', v(1, 1), 'a', async () => 't3')
    expect(await cache.get('t1', v(1, 1), 'c', async () => 't1 again')).toBe('t1 again')
  })
})
