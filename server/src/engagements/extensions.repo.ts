import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'
import { engagementExtensions, engagementTerms, engagements, expertise } from '../db/schema/index.ts'

export type ExtensionRow = typeof engagementExtensions.$inferSelect

/** Statuses of a request for more days that is still waiting on somebody. */
const OPEN = ['proposed', 'pending']

export async function findExtension(ex: Executor, id: string): Promise<ExtensionRow | undefined> {
  const [row] = await ex.select().from(engagementExtensions).where(eq(engagementExtensions.id, id))
  return row
}

/** Taken last, after request → expertise → school → engagement: the order every writer keeps. */
export async function lockExtension(ex: Executor, id: string): Promise<ExtensionRow> {
  const [row] = await ex.select().from(engagementExtensions).where(eq(engagementExtensions.id, id)).for('update')
  return row!
}

/** The expertise entry whose days are spent, locked after the request as an acceptance locks it. */
export async function lockExpertiseRow(ex: Executor, id: string): Promise<boolean> {
  const [row] = await ex.select({ id: expertise.id }).from(expertise).where(eq(expertise.id, id)).for('update')
  return row !== undefined
}

export async function openExtensionOf(ex: Executor, engagementId: string): Promise<ExtensionRow | undefined> {
  const [row] = await ex.select().from(engagementExtensions).where(and(eq(engagementExtensions.engagementId, engagementId), inArray(engagementExtensions.status, OPEN)))
  return row
}

export async function insertExtension(ex: Executor, values: typeof engagementExtensions.$inferInsert): Promise<ExtensionRow> {
  const [row] = await ex.insert(engagementExtensions).values(values).returning()
  return row!
}

/** Moves a request for more days only from the state it was read in; undefined when it moved meanwhile. */
export async function moveExtension(ex: Executor, id: string, from: string, set: Partial<typeof engagementExtensions.$inferInsert>): Promise<ExtensionRow | undefined> {
  const [row] = await ex.update(engagementExtensions).set(set).where(and(eq(engagementExtensions.id, id), eq(engagementExtensions.status, from))).returning()
  return row
}

export async function extensionsByEngagement(ex: Executor, ids: string[]): Promise<Map<string, ExtensionRow[]>> {
  const out = new Map<string, ExtensionRow[]>()
  if (!ids.length) return out
  const rows = await ex.select().from(engagementExtensions).where(inArray(engagementExtensions.engagementId, ids)).orderBy(engagementExtensions.createdAt)
  for (const r of rows) out.set(r.engagementId, [...(out.get(r.engagementId) ?? []), r])
  return out
}

/** Requests for more days on a school's staff that its head sees: those the receiving head agreed to. */
export async function extensionsForProvider(ex: Executor, trustId: string, schoolId: string): Promise<ExtensionRow[]> {
  return ex
    .select({ x: engagementExtensions })
    .from(engagementExtensions)
    .innerJoin(engagements, eq(engagements.id, engagementExtensions.engagementId))
    .where(and(eq(engagementExtensions.trustId, trustId), eq(engagements.providerSchoolId, schoolId), inArray(engagementExtensions.status, ['pending', 'approved', 'refused'])))
    .orderBy(sql`${engagementExtensions.status} = 'pending' desc`, sql`${engagementExtensions.createdAt} desc`)
    .limit(200)
    .then((rows) => rows.map((r) => r.x))
}

/**
 * Adds released days to an engagement: its agreed days and its charge to the term, so capacity, the
 * school's budget and the flows count them. An engagement with no charge rows charged all its days to
 * its termStart; that row is written first so the old days keep being counted.
 */
export async function addEngagementDays(ex: Executor, g: { id: string; trustId: string; days: number; termStart: string }, termStart: string, days: number): Promise<number> {
  const existing = await ex.select({ termStart: engagementTerms.termStart }).from(engagementTerms).where(eq(engagementTerms.engagementId, g.id))
  if (!existing.length) await ex.insert(engagementTerms).values({ engagementId: g.id, trustId: g.trustId, termStart: g.termStart, days: g.days })
  await ex
    .insert(engagementTerms)
    .values({ engagementId: g.id, trustId: g.trustId, termStart, days })
    .onConflictDoUpdate({ target: [engagementTerms.engagementId, engagementTerms.termStart], set: { days: sql`${engagementTerms.days} + ${days}` } })
  const [row] = await ex.update(engagements).set({ days: sql`${engagements.days} + ${days}` }).where(eq(engagements.id, g.id)).returning({ days: engagements.days })
  return row!.days
}

/**
 * Requests for more days still open when their engagement ends otherwise (its expert gone): one waiting for
 * the receiving head is declined, one waiting for the providing school refused, with the reason.
 */
export async function declineOpenExtensionsOf(ex: Executor, engagementId: string, byId: string, now: Date, reason: string): Promise<void> {
  const where = (status: string) => and(eq(engagementExtensions.engagementId, engagementId), eq(engagementExtensions.status, status))
  await ex.update(engagementExtensions).set({ status: 'declined', decidedById: byId, decidedAt: now, declineReason: reason }).where(where('proposed'))
  await ex.update(engagementExtensions).set({ status: 'refused', releaseDecidedAt: now, declineReason: reason }).where(where('pending'))
}
