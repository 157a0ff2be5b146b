import type { Balance, FlowGraph, FlowLinkDetail, FlowPeriod, FlowScope, LeftBehind, OpenRequests, SupplyDemand, TimeToCommission } from '@ee/shared/flows'
import { toCsv } from '../lib/csv.ts'

export type CsvFile = { filename: string; body: string }

/** `flows-balance-spring-2027.csv`, or with the school's name for one school's view. */
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

function filename(table: string, period: FlowPeriod, scope: FlowScope) {
  return `${['flows', table, scope.schoolName ? slug(scope.schoolName) : '', slug(period.label)].filter(Boolean).join('-')}.csv`
}

const unparse = toCsv

export function graphCsv(graph: FlowGraph): CsvFile {
  const name = new Map(graph.nodes.map((n) => [n.schoolId, n.name]))
  return {
    filename: filename('schools', graph.period, graph.scope),
    body: unparse(
      ['Providing school', 'Receiving school', 'Days agreed', 'Days delivered', 'Engagements'],
      graph.links.map((l) => [name.get(l.from), name.get(l.to), l.days, l.deliveredDays, l.engagements]),
    ),
  }
}

export function balanceCsv(balance: Balance): CsvFile {
  return {
    filename: filename('balance', balance.period, balance.scope),
    body: unparse(
      ['School', 'Cluster', 'Days given', 'Days received', 'Requests raised', 'Commissioned', 'Unmet'],
      balance.items.map((r) => [r.name, r.cluster ?? '', r.daysGiven, r.daysReceived, r.requestsRaised, r.commissioned, r.unmet]),
    ),
  }
}

export function supplyDemandCsv(sd: SupplyDemand): CsvFile {
  return {
    filename: filename('supply-demand', sd.period, sd.scope),
    body: unparse(
      ['Area', 'Strand', 'Experts', 'Capacity days', 'Committed days', 'Free days', 'Open requests', 'Days asked'],
      sd.items.map((r) => [r.name, r.strand ?? '', r.experts, r.capacityDays, r.committedDays, r.freeDays, r.openRequests, r.askedDays]),
    ),
  }
}

export function leftBehindCsv(lb: LeftBehind): CsvFile {
  return {
    filename: filename('left-behind', lb.period, lb.scope),
    body: unparse(
      ['What', 'School', 'Request', 'Published', 'Days waiting', 'Reason'],
      [
        ...lb.schools.map((s) => ['School', s.name, '', '', '', s.reason]),
        ...lb.requests.map((r) => ['Request', r.schoolName, r.title, r.publishedAt.slice(0, 10), r.ageDays, r.reason]),
      ],
    ),
  }
}

export function openRequestsCsv(open: OpenRequests): CsvFile {
  return {
    filename: filename('open-requests', open.period, open.scope),
    body: unparse(
      ['School', 'Request', 'Areas', 'Published', 'Days waiting', 'Experts wanted', 'Places filled', 'Live offers'],
      open.items.map((r) => [r.schoolName, r.title, r.areas.map((a) => a.name).join('; '), r.publishedAt.slice(0, 10), r.ageDays, r.expertsWanted, r.placesFilled, r.liveOffers]),
    ),
  }
}

export function timeToCommissionCsv(ttc: TimeToCommission): CsvFile {
  return {
    filename: filename('time-to-commission', ttc.period, ttc.scope),
    body: unparse(
      ['Area', 'Strand', 'Requests commissioned', 'Median days to commission'],
      [
        ...ttc.items.map((r) => [r.name, r.strand ?? '', r.requests, r.medianDays]),
        ['All areas', '', ttc.overall.requests, ttc.overall.medianDays ?? ''],
      ],
    ),
  }
}

/** The engagements behind one providing → receiving link. */
export function linkDetailCsv(detail: FlowLinkDetail): CsvFile {
  return {
    filename: filename(`${slug(detail.from.name)}-to-${slug(detail.to.name)}`, detail.period, { schoolId: null, schoolName: null }),
    body: unparse(
      ['Providing school', 'Receiving school', 'Request', 'Areas', 'Term starts', 'Days agreed', 'Days delivered', 'Status', 'Release'],
      detail.items.map((g) => [detail.from.name, detail.to.name, g.title, g.areas.map((a) => a.name).join('; '), g.termStart, g.days, g.deliveredDays, g.status, g.release]),
    ),
  }
}
