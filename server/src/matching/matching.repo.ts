import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Mode, Phase } from '@ee/shared/common'
import { type Executor, queryRows } from '../db/client.ts'
import { areas, requestAreas, requests, schools } from '../db/schema/index.ts'
import type { CandidateExpertise, MatchRequest } from './types.ts'

/** Names of a trust's people, for the suggestions and "why not" answers. */
export async function loadPeopleNames(db: Executor, trustId: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; name: string }>(db, sql`select id, name from people where trust_id = ${trustId}`)
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** Area slug → strand slug and → name, for one trust's framework. */
export async function loadFramework(db: Executor, trustId: string) {
  const rows = await queryRows<{ slug: string; name: string; parent: string | null }>(
    db,
    sql`select a.slug, a.name, p.slug as parent from areas a left join areas p on p.id = a.parent_id where a.trust_id = ${trustId}`,
  )
  const strands: Record<string, string> = {}
  const names: Record<string, string> = {}
  for (const r of rows) {
    names[r.slug] = r.name
    if (r.parent) strands[r.slug] = r.parent
  }
  return { strands, names }
}

type EntryRow = {
  id: string; person_id: string; school_id: string | null; title: string; summary: string; evidence: string
  subjects: string[]; phases: string[]; modes: string[]; capacity_days_per_term: number; active: boolean
  autumn_days: number | null; spring_days: number | null; summer_days: number | null
  person_active: boolean; paused: boolean; last_active_at: string | Date | null; school_name: string | null
  lat: number | null; lng: number | null; cluster_id: string | null; release_days_per_term: number | null
  areas: string[] | null; casework: string | null
}

/**
 * Every expertise entry of a trust that could ever be suggested, with its areas and the trust's
 * memory of its past work (titles, problems and head reflections of completed engagements rated 3+).
 * A confidential request's words stay out: they would shape suggestions and phrases shown to other heads (docs/design.md §3).
 * Archived entries and those of closed schools are left out; paused and inactive ones stay so that "why not" can explain them.
 */
export async function loadCandidates(db: Executor, trustId: string): Promise<CandidateExpertise[]> {
  const rows = await queryRows<EntryRow>(
    db,
    sql`select e.id, e.person_id, e.school_id, e.title, e.summary, e.evidence, e.subjects, e.phases, e.modes,
          e.capacity_days_per_term, e.autumn_days, e.spring_days, e.summer_days, e.active, p.active as person_active, (p.paused_at is not null) as paused,
          p.last_active_at, s.name as school_name, s.lat, s.lng, s.cluster_id, s.release_days_per_term,
          (select array_agg(a.slug order by a.slug) from expertise_areas ea join areas a on a.id = ea.area_id where ea.expertise_id = e.id) as areas,
          (select string_agg(concat_ws('. ', r.title, r.problem, g.head_reflection), E'\n')
             from engagements g join requests r on r.id = g.request_id
             where g.expertise_id = e.id and g.status = 'completed' and g.impact >= 3 and r.confidentiality = 'trust') as casework
        from expertise e
        join people p on p.id = e.person_id
        left join schools s on s.id = e.school_id
        where e.trust_id = ${trustId} and e.archived_at is null and coalesce(s.status, 'open') = 'open'
        order by e.id`,
  )
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    schoolId: r.school_id ?? `no-school:${r.person_id}`,
    trustId,
    title: r.title,
    summary: r.summary,
    evidence: r.evidence,
    areas: r.areas ?? [],
    subjects: r.subjects,
    phases: r.phases as Phase[],
    modes: r.modes as Mode[],
    capacityDaysPerTerm: r.capacity_days_per_term,
    termDays: { autumn: r.autumn_days, spring: r.spring_days, summer: r.summer_days },
    committedDaysInWindowTerm: 0,
    active: r.active,
    personActive: r.person_active,
    personPaused: r.paused,
    lastActiveAt: r.last_active_at === null ? null : new Date(r.last_active_at).toISOString(),
    school: { name: r.school_name ?? '', lat: r.lat, lng: r.lng, clusterId: r.cluster_id, releaseDaysPerTerm: r.release_days_per_term ?? undefined },
    casework: r.casework ?? '',
  }))
}

export type EngagementFact = {
  requestId: string; expertiseId: string; expertId: string; providerSchoolId: string | null; receiverSchoolId: string
  days: number; termStart: string; status: 'active' | 'completed' | 'cancelled'; release: string; impact: number | null; areas: string[]
  /** The days charged to each term (engagements/charges.ts): a window spanning two terms charges both. */
  charges: { termStart: string; days: number }[]
}

