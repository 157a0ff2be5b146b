import {
  type Balance,
  type CommissionTimeRow,
  type FlowGraph,
  type FlowLinkDetail,
  type FlowPeriod,
  type FlowScope,
  type FlowsFilter,
  LEFT_BEHIND_AFTER_DAYS,
  type LeftBehind,
  type OpenRequestRow,
  type OpenRequests,
  type SupplyDemand,
  type SupplyDemandRow,
  type TimeToCommission,
} from '@ee/shared/flows'
import type { Executor } from '../db/client.ts'
import type { Actor } from '../lib/actor.ts'
import { assertCan, can, requestTitleFor } from '../lib/policy.ts'
import { invalid, notFound } from '../lib/problem.ts'
import {
  type FlowArea,
  type FlowCriteria,
  countRaisedBySchool,
  findAreasOfTrust,
  findClusterByIdOrName,
  findLinkEngagements,
  findOpenRequests,
  findRequestAreas,
  findSchool,
  findSchoolsByIds,
  findSchoolsInView,
  medianTimeToCommission,
  sumDemandByArea,
  sumDaysBySchool,
  sumLinks,
  sumSupplyByArea,
} from './flows.repo.ts'
import { daysBetween, publishedBounds, resolvePeriod } from './period.ts'
import { calendarFor } from '../calendar/calendar.service.ts'

type View = { period: FlowPeriod; scope: FlowScope; criteria: FlowCriteria }

/**
 * A confidential request's title shows only to whoever may read its words (its own head, as far as
 * flows go: policy `request.readText`); everyone else reads "Confidential request". No other words of a
 * request reach flows.
 */
function titleFor(actor: Actor, request: { title: string; confidentiality: string; schoolId: string }) {
  const object = { trustId: actor.trustId, schoolId: request.schoolId, confidentiality: 'invited' as const, status: 'open' }
  return { title: requestTitleFor(actor, request, 'request.readText', object), confidential: request.confidentiality === 'invited' }
}

/**
 * Who sees what: the central team and the admin read the whole trust (and may narrow to one school);
 * a headteacher reads the same views for their own school only; anyone else is refused.
 */
async function resolveScope(db: Executor, actor: Actor, schoolParam: string | undefined): Promise<FlowScope> {
  const wholeTrust = can(actor, 'flows.readTrust', { trustId: actor.trustId })
  const schoolId = schoolParam ?? (wholeTrust ? null : actor.schoolId)
  if (schoolId === null) {
    assertCan(actor, 'flows.readTrust', { trustId: actor.trustId }, 'school')
    return { schoolId: null, schoolName: null }
  }
  const school = (await findSchool(db, schoolId)) ?? notFound('school')
  assertCan(actor, 'flows.readSchool', { trustId: school.trustId, schoolId: school.id }, 'school')
  return { schoolId: school.id, schoolName: school.name }
}

/** A strand's slug stands for the strand and every area under it. */
function areaSet(all: FlowArea[], slug: string): string[] {
  const area = all.find((a) => a.slug === slug)
  if (!area) invalid([{ path: 'area', message: `There is no area "${slug}" in your trust's framework` }])
  return [area!.id, ...all.filter((a) => a.parentId === area!.id).map((a) => a.id)]
}

async function resolveView(db: Executor, actor: Actor, filter: FlowsFilter, now: Date): Promise<View> {
  const [scope, areas] = await Promise.all([
    resolveScope(db, actor, filter.school),
    filter.area === undefined ? [] : findAreasOfTrust(db, actor.trustId),
  ])
  const period = resolvePeriod(filter, now, await calendarFor(db, actor.trustId))
  let clusterId: string | null = null
  if (filter.cluster !== undefined) {
    const cluster = await findClusterByIdOrName(db, actor.trustId, filter.cluster)
    if (!cluster) invalid([{ path: 'cluster', message: `There is no cluster "${filter.cluster}" in your trust` }])
    clusterId = cluster!.id
  }
  const published = publishedBounds(period)
  return {
    period,
    scope,
    criteria: {
      trustId: actor.trustId,
      termFrom: period.from,
      termTo: period.to,
      publishedFrom: published.from,
      publishedBefore: published.before,
      areaIds: filter.area !== undefined ? areaSet(areas, filter.area) : null,
      clusterId,
      schoolId: scope.schoolId,
    },
  }
}

