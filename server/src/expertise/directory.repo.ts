import { type SQL, and, eq, isNull, sql } from 'drizzle-orm'
import type { Phase, Mode } from '@ee/shared/common'
import type { Executor } from '../db/client.ts'
import { clusters, expertise, expertiseAreas, people, schools } from '../db/schema/index.ts'
import { committedDaysSql } from './expertise.repo.ts'

export type DirectoryCursor = { by: 'rank'; rank: string; id: string } | { by: 'updated'; updated: string; id: string }

export type DirectoryFilter = {
  trustId: string
  termStart: string
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
 * Indexes: `expertise_directory` (partial, trust + updated_at + id) serves the unranked listing;
 * the GIN `expertise_search` AND the trust index serve the ranked one (see docs/decisions).
 */
export async function searchDirectory(db: Executor, f: DirectoryFilter) {
  const tsq = f.q ? sql`websearch_to_tsquery('english', ${f.q})` : null
  const rank = tsq ? sql<string>`round(ts_rank_cd(${expertise.search}, ${tsq}, 32)::numeric, 6)` : null
  const committed = committedDaysSql(expertise.id, f.termStart)

  const where: (SQL | undefined)[] = [
    eq(expertise.trustId, f.trustId),
    eq(expertise.active, true),
    isNull(expertise.archivedAt),
    eq(people.active, true),
    isNull(people.pausedAt),
  ]
  if (tsq) where.push(sql`${expertise.search} @@ ${tsq}`)
  if (f.areaIds) {
    where.push(
      f.areaIds.length === 0
        ? sql`false`
        : sql`exists (select 1 from ${expertiseAreas} where ${expertiseAreas.expertiseId} = ${expertise.id} and ${expertiseAreas.areaId} in (${sql.join(
            f.areaIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}))`,
    )
  }
  if (f.phase) where.push(sql`${expertise.phases} @> array[${f.phase}]::text[]`)
  if (f.subject) where.push(sql`${expertise.subjects} @> array[${f.subject}]::text[]`)
  if (f.mode) where.push(sql`${expertise.modes} @> array[${f.mode}]::text[]`)
  if (f.schoolId) where.push(eq(expertise.schoolId, f.schoolId))
  if (f.clusterId) where.push(eq(schools.clusterId, f.clusterId))
  if (f.hasFreeDays !== undefined) where.push(f.hasFreeDays ? sql`${expertise.capacityDaysPerTerm} > ${committed}` : sql`${expertise.capacityDaysPerTerm} <= ${committed}`)
  if (f.cursor?.by === 'rank' && rank) {
    where.push(sql`(${rank} < ${f.cursor.rank}::numeric or (${rank} = ${f.cursor.rank}::numeric and ${expertise.id} > ${f.cursor.id}::uuid))`)
  }
  if (f.cursor?.by === 'updated') {
    where.push(sql`(${expertise.updatedAt}, ${expertise.id}) < (${f.cursor.updated}::timestamptz, ${f.cursor.id}::uuid)`)
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
      rank: rank ?? sql<string | null>`null`,
      committed,
      personId: people.id,
      personName: people.name,
      lastActiveAt: people.lastActiveAt,
      schoolId: schools.id,
      schoolName: schools.name,
      lat: schools.lat,
      lng: schools.lng,
      clusterName: clusters.name,
    })
    .from(expertise)
    .innerJoin(people, eq(people.id, expertise.personId))
    .leftJoin(schools, eq(schools.id, expertise.schoolId))
    .leftJoin(clusters, eq(clusters.id, schools.clusterId))
    .where(and(...where))
    .orderBy(...(rank ? [sql`${rank} desc`, sql`${expertise.id} asc`] : [sql`${expertise.updatedAt} desc`, sql`${expertise.id} desc`]))
    .limit(f.limit + 1)
  return rows.map((r) => ({ ...r, committed: Number(r.committed), rank: r.rank === null ? null : String(r.rank) }))
}

export type DirectoryRow = Awaited<ReturnType<typeof searchDirectory>>[number]
