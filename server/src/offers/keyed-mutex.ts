/**
 * In-process queues by key. Accepts on the same request or expertise wait here, in Node, instead
 * of each holding a pooled connection while PostgreSQL makes them wait on the row lock: fifty
 * clicks on one request then use one connection at a time. The row locks in the transaction stay
 * the guarantee across processes; this only keeps the pool free. Keys are taken in sorted order.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>()

  async run<T>(keys: string[], fn: () => Promise<T>): Promise<T> {
    const releases: (() => void)[] = []
    try {
      for (const key of [...new Set(keys)].sort()) releases.push(await this.acquire(key))
      return await fn()
    } finally {
      for (const release of releases.reverse()) release()
    }
  }

  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    let release!: () => void
    const mine = new Promise<void>((resolve) => (release = resolve))
    const tail = previous.then(() => mine)
    this.tails.set(key, tail)
    await previous
    return () => {
      release()
      if (this.tails.get(key) === tail) this.tails.delete(key)
    }
  }
}