export async function readFlowGraph(db: Executor, actor: Actor, filter: FlowsFilter, now: Date): Promise<FlowGraph> {
  const { period, scope, criteria } = await resolveView(db, actor, filter, now)
  const links = await sumLinks(db, criteria)
  const ids = new Set(links.flatMap((l) => [l.from, l.to]))
  if (scope.schoolId) ids.add(scope.schoolId)
  const nodes = (await findSchoolsByIds(db, actor.trustId, [...ids])).map((s) => ({ schoolId: s.id, name: s.name }))
  const totals = links.reduce((t, l) => ({ days: t.days + l.days, deliveredDays: t.deliveredDays + l.deliveredDays, engagements: t.engagements + l.engagements }), {
    days: 0,
    deliveredDays: 0,
    engagements: 0,
  })
  return { period, scope, nodes, links, totals }
}

export async function readBalance(db: Executor, actor: Actor, filter: FlowsFilter, now: Date): Promise<Balance> {
  const { period, scope, criteria } = await resolveView(db, actor, filter, now)
  const [schools, { given, received }, raised, open] = await Promise.all([
    findSchoolsInView(db, criteria),
    sumDaysBySchool(db, criteria),
    countRaisedBySchool(db, criteria),
    findOpenRequests(db, criteria),
  ])
  const unmet = new Map<string, number>()
  for (const r of open) if (r.placesFilled < r.expertsWanted) unmet.set(r.schoolId, (unmet.get(r.schoolId) ?? 0) + 1)
  const items = schools.map((s) => ({
    schoolId: s.id,
    name: s.name,
    cluster: s.cluster,
    daysGiven: given.get(s.id) ?? 0,
    daysReceived: received.get(s.id) ?? 0,
    requestsRaised: raised.get(s.id)?.raised ?? 0,
    commissioned: raised.get(s.id)?.commissioned ?? 0,
    unmet: unmet.get(s.id) ?? 0,
  }))
  return { period, scope, items }
}

/** Framework order: strands by position, each followed by its own areas. */
function frameworkOrder(areas: FlowArea[]) {
  const byId = new Map(areas.map((a) => [a.id, a]))
  const strandOf = (a: FlowArea) => (a.parentId ? byId.get(a.parentId) : undefined)
  const key = (a: FlowArea) => {
    const strand = strandOf(a)
    return strand ? [strand.position, strand.slug, 1, a.position, a.slug] : [a.position, a.slug, 0, 0, '']
  }
  const compare = (x: FlowArea, y: FlowArea) => {
    const [a, b] = [key(x), key(y)]
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1
    return 0
  }
  return { byId, strandName: (a: FlowArea) => strandOf(a)?.name ?? null, compare }
}

export async function readSupplyDemand(db: Executor, actor: Actor, filter: FlowsFilter, now: Date): Promise<SupplyDemand> {
  const { period, scope, criteria } = await resolveView(db, actor, filter, now)
  const [supply, demand, areas] = await Promise.all([
    sumSupplyByArea(db, criteria, period.terms.map((t) => t.name)),
    sumDemandByArea(db, criteria),
    findAreasOfTrust(db, actor.trustId),
  ])
  const order = frameworkOrder(areas)
  const items: SupplyDemandRow[] = [...new Set([...supply.keys(), ...demand.keys()])]
    .map((id) => order.byId.get(id)!)
    .sort(order.compare)
    .map((a) => {
      const s = supply.get(a.id)
      const d = demand.get(a.id)
      return {
        areaId: a.id,
        slug: a.slug,
        name: a.name,
        strand: order.strandName(a),
        experts: s?.experts ?? 0,
        capacityDays: s?.capacityDays ?? 0,
        committedDays: s?.committedDays ?? 0,
        freeDays: s?.freeDays ?? 0,
        openRequests: d?.openRequests ?? 0,
        askedDays: d?.askedDays ?? 0,
      }
    })
  return { period, scope, items }
}

async function openRequestRows(db: Executor, actor: Actor, criteria: FlowCriteria, now: Date): Promise<OpenRequestRow[]> {
  const rows = await findOpenRequests(db, criteria)
  const areasOf = await findRequestAreas(db, rows.map((r) => r.requestId))
  return rows.map((r) => {
    return {
      requestId: r.requestId,
      ...titleFor(actor, r),
      schoolId: r.schoolId,
      schoolName: r.schoolName,
      areas: areasOf.get(r.requestId) ?? [],
      publishedAt: r.publishedAt.toISOString(),
      ageDays: Math.max(0, daysBetween(r.publishedAt, now)),
      expertsWanted: r.expertsWanted,
      placesFilled: r.placesFilled,
      liveOffers: r.liveOffers,
    }
  })
}

