import { type AnyColumn, and, asc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import { type Executor, queryRows } from '../db/client.ts'
import { acrossTrusts } from '../db/scope.ts'
import {
  areas, auditEvents, cases, emailOutbox, engagementExtensions, engagementLogs, engagements, expertise, expertiseAreas, idempotencyKeys, invitations,
  notificationDigests, notificationPreferences, notifications, offers, passwordResets, people, requests, schools, trusts,
} from '../db/schema/index.ts'

/**
 * Every query of subject access and erasure. This feature reads and rewrites rows of every other
 * feature's tables on purpose: what the product holds about one person is spread over all of them
 * (docs/decisions/013-subject-access-and-erasure.md).
 */

export async function findSubject(ex: Executor, id: string, lock = false) {
  const query = ex
    .select({
      id: people.id, trustId: people.trustId, schoolId: people.schoolId, name: people.name, email: people.email, role: people.role, active: people.active,
      pausedAt: people.pausedAt, lastActiveAt: people.lastActiveAt, createdAt: people.createdAt, erasedAt: people.erasedAt,
      schoolName: schools.name, trustName: trusts.name,
    })
    .from(people)
    .innerJoin(trusts, eq(trusts.id, people.trustId))
    .leftJoin(schools, eq(schools.id, people.schoolId))
    .where(eq(people.id, id))
  const [row] = lock ? await query.for('update', { of: people }) : await query
  return row
}
export type SubjectRow = NonNullable<Awaited<ReturnType<typeof findSubject>>>

export async function findExpertiseOf(ex: Executor, personId: string) {
  const rows = await ex.select().from(expertise).where(eq(expertise.personId, personId)).orderBy(asc(expertise.createdAt))
  const slugs = rows.length
    ? await ex.select({ expertiseId: expertiseAreas.expertiseId, slug: areas.slug }).from(expertiseAreas).innerJoin(areas, eq(areas.id, expertiseAreas.areaId)).where(inArray(expertiseAreas.expertiseId, rows.map((r) => r.id)))
    : []
  return rows.map((r) => ({ ...r, areas: slugs.filter((s) => s.expertiseId === r.id).map((s) => s.slug).sort() }))
}

export function findRequestsRaisedBy(ex: Executor, personId: string) {
  return ex.select().from(requests).where(eq(requests.raisedById, personId)).orderBy(asc(requests.createdAt))
}

export function findOffersOf(ex: Executor, personId: string) {
  return ex
    .select({
      offer: offers,
      request: { id: requests.id, trustId: requests.trustId, schoolId: requests.schoolId, title: requests.title, confidentiality: requests.confidentiality, status: requests.status },
    })
    .from(offers)
    .innerJoin(requests, eq(requests.id, offers.requestId))
    .where(eq(offers.personId, personId))
    .orderBy(asc(offers.createdAt))
}

/** Engagements they worked on as the expert, or decided on as a head: raised the request, or decided the release. */
export function findEngagementsOf(ex: Executor, personId: string) {
  return ex
    .select({ engagement: engagements, request: { title: requests.title, confidentiality: requests.confidentiality, raisedById: requests.raisedById } })
    .from(engagements)
    .innerJoin(requests, eq(requests.id, engagements.requestId))
    .where(or(eq(engagements.expertId, personId), eq(requests.raisedById, personId), eq(engagements.releaseDecidedById, personId)))
    .orderBy(asc(engagements.createdAt))
}

export function findLogsBy(ex: Executor, personId: string) {
  return ex.select().from(engagementLogs).where(eq(engagementLogs.loggedById, personId)).orderBy(asc(engagementLogs.date), asc(engagementLogs.createdAt))
}

export function findExtensionsBy(ex: Executor, personId: string) {
  return ex.select().from(engagementExtensions).where(eq(engagementExtensions.proposedById, personId)).orderBy(asc(engagementExtensions.createdAt))
}

export function findNotificationsTo(ex: Executor, personId: string) {
  return ex.select().from(notifications).where(eq(notifications.personId, personId)).orderBy(asc(notifications.createdAt))
}

export function findEmailsTo(ex: Executor, email: string) {
  return ex.select().from(emailOutbox).where(eq(emailOutbox.to, email)).orderBy(asc(emailOutbox.createdAt))
}

export function findPreferencesOf(ex: Executor, personId: string) {
  return ex.select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery }).from(notificationPreferences).where(eq(notificationPreferences.personId, personId)).orderBy(asc(notificationPreferences.kind))
}

