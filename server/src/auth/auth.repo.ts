import { eq, sql } from 'drizzle-orm'
import type { Role } from '@ee/shared/common'
import type { Db, Executor } from '../db/client.ts'
import { people, schools, trusts } from '../db/schema/index.ts'

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
