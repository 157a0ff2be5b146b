import type { TrustBundleInput } from '@ee/shared/bundle'
import type { Phase, Role } from '@ee/shared/common'
import type { Db } from '../db/client.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertRole } from '../lib/policy.ts'
import { type TrustRows, readTrustRows } from './export.repo.ts'

type Bundle = TrustBundleInput & Required<Pick<TrustBundleInput, 'schools' | 'people' | 'expertise' | 'requests' | 'offers' | 'engagements'>>

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined)
const orUndefined = <T>(x: T | null | undefined) => (x === null ? undefined : x)

/** The trust's bundle file name: `futura-learning-partnership-2027-01-12.json`. */
export const exportFilename = (trustName: string, now: Date) =>
  `${trustName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'trust'}-${now.toISOString().slice(0, 10)}.json`

/**
 * The whole trust as a bundle (docs/design.md §8), read in one snapshot: importing it into an empty
 * database (`npm run import -- FILE`) gives back every list, case and flows figure. Every ref is the
 * row's id here, so links inside notifications can be rewritten on import. Without password hashes or
 * the tokens of links: each person sets a password again through "Forgotten your password?".
 */
export async function exportTrust(db: Db, actor: Actor, now: Date): Promise<{ bundle: Bundle; filename: string }> {
  assertRole(actor, 'bundle.export')
  const rows = await db.transaction(async (tx) => {
    const read = await readTrustRows(tx, actor.trustId)
    await audit(tx, actor, { action: 'trust.exported', objectType: 'trust', objectId: actor.trustId })
    return read
  }, { isolationLevel: 'repeatable read' })
  return { bundle: toBundle(rows), filename: exportFilename(rows.trust.name, now) }
}