/** Audit events they did, or that were done to them. */
export function findAuditAbout(ex: Executor, personId: string) {
  return ex.select().from(auditEvents).where(or(eq(auditEvents.actorId, personId), eq(auditEvents.objectId, personId))).orderBy(asc(auditEvents.id))
}

/** Objects whose words the person wrote as the actor of an audited step (a head's invitation note, reflection or reason to cancel). */
export async function findObjectsActedOn(ex: Executor, personId: string, actions: string[]) {
  const rows = await ex
    .selectDistinct({ action: auditEvents.action, objectId: auditEvents.objectId })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorId, personId), inArray(auditEvents.action, actions)))
  return rows.flatMap((r) => (r.objectId ? [{ action: r.action, objectId: r.objectId }] : []))
}

/** Words the person wrote as the actor of an audited step, and reasons they gave for declining more days. */
export async function findActedWords(ex: Executor, personId: string, a: { invitedOfferIds: string[]; completedIds: string[]; cancelledIds: string[] }): Promise<string[]> {
  const [notes, reflections, reasons, declines] = [
    await ex.select({ t: offers.inviteNote }).from(offers).where(inArray(offers.id, a.invitedOfferIds)),
    await ex.select({ t: engagements.headReflection }).from(engagements).where(inArray(engagements.id, a.completedIds)),
    await ex.select({ t: engagements.cancelReason }).from(engagements).where(inArray(engagements.id, a.cancelledIds)),
    await ex.select({ t: engagementExtensions.declineReason }).from(engagementExtensions).where(eq(engagementExtensions.decidedById, personId)),
  ]
  return [...notes, ...reflections, ...reasons, ...declines].flatMap((r) => (r.t ? [r.t] : []))
}

// --- Erasure -------------------------------------------------------------------------------------

/** Empty words stay empty: erasure never invents text where there was none. */
const removed = (column: AnyColumn, replacement: string) => sql`case when coalesce(${column}, '') = '' then ${column} else ${replacement} end`

export type Authored = {
  personId: string
  /** Offers whose invitation note they wrote as the inviting head. */
  invitedOfferIds: string[]
  /** Engagements they completed as the receiving head (the head's reflection is theirs). */
  completedIds: string[]
  /** Engagements they cancelled (the reason is theirs). */
  cancelledIds: string[]
}

/**
 * Replaces every text the person wrote with `replacement`, keeping every figure, date and status, and
 * archives their expertise. A case keeps the other side's words: only its parts that came from this
 * person are replaced. Returns how many rows changed.
 */
