import type { Area, CreateAreaBody, UpdateAreaBody } from '@ee/shared/areas'
import type { Db, Executor } from '../db/client.ts'
import { inTransaction } from '../db/transaction.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertCan } from '../lib/policy.ts'
import { type FieldError, Problem, conflict, invalid, notFound } from '../lib/problem.ts'
import {
  type AreaRow,
  countAreaUses,
  countChildren,
  deleteArea as deleteAreaRow,
  findArea,
  findAreaBySlug,
  findAreasOfTrust,
  findSiblings,
  insertArea,
  setPositions,
  updateArea as updateAreaRow,
} from './areas.repo.ts'

/**
 * The framework is two levels: strands (no parent) and the areas under them. Each list is ordered
 * strand by strand, each strand followed by its areas; `position` is the place among siblings.
 */
function toTree(rows: AreaRow[], uses: Map<string, number>): Area[] {
  const view = (row: AreaRow, position: number): Area => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    parentId: row.parentId,
    position,
    retired: row.retiredAt !== null,
    inUse: uses.get(row.id) ?? 0,
  })
  const strands = rows.filter((r) => r.parentId === null)
  const ids = new Set(rows.map((r) => r.id))
  const out: Area[] = []
  strands.forEach((strand, i) => {
    out.push(view(strand, i))
    rows.filter((r) => r.parentId === strand.id).forEach((child, j) => out.push(view(child, j)))
  })
  // A child whose strand is gone cannot happen through the API; show it rather than lose it.
  rows.filter((r) => r.parentId !== null && !ids.has(r.parentId)).forEach((r, i) => out.push(view(r, strands.length + i)))
  return out
}

export async function listAreas(db: Db, actor: Actor): Promise<Area[]> {
  const rows = await findAreasOfTrust(db, actor.trustId)
  return toTree(rows, await countAreaUses(db, rows.map((r) => r.id)))
}

async function toArea(db: Executor, row: AreaRow): Promise<Area> {
  const siblings = await findSiblings(db, row.trustId, row.parentId)
  const uses = await countAreaUses(db, [row.id])
  return {
    id: row.id, slug: row.slug, name: row.name, description: row.description, parentId: row.parentId,
    position: Math.max(0, siblings.findIndex((s) => s.id === row.id)), retired: row.retiredAt !== null, inUse: uses.get(row.id) ?? 0,
  }
}

/** A parent must be a strand of the actor's trust; anything else is a field error, not a 404. */
async function checkParent(db: Executor, actor: Actor, parentId: string, self?: AreaRow): Promise<FieldError | null> {
  const parent = await findArea(db, parentId)
  if (!parent || parent.trustId !== actor.trustId) return { path: 'parentId', message: 'Choose one of the strands of your framework' }
  if (parent.parentId !== null) return { path: 'parentId', message: `"${parent.name}" is an area, not a strand; choose a strand` }
  if (self && parent.id === self.id) return { path: 'parentId', message: 'An area cannot sit under itself' }
  return null
}

/** Puts `id` at `index` among its siblings and closes the gaps. */
async function placeAmongSiblings(db: Executor, trustId: string, parentId: string | null, id: string, index?: number) {
  const siblings = (await findSiblings(db, trustId, parentId)).filter((s) => s.id !== id)
  const at = Math.min(index ?? siblings.length, siblings.length)
  siblings.splice(at, 0, { id, position: -1 })
  await setPositions(db, siblings)
}

export async function createArea(db: Db, actor: Actor, body: CreateAreaBody): Promise<Area> {
  assertCan(actor, 'area.create', { trustId: actor.trustId })
  return inTransaction(db, async (tx) => {
    // A taken slug is a clash (409), the same answer the unique index gives a racing twin (db/pg-errors.ts).
    if (await findAreaBySlug(tx, actor.trustId, body.slug)) {
      const message = `Your framework already has an area with the slug "${body.slug}"`
      throw new Problem(409, '/problems/conflict', 'That cannot be done now', `${message}; choose another slug.`, [{ path: 'slug', message }])
    }
    const parentId = body.parentId ?? null
    if (parentId) {
      const fault = await checkParent(tx, actor, parentId)
      if (fault) invalid([fault])
    }
    const row = await insertArea(tx, { trustId: actor.trustId, slug: body.slug, name: body.name, description: body.description, parentId, position: 1_000_000 })
    await placeAmongSiblings(tx, actor.trustId, parentId, row.id, body.position)
    await audit(tx, actor, { action: 'area.created', objectType: 'area', objectId: row.id, detail: { slug: row.slug, name: row.name, parentId } })
    return toArea(tx, (await findArea(tx, row.id))!)
  })
}

