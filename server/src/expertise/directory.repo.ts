import { type SQL, and, eq, isNull, sql } from 'drizzle-orm'
import type { Phase, Mode } from '@ee/shared/common'
import type { Executor } from '../db/client.ts'
import { clusters, expertise, expertiseAreas, people, schools } from '../db/schema/index.ts'
import type { TermName } from '../lib/default-calendar.ts'
import { capacityIn } from '../engagements/charges.ts'
import { committedDaysSql } from './expertise.repo.ts'

export type DirectoryCursor = { by: 'rank'; rank: string; id: string } | { by: 'updated'; updated: string; id: string }

export type DirectoryFilter = {
  trustId: string
  termStart: string
  /** The term's name: an entry may give a different number of days in it. */
  termName: TermName
  /** Only when it makes a non-empty tsquery: see `hasSearchTerms`. */
  q?: string
  areaIds?: string[]
  phase?: Phase
  subject?: string
  mode?: Mode
  schoolId?: string
  clusterId?: string
  hasFreeDays?: boolean
  cursor?: DirectoryCursor
  limit: number
}

/** A query made only of stop words ("the", "and") matches nothing; it is then no query at all. */
export async function hasSearchTerms(db: Executor, q: string): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`numnode(websearch_to_tsquery('english', ${q}))::int` }).from(sql`(select 1) as one`)
  return Number(row?.n ?? 0) > 0
}

/**
 * The directory: active entries of active, unpaused people of one trust, never archived. Ranked by
 * ts_rank_cd when there is a query, else newest first; keyset pagination on (rank, id) or
 * (updated_at, id), so each entry appears exactly once however far one pages.
 *
 * Plans (server/bench/directory-explain.ts): newest first walks the partial index
 * `expertise_directory` backwards and stops after the page; a query ANDs the GIN index
 * `expertise_search` with the trust's entries, ranks only the matches in a fenced subquery (so only
 * ids and ranks are sorted), and reads the wide columns for the page alone.
 */
export async function searchDirectory(db: Executor, f: DirectoryFilter) {
  const tsq = f.q ? sql`websearch_to_tsquery('english', ${f.q})` : null
  const committed = committedDaysSql(expertise.id, f.termStart)
  const capacity = capacityIn(f.termName)

  const onEntry: (SQL | undefined)[] = [eq(expertise.trustId, f.trustId), eq(expertise.active, true), isNull(expertise.archivedAt)]
  if (tsq) onEntry.push(sql`${expertise.search} @@ ${tsq}`)
  if (f.areaIds) {
    onEntry.push(
      f.areaIds.length === 0
        ? sql`false`
        : sql`exists (select 1 from ${expertiseAreas} where ${expertiseAreas.expertiseId} = ${expertise.id} and ${expertiseAreas.areaId} in (${sql.join(
            f.areaIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}))`,
    )
  }
  if (f.phase) onEntry.push(sql`${expertise.phases} @> array[${f.phase}]::text[]`)
  if (f.subject) onEntry.push(sql`${expertise.subjects} @> array[${f.subject}]::text[]`)
  if (f.mode) onEntry.push(sql`${expertise.modes} @> array[${f.mode}]::text[]`)
  if (f.schoolId) onEntry.push(eq(expertise.schoolId, f.schoolId))
  if (f.hasFreeDays !== undefined) onEntry.push(f.hasFreeDays ? sql`${capacity} > ${committed}` : sql`${capacity} <= ${committed}`)
  const onPerson = [eq(people.active, true), isNull(people.pausedAt), f.clusterId ? eq(schools.clusterId, f.clusterId) : undefined]

  let page
  if (tsq) {
    // OFFSET 0 keeps this subquery whole: the rank is computed once per match and nothing wide is sorted.
    const matched = db
      .select({
        id: sql<string>`${expertise.id}`.as('m_id'),
        personId: sql<string>`${expertise.personId}`.as('m_person_id'),
        schoolId: sql<string | null>`${expertise.schoolId}`.as('m_school_id'),
        rank: sql<string>`round(ts_rank_cd(${expertise.search}, ${tsq}, 32)::numeric, 6)`.as('m_rank'),
      })
      .from(expertise)
      .where(and(...onEntry))
      .offset(0)
      .as('matched')
    const cursor = f.cursor?.by === 'rank' ? f.cursor : undefined
    page = db
      .select({ id: sql<string>`${matched.id}`.as('page_id'), rank: sql<string | null>`${matched.rank}`.as('page_rank'), updatedAt: sql<Date | null>`null::timestamptz`.as('page_updated_at') })
      .from(matched)
      .innerJoin(people, eq(people.id, matched.personId))
      .leftJoin(schools, eq(schools.id, matched.schoolId))
      .where(
        and(
          // Implied by the entry's trust; said here so the ranked matches join the trust's people, not everyone's.
          eq(people.trustId, f.trustId),
          ...onPerson,
          cursor ? sql`(${matched.rank} < ${cursor.rank}::numeric or (${matched.rank} = ${cursor.rank}::numeric and ${matched.id} > ${cursor.id}::uuid))` : undefined,
        ),
      )
      .orderBy(sql`${matched.rank} desc`, sql`${matched.id} asc`)
      .limit(f.limit + 1)
      .as('page')
  } else {
    const cursor = f.cursor?.by === 'updated' ? f.cursor : undefined
    page = db
      .select({ id: sql<string>`${expertise.id}`.as('page_id'), rank: sql<string | null>`null::numeric`.as('page_rank'), updatedAt: sql<Date>`${expertise.updatedAt}`.as('page_updated_at') })
      .from(expertise)
      .innerJoin(people, eq(people.id, expertise.personId))
      .leftJoin(schools, eq(schools.id, expertise.schoolId))
      .where(and(...onEntry, ...onPerson, cursor ? sql`(${expertise.updatedAt}, ${expertise.id}) < (${cursor.updated}::timestamptz, ${cursor.id}::uuid)` : undefined))
      .orderBy(sql`${expertise.updatedAt} desc`, sql`${expertise.id} desc`)
      .limit(f.limit + 1)
      .as('page')
  }

  const rows = await db
    .select({
      id: expertise.id,
      title: expertise.title,
      summary: expertise.summary,
      evidence: expertise.evidence,
      subjects: expertise.subjects,
      phases: expertise.phases,
      modes: expertise.modes,
      capacityDaysPerTerm: expertise.capacityDaysPerTerm,
      updatedAt: expertise.updatedAt,
      updatedKey: sql<string>`to_char(${expertise.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      rank: sql<string | null>`${page.rank}::text`,
      committed,
      termCapacity: capacity,
      personId: people.id,
      personName: people.name,
      lastActiveAt: people.lastActiveAt,
      schoolId: schools.id,
      schoolName: schools.name,
      lat: schools.lat,
      lng: schools.lng,
      clusterName: clusters.name,
    })
    .from(page)
    .innerJoin(expertise, eq(expertise.id, page.id))
    .innerJoin(people, eq(people.id, expertise.personId))
    .leftJoin(schools, eq(schools.id, expertise.schoolId))
    .leftJoin(clusters, eq(clusters.id, schools.clusterId))
    .orderBy(...(tsq ? [sql`${page.rank} desc`, sql`${page.id} asc`] : [sql`${page.updatedAt} desc`, sql`${page.id} desc`]))
  return rows.map((r) => ({ ...r, committed: Number(r.committed), rank: r.rank === null ? null : String(r.rank) }))
}

export type DirectoryRow = Awaited<ReturnType<typeof searchDirectory>>[number]