export async function readOpenRequests(db: Executor, actor: Actor, filter: FlowsFilter, now: Date): Promise<OpenRequests> {
  const { period, scope, criteria } = await resolveView(db, actor, filter, now)
  const items = (await openRequestRows(db, actor, criteria, now)).sort((a, b) => b.ageDays - a.ageDays || a.schoolName.localeCompare(b.schoolName))
  return { period, scope, items }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export async function readLeftBehind(db: Executor, actor: Actor, filter: FlowsFilter, now: Date): Promise<LeftBehind> {
  const { period, scope, criteria } = await resolveView(db, actor, filter, now)
  const [schools, { given, received }, open] = await Promise.all([
    findSchoolsInView(db, criteria),
    sumDaysBySchool(db, criteria),
    openRequestRows(db, actor, criteria, now),
  ])
  const where = period.terms.length === 1 ? period.label : `this period (${period.label})`
  return {
    period,
    scope,
    schools: schools
      .filter((s) => !given.has(s.id) && !received.has(s.id))
      .map((s) => ({ schoolId: s.id, name: s.name, cluster: s.cluster, reason: `No expertise given or received in ${where}` })),
    requests: open
      .filter((r) => r.liveOffers === 0 && r.ageDays >= LEFT_BEHIND_AFTER_DAYS)
      .sort((a, b) => b.ageDays - a.ageDays || a.schoolName.localeCompare(b.schoolName))
      .map((r) => ({ ...r, reason: `Open ${plural(r.ageDays, 'day')} with no offer` })),
  }
}

export async function readTimeToCommission(db: Executor, actor: Actor, filter: FlowsFilter, now: Date): Promise<TimeToCommission> {
  const { period, scope, criteria } = await resolveView(db, actor, filter, now)
  const [{ overall, perArea }, areas] = await Promise.all([medianTimeToCommission(db, criteria), findAreasOfTrust(db, actor.trustId)])
  const order = frameworkOrder(areas)
  const oneDecimal = (n: number) => Math.round(n * 10) / 10
  const items: CommissionTimeRow[] = [...perArea.keys()]
    .map((id) => order.byId.get(id)!)
    .sort(order.compare)
    .map((a) => {
      const row = perArea.get(a.id)!
      return { areaId: a.id, slug: a.slug, name: a.name, strand: order.strandName(a), requests: row.requests, medianDays: oneDecimal(row.medianDays) }
    })
  return {
    period,
    scope,
    overall: { requests: overall.requests, medianDays: overall.medianDays === null ? null : oneDecimal(overall.medianDays) },
    items,
  }
}

/**
 * The engagements behind one link. A head may open a link that touches their own school; the central
 * team any link in the trust. A school of another trust is "not found".
 */
export async function readLinkDetail(db: Executor, actor: Actor, fromId: string, toId: string, filter: FlowsFilter, now: Date): Promise<FlowLinkDetail> {
  const [from, to] = await Promise.all([findSchool(db, fromId), findSchool(db, toId)])
  if (!from || !to || from.trustId !== actor.trustId || to.trustId !== actor.trustId) notFound('school')
  if (!can(actor, 'flows.readSchool', { trustId: from!.trustId, schoolId: from!.id })) {
    assertCan(actor, 'flows.readSchool', { trustId: to!.trustId, schoolId: to!.id }, 'school')
  }
  const { period, criteria } = await resolveView(db, actor, { ...filter, school: undefined, cluster: undefined }, now)
  const rows = await findLinkEngagements(db, criteria, from!.id, to!.id)
  const areasOf = await findRequestAreas(db, [...new Set(rows.map((r) => r.requestId))])
  return {
    period,
    from: { schoolId: from!.id, name: from!.name },
    to: { schoolId: to!.id, name: to!.name },
    items: rows.map((r) => {
      return {
        engagementId: r.engagementId,
        requestId: r.requestId,
        ...titleFor(actor, { ...r, schoolId: to!.id }),
        areas: areasOf.get(r.requestId) ?? [],
        termStart: r.termStart,
        days: r.days,
        deliveredDays: r.deliveredDays,
        status: r.status as 'active' | 'completed',
        release: r.release as 'approved' | 'pending',
      }
    }),
  }
}