export async function removeWordsOf(ex: Executor, a: Authored, replacement: string, now: Date): Promise<number> {
  const r = (c: AnyColumn) => removed(c, replacement)
  const raised = ex.select({ id: requests.id }).from(requests).where(eq(requests.raisedById, a.personId))
  const asExpert = ex.select({ id: engagements.id }).from(engagements).where(eq(engagements.expertId, a.personId))
  const counts = [
    await ex.update(expertise).set({ title: r(expertise.title), summary: r(expertise.summary), evidence: r(expertise.evidence), active: false, archivedAt: sql`coalesce(${expertise.archivedAt}, ${now})` }).where(eq(expertise.personId, a.personId)).returning({ id: expertise.id }),
    await ex.update(requests).set({ title: r(requests.title), problem: r(requests.problem), tried: r(requests.tried), outcome: r(requests.outcome) }).where(eq(requests.raisedById, a.personId)).returning({ id: requests.id }),
    await ex.update(offers).set({ message: r(offers.message) }).where(eq(offers.personId, a.personId)).returning({ id: offers.id }),
    await ex.update(offers).set({ inviteNote: r(offers.inviteNote) }).where(inArray(offers.id, a.invitedOfferIds)).returning({ id: offers.id }),
    await ex.update(engagementLogs).set({ note: r(engagementLogs.note) }).where(eq(engagementLogs.loggedById, a.personId)).returning({ id: engagementLogs.id }),
    await ex.update(engagementExtensions).set({ reason: r(engagementExtensions.reason) }).where(eq(engagementExtensions.proposedById, a.personId)).returning({ id: engagementExtensions.id }),
    await ex.update(engagementExtensions).set({ declineReason: r(engagementExtensions.declineReason) }).where(eq(engagementExtensions.decidedById, a.personId)).returning({ id: engagementExtensions.id }),
    await ex.update(engagements).set({ expertReflection: r(engagements.expertReflection) }).where(eq(engagements.expertId, a.personId)).returning({ id: engagements.id }),
    await ex.update(engagements).set({ headReflection: r(engagements.headReflection) }).where(inArray(engagements.id, a.completedIds)).returning({ id: engagements.id }),
    await ex.update(engagements).set({ cancelReason: r(engagements.cancelReason) }).where(inArray(engagements.id, a.cancelledIds)).returning({ id: engagements.id }),
    await ex.update(cases).set({ approach: r(cases.approach) }).where(inArray(cases.engagementId, asExpert)).returning({ id: cases.id }),
    await ex.update(cases).set({ title: r(cases.title), problem: r(cases.problem) }).where(inArray(cases.requestId, raised)).returning({ id: cases.id }),
    await ex.update(cases).set({ outcome: r(cases.outcome) }).where(inArray(cases.engagementId, a.completedIds)).returning({ id: cases.id }),
  ]
  return counts.reduce((n, rows) => n + rows.length, 0)
}

type TextTable = PgTable & { id: PgColumn; trustId: PgColumn }

/**
 * Where words are kept, and whether the table holds copies of other rows' words (notifications,
 * e-mails, cases) or its own authors' words (a colleague's reflection that names the person). Copies
 * lose every quoted word of the erased person; authors' words lose only their name and e-mail.
 */
const TEXT_COLUMNS: { table: TextTable; columns: PgColumn[]; holds: 'copies' | 'authors' }[] = [
  { table: notifications, columns: [notifications.title, notifications.body], holds: 'copies' },
  { table: emailOutbox, columns: [emailOutbox.subject, emailOutbox.text], holds: 'copies' },
  { table: cases, columns: [cases.title, cases.problem, cases.approach, cases.outcome], holds: 'copies' },
  { table: requests, columns: [requests.title, requests.problem, requests.tried, requests.outcome], holds: 'authors' },
  { table: offers, columns: [offers.message, offers.inviteNote], holds: 'authors' },
  { table: engagements, columns: [engagements.headReflection, engagements.expertReflection, engagements.cancelReason], holds: 'authors' },
  { table: engagementLogs, columns: [engagementLogs.note], holds: 'authors' },
  { table: engagementExtensions, columns: [engagementExtensions.reason, engagementExtensions.declineReason], holds: 'authors' },
  { table: expertise, columns: [expertise.title, expertise.summary, expertise.evidence], holds: 'authors' },
]

const like = (t: string) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * Rewrites every text column of the trust where a needle may appear (ILIKE pre-filter, then `rewrite`
 * decides). `texts.copies` are looked for in copies, `texts.authors` in authors' words. Returns how many
 * rows changed.
 */
export async function rewriteTexts(ex: Executor, trustId: string, texts: { copies: readonly string[]; authors: readonly string[] }, rewrite: { copies: (s: string) => string; authors: (s: string) => string }): Promise<number> {
  let changed = 0
  for (const { table, columns, holds } of TEXT_COLUMNS) {
    const needles = texts[holds]
    if (!needles.length) continue
    const selection: Record<string, PgColumn> = { id: table.id }
    columns.forEach((c, i) => (selection[`c${i}`] = c))
    const rows = (await ex
      .select(selection)
      .from(table)
      .where(and(eq(table.trustId, trustId), or(...columns.flatMap((c) => needles.map((t) => ilike(c, like(t)))))))) as Record<string, string | null>[]
    for (const row of rows) {
      const values: Record<string, string> = {}
      columns.forEach((c, i) => {
        const before = row[`c${i}`]
        if (before == null) return
        const after = rewrite[holds](before)
        if (after !== before) values[keyOf(table, c)] = after
      })
      if (Object.keys(values).length) {
        await ex.update(table).set(values).where(eq(table.id, row.id!))
        changed++
      }
    }
  }
  return changed
}

