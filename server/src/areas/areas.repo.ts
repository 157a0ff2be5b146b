import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'
import { areas, caseAreas, expertiseAreas, requestAreas } from '../db/schema/index.ts'

export type AreaRow = typeof areas.$inferSelect

export function findAreasOfTrust(db: Executor, trustId: string) {
  return db.select().from(areas).where(eq(areas.trustId, trustId)).orderBy(asc(areas.position), asc(areas.createdAt), asc(areas.id))
}

export async function findArea(db: Executor, id: string, lock = false) {
  const query = db.select().from(areas).where(eq(areas.id, id))
  const [row] = lock ? await query.for('update') : await query
  return row
}

export async function findAreaBySlug(db: Executor, trustId: string, slug: string) {
  const [row] = await db.select().from(areas).where(and(eq(areas.trustId, trustId), eq(areas.slug, slug)))
  return row
}

/** Every tagging of each area: expertise (archived included), requests and cases. */
export async function countAreaUses(db: Executor, areaIds: string[]): Promise<Map<string, number>> {
  if (areaIds.length === 0) return new Map()
  const uses = sql`(
    select ${expertiseAreas.areaId} as area_id from ${expertiseAreas} where ${inArray(expertiseAreas.areaId, areaIds)}
    union all select ${requestAreas.areaId} from ${requestAreas} where ${inArray(requestAreas.areaId, areaIds)}
    union all select ${caseAreas.areaId} from ${caseAreas} where ${inArray(caseAreas.areaId, areaIds)}
  )`
  const rows = await db
    .select({ areaId: sql<string>`u.area_id`, n: sql<number>`count(*)::int` })
    .from(sql`${uses} as u`)
    .groupBy(sql`u.area_id`)
  return new Map(rows.map((r) => [r.areaId, Number(r.n)]))
}

/** The strands (parentId null) or the areas of one strand, in order, locked for a reorder. */
export function findSiblings(db: Executor, trustId: string, parentId: string | null) {
  return db
    .select({ id: areas.id, position: areas.position })
    .from(areas)
    .where(and(eq(areas.trustId, trustId), parentId === null ? sql`${areas.parentId} is null` : eq(areas.parentId, parentId)))
    .orderBy(asc(areas.position), asc(areas.createdAt), asc(areas.id))
    .for('update')
}

export async function countChildren(db: Executor, id: string) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(areas).where(eq(areas.parentId, id))
  return Number(row?.n ?? 0)
}

export async function insertArea(db: Executor, values: typeof areas.$inferInsert) {
  const [row] = await db.insert(areas).values(values).returning()
  return row!
}

export async function updateArea(db: Executor, id: string, values: Partial<typeof areas.$inferInsert>) {
  if (Object.keys(values).length === 0) return (await findArea(db, id))!
  const [row] = await db.update(areas).set(values).where(eq(areas.id, id)).returning()
  return row!
}

export async function setPositions(db: Executor, ordered: { id: string; position: number }[]) {
  for (const [index, sibling] of ordered.entries()) {
    if (sibling.position !== index) await db.update(areas).set({ position: index }).where(eq(areas.id, sibling.id))
  }
}

export async function deleteArea(db: Executor, id: string) {
  await db.delete(areas).where(eq(areas.id, id))
}
