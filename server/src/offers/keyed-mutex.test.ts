import { describe, expect, it } from 'vitest'
import { KeyedMutex } from './keyed-mutex.ts'

const tick = () => new Promise((r) => setTimeout(r, 1))

describe('KeyedMutex', () => {
  it('When two tasks share a key, then they run one after the other; other keys run alongside', async () => {
    const m = new KeyedMutex()
    const log: string[] = []
    const task = (name: string, keys: string[]) => m.run(keys, async () => { log.push(`${name}+`); await tick(); log.push(`${name}-`) })
    await Promise.all([task('a', ['r1', 'e1']), task('b', ['e1']), task('c', ['r2'])])
    expect(log.indexOf('b+')).toBeGreaterThan(log.indexOf('a-'))
    expect(log.indexOf('c+')).toBeLessThan(log.indexOf('a-'))
  })

  it('When a task fails, then the next one still runs and the key is released', async () => {
    const m = new KeyedMutex()
    await expect(m.run(['k'], async () => { throw new Error('boom') })).rejects.toThrow('boom')
    await expect(m.run(['k'], async () => 42)).resolves.toBe(42)
  })

  it('When tasks take keys in opposite orders, then they never deadlock', async () => {
    const m = new KeyedMutex()
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => m.run(i % 2 ? ['x', 'y'] : ['y', 'x'], async () => { await tick(); return i })))
    expect(results).toHaveLength(20)
  })
})
