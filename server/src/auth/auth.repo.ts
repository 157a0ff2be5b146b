import { eq, sql } from 'drizzle-orm'
import type { Role } from '@ee/shared/common'
import type { Db, Executor } from '../db/client.ts'
import { people, schools, trusts } from '../db/schema/index.ts'

function prepareSessionPerson(db: Db) {
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
    .where(eq(people.id, sql.placeholder('id')))
    .prepare('session_person')
}

/**
 * Every authenticated request reads this row, so it is a prepared statement, built once per
 * database. It brings the trust's data version along (lib/trust-cache.ts).
 */
const sessionPersonQueries = new WeakMap<Db, ReturnType<typeof prepareSessionPerson>>()

export async function findSessionPerson(db: Db, id: string) {
  let query = sessionPersonQueries.get(db)
  if (!query) {
    query = prepareSessionPerson(db)
    sessionPersonQueries.set(db, query)
  }
  const [row] = await query.execute({ id })
  return row ? { ...row, role: row.role as Role } : undefined
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
