import { type SQL, and, asc, eq, gt, isNull, sql } from 'drizzle-orm'
import { acrossTrusts } from '../db/scope.ts'
import { alias } from 'drizzle-orm/pg-core'
import type { Role } from '@ee/shared/common'
import type { Db, Executor } from '../db/client.ts'
import { invitations, passwordResets, people, schools, trusts } from '../db/schema/index.ts'

function prepareSessionPeople(db: Db) {
  return db
    .select({
      id: people.id,
      trustId: people.trustId,
      schoolId: people.schoolId,
      role: people.role,
      name: people.name,
      active: people.active,
      tokensValidAfter: people.tokensValidAfter,
      lastActiveAt: people.lastActiveAt,
      matchingVersion: trusts.matchingVersion,
      activityVersion: trusts.activityVersion,
    })
    .from(people)
    .innerJoin(trusts, eq(trusts.id, people.trustId))
    .where(sql`${people.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .prepare('session_people')
}

export type SessionPerson = Awaited<ReturnType<typeof findSessionPeople>>[number]

/**
 * Every authenticated request reads its person's row, so this is a prepared statement, built once per
 * database, that reads several at once (plugins/auth.ts batches requests that arrive together). It
 * brings the trust's data version along (lib/trust-cache.ts).
 */
const sessionPeopleQueries = new WeakMap<Db, ReturnType<typeof prepareSessionPeople>>()

export async function findSessionPeople(db: Db, ids: readonly string[]) {
  let query = sessionPeopleQueries.get(db)
  if (!query) {
    query = prepareSessionPeople(db)
    sessionPeopleQueries.set(db, query)
  }
  const rows = await query.execute({ ids: [...new Set(ids)] })
  return rows.map((row) => ({ ...row, role: row.role as Role }))
}

export async function touchLastActive(db: Executor, id: string) {
  await db.update(people).set({ lastActiveAt: sql`now()` }).where(eq(people.id, id))
}

const personColumns = {
  id: people.id,
  email: people.email,
  name: people.name,
  role: people.role,
  schoolId: people.schoolId,
  schoolName: schools.name,
  trustId: people.trustId,
  trustName: trusts.name,
  active: people.active,
  pausedAt: people.pausedAt,
  passwordHash: people.passwordHash,
}

function selectPeople(db: Executor) {
  return db.select(personColumns).from(people).innerJoin(trusts, eq(trusts.id, people.trustId)).leftJoin(schools, eq(schools.id, people.schoolId))
}

export async function findPersonByEmail(db: Executor, email: string) {
  const [row] = await selectPeople(db).where(eq(people.email, email))
  return row
}

export async function findPersonById(db: Executor, id: string) {
  const [row] = await selectPeople(db).where(eq(people.id, id))
  return row
}

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPersonById>>>

export function toPerson(row: PersonRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    schoolId: row.schoolId,
    schoolName: row.schoolName,
    trustId: row.trustId,
    trustName: row.trustName,
    active: row.active,
    paused: row.pausedAt !== null,
  }
}

export async function endSessions(db: Executor, personId: string) {
  await db.update(people).set({ tokensValidAfter: sql`now()` }).where(eq(people.id, personId))
}

/** An invitation that can still be accepted: not yet used, not expired. */
const usableInvitation = (tokenHash: string, now: Date): SQL => and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now))!

export async function findUsableInvitation(ex: Executor, tokenHash: string, now: Date) {
  const [row] = await ex.select({ email: invitations.email }).from(invitations).where(usableInvitation(tokenHash, now))
  return row
}

/** The same invitation, locked for its one use; undefined if it was used or expired meanwhile. */
export async function lockUsableInvitation(ex: Executor, tokenHash: string, now: Date) {
  const [row] = await ex.select().from(invitations).where(usableInvitation(tokenHash, now)).for('update')
  return row
}

export async function markInvitationAccepted(ex: Executor, id: string, at: Date) {
  await ex.update(invitations).set({ acceptedAt: at }).where(eq(invitations.id, id))
}

export async function findAccountByEmail(ex: Executor, email: string) {
  const [row] = await ex.select({ id: people.id, trustId: people.trustId, passwordHash: people.passwordHash }).from(people).where(eq(people.email, email))
  return row
}

export async function insertPerson(ex: Executor, values: typeof people.$inferInsert): Promise<string> {
  const [row] = await ex.insert(people).values(values).returning({ id: people.id })
  return row!.id
}

export async function updatePersonRow(ex: Executor, id: string, set: Partial<typeof people.$inferInsert>) {
  await ex.update(people).set(set).where(eq(people.id, id))
}

/** Earlier unused reset links of the person stop working. */
export async function voidResetLinks(ex: Executor, personId: string, now: Date) {
  await ex.update(passwordResets).set({ voidedAt: now }).where(and(eq(passwordResets.personId, personId), isNull(passwordResets.usedAt), isNull(passwordResets.voidedAt)))
}

export async function insertResetLink(ex: Executor, values: typeof passwordResets.$inferInsert): Promise<string> {
  const [row] = await ex.insert(passwordResets).values(values).returning({ id: passwordResets.id })
  return row!.id
}

/** The person an admin sends a reset link to, locked while the link is made. */
export async function lockPersonForReset(ex: Executor, id: string) {
  const [row] = await ex
    .select({ id: people.id, trustId: people.trustId, email: people.email, name: people.name, active: people.active })
    .from(people)
    .where(eq(people.id, id))
    .for('update')
  return row
}

const usableReset = (tokenHash: string, now: Date): SQL =>
  and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), isNull(passwordResets.voidedAt), gt(passwordResets.expiresAt, now))!

/** A reset link that still works, of an active account. */
export async function findUsableReset(ex: Executor, tokenHash: string, now: Date) {
  const [row] = await ex
    .select({ id: passwordResets.id, personId: people.id, email: people.email, name: people.name })
    .from(passwordResets)
    .innerJoin(people, eq(people.id, passwordResets.personId))
    .where(and(usableReset(tokenHash, now), eq(people.active, true)))
  return row
}

/** The same link, locked for its one use; undefined if it was used or voided meanwhile. */
export async function lockUsableReset(ex: Executor, tokenHash: string, id: string, now: Date) {
  const [row] = await ex.select({ id: passwordResets.id }).from(passwordResets).where(and(usableReset(tokenHash, now), eq(passwordResets.id, id))).for('update')
  return row
}

export async function markResetUsed(ex: Executor, id: string, now: Date) {
  await ex.update(passwordResets).set({ usedAt: now }).where(eq(passwordResets.id, id))
}

export type InvitationValues = typeof invitations.$inferInsert

/** Many invitations in statements of a thousand rows. */
export async function insertInvitations(ex: Executor, rows: InvitationValues[]) {
  // 100 rows a statement: short synchronous steps between round trips (admin.repo.ts CHUNK).
  for (let i = 0; i < rows.length; i += 100) await ex.insert(invitations).values(rows.slice(i, i + 100))
}

export async function insertInvitation(ex: Executor, values: InvitationValues): Promise<string> {
  const [row] = await ex.insert(invitations).values(values).returning({ id: invitations.id })
  return row!.id
}

/** A new token and expiry for a waiting invitation: its old link stops working. */
export async function renewInvitation(ex: Executor, id: string, values: InvitationValues) {
  await ex.update(invitations).set(values).where(eq(invitations.id, id))
}

export async function lockInvitation(ex: Executor, id: string) {
  const [row] = await ex.select().from(invitations).where(eq(invitations.id, id)).for('update')
  return row
}

/** The invitation for this address still waiting in the trust, locked while it is replaced. */
export async function lockWaitingInvitation(ex: Executor, trustId: string, email: string) {
  const [row] = await ex
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.trustId, trustId), eq(invitations.email, email), isNull(invitations.acceptedAt)))
    .for('update')
  return row
}

const inviters = alias(people, 'inviters')

export async function pendingInvitationsOfTrust(ex: Executor, trustId: string) {
  return ex
    .select({
      id: invitations.id, email: invitations.email, role: invitations.role, schoolId: invitations.schoolId, schoolName: schools.name,
      invitedByName: inviters.name, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .leftJoin(schools, eq(schools.id, invitations.schoolId))
    .leftJoin(inviters, eq(inviters.id, invitations.invitedById))
    .where(and(eq(invitations.trustId, trustId), isNull(invitations.acceptedAt)))
    .orderBy(asc(invitations.email), asc(invitations.createdAt))
    .limit(5000)
}

/** The trust an address has its account in, if any (an address belongs to one trust only). */
export async function accountTrustOf(ex: Executor, email: string): Promise<string | undefined> {
  const [row] = await acrossTrusts(ex, () => ex.select({ trustId: people.trustId }).from(people).where(eq(people.email, email)))
  return row?.trustId
}

export async function schoolTrustOf(ex: Executor, schoolId: string): Promise<string | undefined> {
  const [row] = await ex.select({ trustId: schools.trustId }).from(schools).where(eq(schools.id, schoolId))
  return row?.trustId
}

export async function trustName(ex: Executor, trustId: string): Promise<string | undefined> {
  const [row] = await ex.select({ name: trusts.name }).from(trusts).where(eq(trusts.id, trustId))
  return row?.name
}