export async function updateArea(db: Db, actor: Actor, id: string, body: UpdateAreaBody, now: Date): Promise<Area> {
  return db.transaction(async (tx) => {
    const row = (await findArea(tx, id, true)) ?? notFound('area')
    assertCan(actor, 'area.update', row, 'area')
    const parentId = body.parentId === undefined ? row.parentId : body.parentId
    const moving = parentId !== row.parentId
    if (moving && parentId) {
      const fault = await checkParent(tx, actor, parentId, row)
      if (fault) invalid([fault])
      if ((await countChildren(tx, row.id)) > 0) {
        invalid([{ path: 'parentId', message: `"${row.name}" is a strand with areas of its own; move its areas first` }])
      }
    }
    const retiring = body.retired === undefined ? undefined : body.retired !== (row.retiredAt !== null) ? body.retired : undefined
    const updated = await updateAreaRow(tx, row.id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(moving ? { parentId, position: 1_000_000 } : {}),
      ...(retiring !== undefined ? { retiredAt: retiring ? now : null } : {}),
    })
    if (moving || body.position !== undefined) {
      await placeAmongSiblings(tx, actor.trustId, parentId, row.id, body.position)
      if (moving) await setPositions(tx, await findSiblings(tx, actor.trustId, row.parentId))
    }
    const action = retiring === true ? 'area.retired' : retiring === false ? 'area.restored' : 'area.updated'
    await audit(tx, actor, { action, objectType: 'area', objectId: row.id, detail: { ...body } })
    return toArea(tx, (await findArea(tx, updated.id))!)
  })
}

export async function deleteArea(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = (await findArea(tx, id, true)) ?? notFound('area')
    assertCan(actor, 'area.delete', row, 'area')
    if ((await countChildren(tx, row.id)) > 0) conflict(`"${row.name}" is a strand with areas under it. Move or delete those areas first, or retire the strand.`)
    const uses = (await countAreaUses(tx, [row.id])).get(row.id) ?? 0
    if (uses > 0) {
      conflict(
        `"${row.name}" is used by ${uses} ${uses === 1 ? 'expertise entry, request or case' : 'expertise entries, requests or cases'}, so it cannot be deleted. Retire it instead: it stays on those records but cannot be chosen again.`,
      )
    }
    await deleteAreaRow(tx, row.id)
    await audit(tx, actor, { action: 'area.deleted', objectType: 'area', objectId: row.id, detail: { slug: row.slug, name: row.name } })
  })
}

/**
 * Turns the slugs a person chose (a request's or an entry's `areas`) into area ids of their trust.
 * A retired area, or an area of a retired strand, cannot be chosen anew; one the record already
 * carries (`keep`) may stay. Refuses with 400 naming `areas[i]` for each slug that fails.
 */
export async function resolveChosenAreas(db: Executor, trustId: string, slugs: readonly string[], keep: ReadonlySet<string> = new Set()): Promise<string[]> {
  const rows = await findAreasOfTrust(db, trustId)
  const bySlug = new Map(rows.map((r) => [r.slug, r]))
  const byId = new Map(rows.map((r) => [r.id, r]))
  const errors: FieldError[] = []
  const ids: string[] = []
  slugs.forEach((slug, i) => {
    const row = bySlug.get(slug)
    if (!row) {
      errors.push({ path: `areas[${i}]`, message: `There is no area "${slug}" in your trust's framework` })
      return
    }
    const strand = row.parentId ? byId.get(row.parentId) : undefined
    const retired = row.retiredAt !== null || (strand !== undefined && strand.retiredAt !== null)
    if (retired && !keep.has(row.id)) {
      errors.push({ path: `areas[${i}]`, message: `"${row.name}" has been retired from the framework; choose another area` })
      return
    }
    ids.push(row.id)
  })
  if (errors.length) invalid(errors)
  return [...new Set(ids)]
}

/** An area or a whole strand (the strand and its areas), by slug; empty when the trust has no such slug. */
export async function areaFamilyIds(db: Executor, trustId: string, slug: string): Promise<string[]> {
  const rows = await findAreasOfTrust(db, trustId)
  const root = rows.find((r) => r.slug === slug)
  if (!root) return []
  return [root.id, ...rows.filter((r) => r.parentId === root.id).map((r) => r.id)]
}