/** The table's property name for a column (drizzle's `set` takes property names, not SQL names). */
function keyOf(table: PgTable, column: PgColumn): string {
  const entry = Object.entries(table).find(([, v]) => v === column)
  if (!entry) throw new Error(`column ${column.name} is not on its table`)
  return entry[0]
}

/** Audit rows of the trust whose detail may hold a copy: matched on the detail's JSON text. */
export async function findAuditCopies(ex: Executor, trustId: string, jsonTexts: readonly string[]) {
  if (!jsonTexts.length) return []
  return ex
    .select({ id: auditEvents.id, detail: auditEvents.detail })
    .from(auditEvents)
    .where(and(eq(auditEvents.trustId, trustId), or(...jsonTexts.map((t) => ilike(sql`${auditEvents.detail}::text`, like(t))))))
}

/** Through the owner's function (migration 0024): the app's role may lose UPDATE on audit_events. */
export async function setAuditDetails(ex: Executor, changes: { id: number; detail: unknown }[]): Promise<number> {
  if (!changes.length) return 0
  const ids = `{${changes.map((c) => c.id).join(',')}}`
  const details = `{${changes.map((c) => JSON.stringify(JSON.stringify(c.detail))).join(',')}}`
  const [row] = await queryRows<{ n: number }>(ex, sql`select ee_privacy_set_audit_details(${ids}::bigint[], ${details}::jsonb[]) as n`)
  return Number(row?.n ?? 0)
}

/** Rows that exist only for the person: their notifications, settings, links, replay answers, invitations and e-mails. */
export async function deleteRowsOf(ex: Executor, personId: string, email: string, trustId: string): Promise<number> {
  const deleted = [
    await ex.delete(notifications).where(eq(notifications.personId, personId)).returning({ id: notifications.id }),
    await ex.delete(notificationPreferences).where(eq(notificationPreferences.personId, personId)).returning({ k: notificationPreferences.kind }),
    await ex.delete(notificationDigests).where(eq(notificationDigests.personId, personId)).returning({ d: notificationDigests.day }),
    await ex.delete(passwordResets).where(eq(passwordResets.personId, personId)).returning({ id: passwordResets.id }),
    await ex.delete(idempotencyKeys).where(eq(idempotencyKeys.personId, personId)).returning({ k: idempotencyKeys.key }),
    await ex.delete(invitations).where(and(eq(invitations.trustId, trustId), eq(invitations.email, email))).returning({ id: invitations.id }),
    await ex.delete(emailOutbox).where(and(eq(emailOutbox.trustId, trustId), eq(emailOutbox.to, email))).returning({ id: emailOutbox.id }),
    // Mail without a trust (an address another trust tried to add) is a system row: erasure's one step across trusts.
    await acrossTrusts(ex, () => ex.delete(emailOutbox).where(and(isNull(emailOutbox.trustId), eq(emailOutbox.to, email))).returning({ id: emailOutbox.id })),
  ]
  return deleted.reduce((n, rows) => n + rows.length, 0)
}

/** Replay answers kept for a day (docs/design.md §9) that quote the person: dropped rather than rewritten. */
export async function deleteReplaysQuoting(ex: Executor, trustId: string, jsonTexts: readonly string[]): Promise<number> {
  if (!jsonTexts.length) return 0
  const rows = await ex
    .delete(idempotencyKeys)
    .where(and(
      inArray(idempotencyKeys.personId, ex.select({ id: people.id }).from(people).where(eq(people.trustId, trustId))),
      or(...jsonTexts.map((t) => ilike(sql`${idempotencyKeys.response}::text`, like(t)))),
    ))
    .returning({ k: idempotencyKeys.key })
  return rows.length
}

export async function erasePersonRow(ex: Executor, id: string, values: { name: string; email: string; now: Date }) {
  await ex
    .update(people)
    .set({ name: values.name, email: values.email, passwordHash: null, active: false, pausedAt: null, tokensValidAfter: values.now, erasedAt: values.now })
    .where(eq(people.id, id))
}
