import { randomUUID } from 'node:crypto'
import { DEFAULT_FRAMEWORK } from '@ee/shared/areas'
import type { Executor } from '../db/client.ts'
import { areas } from '../db/schema/index.ts'

/** Seeds the default framework (docs/design.md §3) for a new trust; answers slug → id. */
export async function seedDefaultFramework(tx: Executor, trustId: string): Promise<Map<string, string>> {
  const rows: (typeof areas.$inferInsert)[] = []
  DEFAULT_FRAMEWORK.forEach((strand, s) => {
    const strandId = randomUUID()
    rows.push({ id: strandId, trustId, slug: strand.slug, name: strand.name, position: s * 100 })
    strand.areas.forEach(([slug, name], a) => rows.push({ id: randomUUID(), trustId, slug, name, parentId: strandId, position: s * 100 + a + 1 }))
  })
  await tx.insert(areas).values(rows)
  return new Map(rows.map((r) => [r.slug, r.id!]))
}
