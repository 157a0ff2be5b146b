import { type SQL, and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm'
import { acrossTrusts } from '../db/scope.ts'
import type { Executor } from '../db/client.ts'
import { people, schools } from '../db/schema/index.ts'

const summaryColumns = {
  id: people.id,
  trustId: people.trustId,
  email: people.email,
  name: people.name,
  role: people.role,
  schoolId: people.schoolId,
  schoolName: schools.name,
  active: people.active,
  pausedAt: people.pausedAt,
  lastActiveAt: people.lastActiveAt,
}

export type PeopleFilter = { trustId: string; q?: string; role?: string; schoolId?: string; active?: boolean }

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** One window of the list (lib/page.ts), in a total order: name, e-mail (unique), so pages never overlap. */
export function findPeople(db: Executor, f: PeopleFilter, window: { offset: number; limit: number }) {
  const where: (SQL | undefined)[] = [eq(people.trustId, f.trustId)]
  if (f.q) where.push(or(ilike(people.name, `%${likeEscape(f.q)}%`), ilike(people.email, `%${likeEscape(f.q)}%`)))
  if (f.role) where.push(eq(people.role, f.role))
  if (f.schoolId) where.push(eq(people.schoolId, f.schoolId))
  if (f.active !== undefined) where.push(eq(people.active, f.active))
  return db
    .select(summaryColumns)
    .from(people)
    .leftJoin(schools, eq(schools.id, people.schoolId))
    .where(and(...where))
    .orderBy(asc(people.name), asc(people.email))
    .limit(window.limit)
    .offset(window.offset)
}

export async function findPerson(db: Executor, id: string, lock = false) {
  const query = db.select(summaryColumns).from(people).leftJoin(schools, eq(schools.id, people.schoolId)).where(eq(people.id, id))
  const [row] = lock ? await query.for('update', { of: people }) : await query
  return row
}

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>

export async function updatePerson(db: Executor, id: string, values: Partial<typeof people.$inferInsert>) {
  await db.update(people).set(values).where(eq(people.id, id))
}

/** Sessions issued before now stop working (the auth plugin compares tokensValidAfter). */
export async function endSessionsOf(db: Executor, id: string) {
  await db.update(people).set({ tokensValidAfter: sql`now()` }).where(eq(people.id, id))
}

export async function findSchoolOfTrust(db: Executor, trustId: string, schoolId: string) {
  const [row] = await db.select({ id: schools.id }).from(schools).where(and(eq(schools.id, schoolId), eq(schools.trustId, trustId)))
  return row
}

export async function findSchoolIdsByUrn(db: Executor, trustId: string, urns: number[]) {
  if (urns.length === 0) return new Map<number, string>()
  const rows = await db.select({ id: schools.id, urn: schools.urn }).from(schools).where(and(eq(schools.trustId, trustId), inArray(schools.urn, urns)))
  return new Map(rows.map((r) => [r.urn, r.id]))
}

/** E-mail → the trust of the person who has it. */
export async function findTakenEmails(db: Executor, emails: string[]) {
  if (emails.length === 0) return new Map<string, string>()
  const rows = await acrossTrusts(db, () => db.select({ email: people.email, trustId: people.trustId }).from(people).where(inArray(people.email, emails)))
  return new Map(rows.map((r) => [r.email, r.trustId]))
}