export async function loadEngagements(db: Executor, trustId: string): Promise<EngagementFact[]> {
  const rows = await queryRows<{
    request_id: string; expertise_id: string; expert_id: string; provider_school_id: string | null; receiver_school_id: string
    days: number; term_start: string; status: EngagementFact['status']; release: string; impact: number | null; areas: string[] | null
    charges: { termStart: string; days: number }[] | null
  }>(
    db,
    sql`select g.request_id, g.expertise_id, g.expert_id, g.provider_school_id, g.receiver_school_id, g.days,
          to_char(g.term_start, 'YYYY-MM-DD') as term_start, g.status, g.release, g.impact,
          (select array_agg(a.slug) from request_areas ra join areas a on a.id = ra.area_id where ra.request_id = g.request_id) as areas,
          (select json_agg(json_build_object('termStart', to_char(et.term_start, 'YYYY-MM-DD'), 'days', et.days)) from engagement_terms et where et.engagement_id = g.id) as charges
        from engagements g where g.trust_id = ${trustId}`,
  )
  return rows.map((r) => ({
    requestId: r.request_id, expertiseId: r.expertise_id, expertId: r.expert_id, providerSchoolId: r.provider_school_id,
    receiverSchoolId: r.receiver_school_id, days: r.days, termStart: r.term_start, status: r.status, release: r.release,
    impact: r.impact, areas: r.areas ?? [], charges: r.charges ?? [{ termStart: r.term_start, days: r.days }],
  }))
}

export type RequestForMatching = MatchRequest & { status: string; confidentiality: 'trust' | 'invited'; schoolName: string; publishedAt: Date | null }

/** Requests with what matching needs, by id or as the trust's open ones. */
export async function loadRequests(db: Executor, where: { ids: string[] } | { trustId: string; status: string }): Promise<RequestForMatching[]> {
  const condition = 'ids' in where ? inArray(requests.id, where.ids) : and(eq(requests.trustId, where.trustId), eq(requests.status, where.status))
  const rows = await db
    .select({
      id: requests.id, trustId: requests.trustId, schoolId: requests.schoolId, title: requests.title, problem: requests.problem,
      tried: requests.tried, outcome: requests.outcome, subjects: requests.subjects, phases: requests.phases, modes: requests.modes,
      expertsWanted: requests.expertsWanted, daysPerExpert: requests.daysPerExpert, windowStart: requests.windowStart,
      windowEnd: requests.windowEnd, status: requests.status, confidentiality: requests.confidentiality, publishedAt: requests.publishedAt,
      lat: schools.lat, lng: schools.lng, clusterId: schools.clusterId, schoolName: schools.name,
    })
    .from(requests)
    .innerJoin(schools, eq(schools.id, requests.schoolId))
    .where(condition)
  if (rows.length === 0) return []
  const areaRows = await db
    .select({ requestId: requestAreas.requestId, slug: areas.slug })
    .from(requestAreas)
    .innerJoin(areas, eq(areas.id, requestAreas.areaId))
    .where(inArray(requestAreas.requestId, rows.map((r) => r.id)))
  const areasOf = new Map<string, string[]>()
  for (const a of areaRows) areasOf.set(a.requestId, [...(areasOf.get(a.requestId) ?? []), a.slug])
  return rows.map((r) => ({
    id: r.id, trustId: r.trustId, schoolId: r.schoolId, title: r.title, problem: r.problem, tried: r.tried, outcome: r.outcome,
    areas: areasOf.get(r.id) ?? [], subjects: r.subjects, phases: r.phases as Phase[], modes: r.modes as Mode[],
    expertsWanted: r.expertsWanted, daysPerExpert: r.daysPerExpert, window: { start: r.windowStart, end: r.windowEnd },
    location: { lat: r.lat, lng: r.lng }, clusterId: r.clusterId, status: r.status, confidentiality: r.confidentiality as 'trust' | 'invited',
    schoolName: r.schoolName, publishedAt: r.publishedAt,
  }))
}

/** People invited to or offering on a request: they may read a confidential request's words. */
export async function participantIds(db: Executor, requestId: string): Promise<string[]> {
  const rows = await queryRows<{ person_id: string }>(db, sql`select distinct person_id from offers where request_id = ${requestId}`)
  return rows.map((r) => r.person_id)
}
