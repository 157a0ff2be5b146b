import { createHash } from 'node:crypto'
import { and, eq, lt } from 'drizzle-orm'
import type { Db, Tx } from '../db/client.ts'
import { idempotencyKeys } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import { Problem } from '../lib/problem.ts'

/** Key order does not change what was asked. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

/**
 * Idempotency-Key (IETF draft; docs/design.md §9): the key is stored per person, in the same
 * transaction as the change, with a fingerprint of what was asked and the answer given. A repeat
 * with the same request replays that answer and changes nothing; the same key for a different
 * request is 422. A concurrent duplicate waits on the key's row and then replays. Failed attempts
 * roll back with their key, so they can be retried. Keys are kept for 24 hours (`purgeIdempotencyKeys`).
 */
export async function withIdempotency<T>(
  tx: Tx,
  actor: Actor,
  key: string | undefined,
  route: string,
  body: unknown,
  run: () => Promise<T>,
): Promise<{ value: T; replayed: boolean }> {
  if (!key) return { value: await run(), replayed: false }
  const bodyHash = createHash('sha256').update(canonical(body)).digest('hex')
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ personId: actor.id, key, route, bodyHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key })
  if (!inserted.length) {
    const [stored] = await tx.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.personId, actor.id), eq(idempotencyKeys.key, key)))
    if (!stored || stored.route !== route || stored.bodyHash !== bodyHash) {
      throw new Problem(422, '/problems/idempotency-key-reused', 'That key was used for something else',
        'This Idempotency-Key was already used for a different request. Use a new key for a new request.')
    }
    if (stored.response === null) {
      throw new Problem(409, '/problems/in-progress', 'Still working on it', 'The same request is still being handled. Please wait a moment.')
    }
    return { value: stored.response as T, replayed: true }
  }
  const value = await run()
  await tx
    .update(idempotencyKeys)
    .set({ status: 200, response: value })
    .where(and(eq(idempotencyKeys.personId, actor.id), eq(idempotencyKeys.key, key)))
  return { value, replayed: false }
}

/** Idempotency keys are kept for 24 hours (published in the accept route's description). */
export async function purgeIdempotencyKeys(db: Db, now: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)))
}
