import type { PageQuery } from '@ee/shared/common'
import { pageOf, rowsUpTo } from '../lib/page.ts'
import { and, eq } from 'drizzle-orm'
import type { Case, CaseList, SimilarCasesBody } from '@ee/shared/cases'
import type { Db, Executor } from '../db/client.ts'
import { engagements, offers, requestAreas, requests } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertCan } from '../lib/policy.ts'
import { notFound } from '../lib/problem.ts'
import { caseFromEngagement } from './case-from-engagement.ts'
import { type CaseWithNames, areaIdsBySlugs, areaRefsByCase, findCase, insertCase, searchCases, similarCases } from './cases.repo.ts'

async function toViews(ex: Executor, rows: CaseWithNames[]): Promise<Case[]> {
  const areaRefs = await areaRefsByCase(ex, rows.map((r) => r.id))
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    problem: r.problem,
    approach: r.approach,
    outcome: r.outcome,
    impact: r.impact,
    areas: areaRefs.get(r.id) ?? [],
    providerSchool: r.providerSchoolId ? { id: r.providerSchoolId, name: r.providerSchoolName ?? '' } : null,
    receiverSchool: { id: r.receiverSchoolId, name: r.receiverSchoolName },
    visibility: r.visibility as Case['visibility'],
    requestId: r.requestId,
    engagementId: r.engagementId,
    createdAt: r.createdAt.toISOString(),
    score: Math.round(Number(r.score) * 1000) / 1000,
  }))
}

export async function listCases(db: Db, actor: Actor, query: { q?: string; area?: string } & PageQuery): Promise<CaseList> {
  const page = pageOf(await searchCases(db, actor, { q: query.q, area: query.area, limit: rowsUpTo(query) }), query)
  return { items: await toViews(db, page.items), nextCursor: page.nextCursor }
}

export async function getCase(db: Db, actor: Actor, id: string): Promise<Case> {
  const row = await findCase(db, id)
  if (!row) return notFound('case')
  assertCan(actor, 'case.read', {
    trustId: row.trustId, visibility: row.visibility as 'trust' | 'schools', schoolIds: [row.providerSchoolId, row.receiverSchoolId],
    confidential: row.confidential, expertId: row.expertId,
  }, 'case')
  const [view] = await toViews(db, [row])
  return view!
}

/** Past cases like what a head is drafting, by words and areas; empty until there is something to go on. */
export async function findSimilarCases(
  ex: Executor,
  actor: Actor,
  input: { title: string; problem: string; areaSlugs?: string[]; areaIds?: string[]; excludeRequestId?: string; limit?: number },
): Promise<CaseList> {
  const text = `${input.title} ${input.problem}`.trim()
  const areaIds = input.areaIds ?? (await areaIdsBySlugs(ex, actor.trustId, input.areaSlugs ?? []))
  if (text.length < 3 && !areaIds.length) return { items: [], nextCursor: null }
  const rows = await similarCases(ex, actor, { text, areaIds, excludeRequestId: input.excludeRequestId, limit: input.limit ?? 5 })
  // The few nearest only, never a page of a longer list.
  return { items: await toViews(ex, rows), nextCursor: null }
}

export async function similarCasesForDraft(db: Db, actor: Actor, body: SimilarCasesBody): Promise<CaseList> {
  return findSimilarCases(db, actor, { title: body.title, problem: body.problem, areaSlugs: body.areas })
}

/**
 * The trust's memory of one engagement (docs/design.md §3): made once both reflections are in, in the same
 * transaction as the reflection that completes it. Idempotent: a second call returns the same case.
 */
export async function makeCaseIfReady(tx: Executor, actor: Actor, engagementId: string): Promise<string | null> {
  const [g] = await tx
    .select({
      id: engagements.id, trustId: engagements.trustId, requestId: engagements.requestId, status: engagements.status,
      providerSchoolId: engagements.providerSchoolId, receiverSchoolId: engagements.receiverSchoolId, impact: engagements.impact,
      headReflection: engagements.headReflection, expertReflection: engagements.expertReflection, caseVisibility: engagements.caseVisibility,
      returnedDays: engagements.returnedDays,
      offerMessage: offers.message, requestTitle: requests.title, problem: requests.problem,
    })
    .from(engagements)
    .innerJoin(offers, eq(offers.id, engagements.offerId))
    .innerJoin(requests, eq(requests.id, engagements.requestId))
    .where(and(eq(engagements.id, engagementId)))
  // Work ended with what was delivered, its expert gone, is a case on the head's reflection alone (docs/decisions/012-people-who-leave.md).
  const endedWithoutExpert = g?.returnedDays !== null && g?.returnedDays !== undefined
  if (!g || g.status !== 'completed' || !g.impact || !g.headReflection || (!g.expertReflection && !endedWithoutExpert)) return null
  const areaRows = await tx.select({ areaId: requestAreas.areaId }).from(requestAreas).where(eq(requestAreas.requestId, g.requestId))
  const caseId = await insertCase(
    tx,
    {
      trustId: g.trustId, engagementId: g.id, requestId: g.requestId, providerSchoolId: g.providerSchoolId, receiverSchoolId: g.receiverSchoolId,
      impact: g.impact, visibility: g.caseVisibility,
      ...caseFromEngagement({ requestTitle: g.requestTitle, problem: g.problem, offerMessage: g.offerMessage, expertReflection: g.expertReflection ?? '', headReflection: g.headReflection }),
    },
    areaRows.map((r) => r.areaId),
  )
  await audit(tx, actor, { action: 'case.created', objectType: 'case', objectId: caseId, detail: { engagementId } })
  return caseId
}