function toBundle(r: TrustRows): Bundle {
  const slugOf = new Map(r.areas.map((a) => [a.id, a.slug]))
  const clusterName = new Map(r.clusters.map((c) => [c.id, c.name]))
  const slugsOf = (links: { areaId: string }[] | undefined) => (links ?? []).map((l) => slugOf.get(l.areaId)!)
  const group = <T, K>(list: T[], key: (x: T) => K) => {
    const map = new Map<K, T[]>()
    for (const x of list) map.set(key(x), [...(map.get(key(x)) ?? []), x])
    return map
  }
  const expertiseAreas = group(r.expertiseAreas, (x) => x.expertiseId)
  const requestAreas = group(r.requestAreas, (x) => x.requestId)
  const caseAreas = group(r.caseAreas, (x) => x.caseId)
  const charges = group(r.charges, (x) => x.engagementId)
  const logs = group(r.logs, (x) => x.engagementId)
  const caseOf = new Map(r.cases.map((c) => [c.engagementId, c]))
  const calendarYears = [...new Set([...r.terms.map((t) => t.academicYear), ...r.closures.map((c) => c.academicYear)])].sort()

  return {
    trust: { ref: r.trust.id, name: r.trust.name },
    // Strands before their areas, so each parent is written before the areas that name it.
    areas: [...r.areas].sort((x, y) => Number(x.parentId !== null) - Number(y.parentId !== null)).map((a) => ({
      ref: a.id, slug: a.slug, name: a.name, description: a.description, parent: orUndefined(a.parentId), position: a.position, retiredAt: iso(a.retiredAt),
    })),
    clusters: r.clusters.map((c) => ({ ref: c.id, name: c.name })),
    schools: r.schools.map((s) => ({
      ref: s.id, urn: s.urn, name: s.name, phase: s.phase as Phase, type: s.type, postcode: s.postcode, lat: s.lat, lng: s.lng,
      cluster: s.clusterId ? clusterName.get(s.clusterId) : undefined, releaseDaysPerTerm: s.releaseDaysPerTerm,
      status: s.status as 'open' | 'closed', closedOn: orUndefined(s.closedOn),
    })),
    people: r.people.map((p) => ({
      ref: p.id, email: p.email, name: p.name, role: p.role as Role, school: orUndefined(p.schoolId), active: p.active,
      pausedAt: iso(p.pausedAt), lastActiveAt: iso(p.lastActiveAt), createdAt: iso(p.createdAt),
    })),
    expertise: r.expertise.map((e) => ({
      ref: e.id, person: e.personId, title: e.title, summary: e.summary, evidence: e.evidence, areas: slugsOf(expertiseAreas.get(e.id)),
      subjects: e.subjects, phases: e.phases as Phase[], modes: e.modes as Bundle['expertise'][number]['modes'], capacityDaysPerTerm: e.capacityDaysPerTerm,
      termDays: e.autumnDays === null && e.springDays === null && e.summerDays === null
        ? undefined
        : { autumn: orUndefined(e.autumnDays), spring: orUndefined(e.springDays), summer: orUndefined(e.summerDays) },
      active: e.active, archivedAt: iso(e.archivedAt), createdAt: iso(e.createdAt), updatedAt: iso(e.updatedAt),
    })),
    requests: r.requests.map((q) => ({
      ref: q.id, school: q.schoolId, raisedBy: q.raisedById, title: q.title, problem: q.problem, tried: q.tried, outcome: q.outcome,
      areas: slugsOf(requestAreas.get(q.id)), subjects: q.subjects, phases: q.phases as Phase[], modes: q.modes as Bundle['requests'][number]['modes'],
      expertsWanted: q.expertsWanted, daysPerExpert: q.daysPerExpert, window: { start: q.windowStart, end: q.windowEnd },
      confidentiality: q.confidentiality as 'trust' | 'invited', status: q.status as Bundle['requests'][number]['status'],
      publishedAt: iso(q.publishedAt), commissionedAt: iso(q.commissionedAt), closedAt: iso(q.closedAt), staleNotifiedAt: iso(q.staleNotifiedAt),
      version: q.version, createdAt: iso(q.createdAt), updatedAt: iso(q.updatedAt),
    })),
    offers: r.offers.map((o) => ({
      ref: o.id, request: o.requestId, expertise: o.expertiseId, message: o.message, days: o.days, status: o.status as Bundle['offers'][number]['status'],
      inviteNote: o.inviteNote, proposedStart: orUndefined(o.proposedStart), proposedEnd: orUndefined(o.proposedEnd), invitedAt: iso(o.invitedAt),
      expiresAt: iso(o.expiresAt), decidedAt: iso(o.decidedAt), closedReason: orUndefined(o.closedReason), createdAt: iso(o.createdAt), updatedAt: iso(o.updatedAt),
    })),
    engagements: r.engagements.map((g) => {
      const c = caseOf.get(g.id)
      return {
        ref: g.id, offer: g.offerId, status: g.status as Bundle['engagements'][number]['status'], release: g.release as 'approved' | 'pending' | 'refused',
        startedAt: orUndefined(g.startedAt), completedAt: iso(g.completedAt), daysDelivered: g.deliveredDays, impact: orUndefined(g.impact),
        headReflection: orUndefined(g.headReflection), expertReflection: orUndefined(g.expertReflection), days: g.days, termStart: g.termStart,
        charges: (charges.get(g.id) ?? []).map((x) => ({ termStart: x.termStart, days: x.days })),
        releaseDecidedBy: orUndefined(g.releaseDecidedById), releaseDecidedAt: iso(g.releaseDecidedAt), cancelledAt: iso(g.cancelledAt),
        cancelReason: orUndefined(g.cancelReason), caseVisibility: g.caseVisibility as 'trust' | 'schools', createdAt: iso(g.createdAt),
        away: g.expertAwayAt && g.expertAwayReason ? { since: g.expertAwayAt.toISOString(), reason: g.expertAwayReason as 'deactivated' | 'paused' } : undefined,
        colleagueAskedAt: iso(g.colleagueAskedAt), awayRemindedAt: iso(g.awayRemindedAt), returnedDays: orUndefined(g.returnedDays),
        takesOver: orUndefined(g.takesOverId),
        logs: (logs.get(g.id) ?? []).map((l) => ({ ref: l.id, date: l.date, days: l.days, note: l.note, loggedBy: l.loggedById, createdAt: iso(l.createdAt) })),
        case: c
          ? {
              ref: c.id, title: c.title, problem: c.problem, approach: c.approach, outcome: c.outcome, impact: c.impact,
              visibility: c.visibility as 'trust' | 'schools', areas: slugsOf(caseAreas.get(c.id)), createdAt: iso(c.createdAt),
            }
          : null,
      }
    }),
    extensions: r.extensions.map((x) => ({
      ref: x.id, engagement: x.engagementId, days: x.days, reason: x.reason, status: x.status as NonNullable<Bundle['extensions']>[number]['status'],
      termStart: orUndefined(x.termStart), proposedBy: x.proposedById, decidedBy: orUndefined(x.decidedById), decidedAt: iso(x.decidedAt),
      declineReason: orUndefined(x.declineReason), releaseDecidedBy: orUndefined(x.releaseDecidedById), releaseDecidedAt: iso(x.releaseDecidedAt), createdAt: iso(x.createdAt),
    })),
    calendar: calendarYears.map((year) => ({
      academicYear: year,
      terms: r.terms.filter((t) => t.academicYear === year).map((t) => ({
        name: t.name as 'autumn' | 'spring' | 'summer', start: t.start, end: t.end, halfTermStart: t.halfTermStart, halfTermEnd: t.halfTermEnd,
      })),
      closures: r.closures.filter((c) => c.academicYear === year).map((c) => ({ date: c.date, label: c.label })),
    })),
    // Accepted invitations became people; their tokens (and so their links) are never exported.
    invitations: r.invitations.filter((v) => !v.acceptedAt).map((v) => ({
      ref: v.id, email: v.email, role: v.role as Role, school: orUndefined(v.schoolId), invitedBy: orUndefined(v.invitedById),
      expiresAt: v.expiresAt.toISOString(), createdAt: iso(v.createdAt),
    })),
    notifications: r.notifications.map((n) => ({
      ref: n.id, person: n.personId, kind: n.kind, title: n.title, body: n.body, link: orUndefined(n.link), readAt: iso(n.readAt),
      delivery: n.delivery as 'immediate' | 'digest' | 'in_app', digestedAt: iso(n.digestedAt), createdAt: iso(n.createdAt),
    })),
    notificationPreferences: r.notificationPreferences.map((p) => ({
      person: p.personId, kind: p.kind as NonNullable<Bundle['notificationPreferences']>[number]['kind'], delivery: p.delivery as 'immediate' | 'digest' | 'in_app',
    })),
  }
}
