import { createHash, randomBytes, randomUUID } from 'node:crypto'
import pLimit from 'p-limit'
import { DEFAULT_AREA_SLUGS } from '@ee/shared/areas'
import { type TrustBundle, makeBundleSchema } from '@ee/shared/bundle'
import { PLAIN_ENGLISH } from '@ee/shared/messages'
import { formatPath } from '@ee/shared/problem'
import { hashPassword } from '../auth/password.ts'
import type { Db, Tx } from '../db/client.ts'
import type { caseAreas, cases, engagementLogs, engagementTerms } from '../db/schema/index.ts'
import { seedDefaultFramework } from '../areas/default-framework.ts'
import { caseFromEngagement } from '../cases/case-from-engagement.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { type FieldError, invalid } from '../lib/problem.ts'
import { calendarFor } from '../calendar/calendar.service.ts'
import { INVITATION_SCHOOL_DAYS } from '../offers/offers.service.ts'
import {
  chunks,
  insertAreas,
  insertCaseAreas,
  insertCases,
  insertClusters,
  insertEngagementLogs,
  insertEngagementTerms,
  insertEngagements,
  insertExpertise,
  insertExpertiseAreas,
  insertOffers,
  insertPeople,
  insertRequestAreas,
  insertRequests,
  insertSchools,
  insertTrust,
  takenEmails,
  takenUrns,
} from './admin.repo.ts'
import { insertExtensions, insertInvitations, insertNotificationPreferences, insertNotifications, insertTrustClosures, insertTrustTerms } from './import.repo.ts'

export const TrustBundleSchema = makeBundleSchema(DEFAULT_AREA_SLUGS)

/** Validates an unknown document: every fault, with its path, or the parsed bundle. */
export function parseBundle(input: unknown): { ok: true; bundle: TrustBundle } | { ok: false; errors: FieldError[] } {
  const result = TrustBundleSchema.safeParse(input, PLAIN_ENGLISH)
  if (result.success) return { ok: true, bundle: result.data }
  return { ok: false, errors: result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) }
}

/** Refs name the objects of one bundle; ids are minted as each is written, so refs map to ids without relying on the order rows come back in. */
type Loading = {
  tx: Tx
  bundle: TrustBundle
  trustId: string
  ids: Record<string, string>
  mint: (ref: string) => string
  passwordHashes: Map<string, string>
  areaIds: (slugs: string[]) => string[]
  personByRef: Map<string, TrustBundle['people'][number]>
  expertiseByRef: Map<string, TrustBundle['expertise'][number]>
  requestByRef: Map<string, TrustBundle['requests'][number]>
  offerByRef: Map<string, TrustBundle['offers'][number]>
}

/** Loads a whole trust in one transaction (docs/design.md §8): all or nothing. */
export async function importBundle(db: Db, bundle: TrustBundle, actor: Actor | null = null): Promise<Record<string, string>> {
  const passwordHashes = await hashPasswords(bundle)
  return db.transaction(async (tx) => {
    await refuseExisting(tx, bundle)
    const ids: Record<string, string> = {}
    const mint = (ref: string) => (ids[ref] = randomUUID())
    const trustId = await insertTrust(tx, bundle.trust.name, mint(bundle.trust.ref))
    // Before anything reads the calendar: engagements are filed under the trust's own terms.
    await loadCalendar(tx, trustId, bundle.calendar ?? [])
    const areaIdBySlug = bundle.areas ? await loadAreas(tx, trustId, bundle.areas, mint) : await seedDefaultFramework(tx, trustId)
    const load: Loading = {
      tx, bundle, trustId, ids, mint, passwordHashes,
      areaIds: (slugs) => slugs.map((s) => areaIdBySlug.get(s)!),
      personByRef: new Map(bundle.people.map((p) => [p.ref, p])),
      expertiseByRef: new Map(bundle.expertise.map((e) => [e.ref, e])),
      requestByRef: new Map(bundle.requests.map((r) => [r.ref, r])),
      offerByRef: new Map(bundle.offers.map((o) => [o.ref, o])),
    }
    await loadSchools(load)
    await loadPeople(load)
    await loadExpertise(load)
    await loadRequests(load)
    await loadOffers(load)
    await loadEngagements(load)
    await loadExtensions(load)
    await loadInvitations(load)
    await loadNotifications(load)
    await audit(tx, actor ?? { id: null as unknown as string, trustId }, {
      action: 'bundle.imported', objectType: 'trust', objectId: trustId,
      detail: { schools: bundle.schools.length, people: bundle.people.length, expertise: bundle.expertise.length, requests: bundle.requests.length },
    })
    return ids
  })
}

async function loadAreas(tx: Tx, trustId: string, list: NonNullable<TrustBundle['areas']>, mint: (ref: string) => string) {
  const idByRef = new Map(list.map((a) => [a.ref, mint(a.ref)]))
  await insertAreas(tx, list.map((a, i) => ({
    id: idByRef.get(a.ref)!, trustId, slug: a.slug, name: a.name, description: a.description, parentId: a.parent ? idByRef.get(a.parent)! : null,
    position: a.position ?? i, retiredAt: at(a.retiredAt),
  })))
  return new Map(list.map((a) => [a.slug, idByRef.get(a.ref)!]))
}

/** A timestamp the bundle gives, or the column's default. */
const at = (iso: string | undefined) => (iso ? new Date(iso) : undefined)
const atOrNull = (iso: string | undefined) => (iso ? new Date(iso) : null)

/** The trust's own term dates and closure days (an export carries them; England's defaults otherwise). */
async function loadCalendar(tx: Tx, trustId: string, years: NonNullable<TrustBundle['calendar']>) {
  await insertTrustTerms(tx, years.flatMap((y) => y.terms.map((t) => ({ trustId, academicYear: y.academicYear, ...t }))))
  await insertTrustClosures(tx, years.flatMap((y) => y.closures.map((c) => ({ trustId, academicYear: y.academicYear, ...c }))))
}

/** Schools, with the clusters they name and the clusters listed on their own (those with no school yet). */
async function loadSchools({ tx, bundle, trustId, mint }: Loading) {
  const clusterIds = new Map<string, string>()
  for (const c of bundle.clusters ?? []) if (!clusterIds.has(c.name)) clusterIds.set(c.name, c.ref ? mint(c.ref) : randomUUID())
  for (const name of new Set(bundle.schools.flatMap((s) => (s.cluster ? [s.cluster] : [])))) if (!clusterIds.has(name)) clusterIds.set(name, randomUUID())
  await insertClusters(tx, [...clusterIds].map(([name, id]) => ({ id, trustId, name })))
  await insertSchools(tx, bundle.schools.map((s) => ({
    id: mint(s.ref), trustId, clusterId: s.cluster ? clusterIds.get(s.cluster)! : null, urn: s.urn, name: s.name, phase: s.phase,
    type: s.type, postcode: s.postcode, lat: s.lat, lng: s.lng, releaseDaysPerTerm: s.releaseDaysPerTerm, status: s.status, closedOn: s.closedOn ?? null,
  })))
}

/**
 * Hashed before the transaction opens, so a slow machine never holds a transaction idle past the
 * pool's idle-in-transaction limit. Each person's hash has its own salt, even where two people share
 * a password; argon2 runs on libuv's four threads, so more at once would only queue.
 */
async function hashPasswords(bundle: TrustBundle): Promise<Map<string, string>> {
  const hashing = pLimit(4)
  const pairs = await Promise.all(bundle.people.flatMap((p) => (p.password ? [hashing(async () => [p.ref, await hashPassword(p.password!)] as const)] : [])))
  return new Map(pairs)
}

async function loadPeople({ tx, bundle, trustId, ids, mint, passwordHashes }: Loading) {
  await insertPeople(tx, bundle.people.map((p) => ({
    id: mint(p.ref), trustId, schoolId: p.school ? ids[p.school]! : null, email: p.email, name: p.name, role: p.role,
    passwordHash: passwordHashes.get(p.ref) ?? null, active: p.active,
    pausedAt: atOrNull(p.pausedAt), lastActiveAt: atOrNull(p.lastActiveAt), createdAt: at(p.createdAt),
  })))
}

async function loadExpertise({ tx, bundle, trustId, ids, mint, areaIds, personByRef }: Loading) {
  await insertExpertise(tx, bundle.expertise.map((e) => {
    const person = personByRef.get(e.person)!
    return {
      id: mint(e.ref), trustId, personId: ids[e.person]!, schoolId: person.school ? ids[person.school]! : null, title: e.title,
      summary: e.summary, evidence: e.evidence, subjects: e.subjects, phases: e.phases, modes: e.modes,
      capacityDaysPerTerm: e.capacityDaysPerTerm, active: e.active,
      autumnDays: e.termDays?.autumn ?? null, springDays: e.termDays?.spring ?? null, summerDays: e.termDays?.summer ?? null,
      archivedAt: atOrNull(e.archivedAt), createdAt: at(e.createdAt), updatedAt: at(e.updatedAt),
    }
  }))
  await insertExpertiseAreas(tx, bundle.expertise.flatMap((e) => [...new Set(areaIds(e.areas))].map((areaId) => ({ expertiseId: ids[e.ref]!, areaId }))))
}

/** Requests, their dates of commissioning and closing taken from their engagements. */
async function loadRequests({ tx, bundle, trustId, ids, mint, areaIds, offerByRef }: Loading) {
  const engagementsByRequest = new Map<string, TrustBundle['engagements']>()
  for (const g of bundle.engagements) {
    const req = offerByRef.get(g.offer)!.request
    engagementsByRequest.set(req, [...(engagementsByRequest.get(req) ?? []), g])
  }
  await insertRequests(tx, bundle.requests.map((r) => {
    const gs = engagementsByRequest.get(r.ref) ?? []
    const started = gs.map((g) => g.startedAt).filter(Boolean).sort()[0]
    const completed = gs.map((g) => g.completedAt).filter(Boolean).sort().at(-1)
    const publishedAt = r.publishedAt ? new Date(r.publishedAt) : null
    return {
      id: mint(r.ref), trustId, schoolId: ids[r.school]!, raisedById: ids[r.raisedBy]!, title: r.title, problem: r.problem,
      tried: r.tried, outcome: r.outcome, subjects: r.subjects, phases: r.phases, modes: r.modes, expertsWanted: r.expertsWanted,
      daysPerExpert: r.daysPerExpert, windowStart: r.window.start, windowEnd: r.window.end, confidentiality: r.confidentiality,
      status: r.status, publishedAt,
      commissionedAt: r.commissionedAt ? new Date(r.commissionedAt) : r.status === 'commissioned' || r.status === 'completed' ? (started ? new Date(started) : publishedAt) : null,
      closedAt: r.closedAt ? new Date(r.closedAt) : r.status === 'completed' ? (completed ? new Date(completed) : publishedAt) : r.status === 'withdrawn' ? publishedAt : null,
      staleNotifiedAt: atOrNull(r.staleNotifiedAt), version: r.version, createdAt: at(r.createdAt), updatedAt: at(r.updatedAt),
    }
  }))
  await insertRequestAreas(tx, bundle.requests.flatMap((r) => [...new Set(areaIds(r.areas))].map((areaId) => ({ requestId: ids[r.ref]!, areaId }))))
}

/** An invitation waits INVITATION_SCHOOL_DAYS from when it was sent (on import, unless the bundle says), then expires like any other. */
async function loadOffers({ tx, bundle, trustId, ids, mint, personByRef, expertiseByRef }: Loading) {
  const calendar = await calendarFor(tx, trustId)
  const importedAt = new Date()
  await insertOffers(tx, bundle.offers.map((o) => {
    const person = personByRef.get(expertiseByRef.get(o.expertise)!.person)!
    const invitedAt = o.invitedAt ? new Date(o.invitedAt) : o.status === 'invited' ? importedAt : null
    return {
      id: mint(o.ref), trustId, requestId: ids[o.request]!, expertiseId: ids[o.expertise]!, personId: ids[person.ref]!,
      schoolId: person.school ? ids[person.school]! : null, status: o.status, message: o.message, days: o.days,
      invitedAt, expiresAt: o.expiresAt ? new Date(o.expiresAt) : o.status === 'invited' && invitedAt ? calendar.addSchoolDays(invitedAt, INVITATION_SCHOOL_DAYS) : null,
      inviteNote: o.inviteNote, proposedStart: o.proposedStart ?? null, proposedEnd: o.proposedEnd ?? null,
      decidedAt: atOrNull(o.decidedAt), closedReason: o.closedReason ?? null, createdAt: at(o.createdAt), updatedAt: at(o.updatedAt),
    }
  }))
}

/** Engagements with the days they charge to each term, their logged days, and the cases completed work left. */
async function loadEngagements({ tx, bundle, trustId, ids, mint, areaIds, personByRef, expertiseByRef, requestByRef, offerByRef }: Loading) {
  const logRows: (typeof engagementLogs.$inferInsert)[] = []
  const caseRows: (typeof cases.$inferInsert)[] = []
  const caseAreaRows: (typeof caseAreas.$inferInsert)[] = []
  const calendar = await calendarFor(tx, trustId)
  const chargeRows: (typeof engagementTerms.$inferInsert)[] = []
  const engagementRows = bundle.engagements.map((g) => {
    const offer = offerByRef.get(g.offer)!
    const request = requestByRef.get(offer.request)!
    const expert = personByRef.get(expertiseByRef.get(offer.expertise)!.person)!
    const id = mint(g.ref)
    const providerSchoolId = expert.school ? ids[expert.school]! : null
    const receiverSchoolId = ids[request.school]!
    const caseVisibility = g.caseVisibility ?? (request.confidentiality === 'invited' ? 'schools' : 'trust')
    if (g.logs) {
      for (const l of g.logs) {
        logRows.push({ id: l.ref ? mint(l.ref) : undefined, trustId, engagementId: id, date: l.date, days: l.days, note: l.note, loggedById: ids[l.loggedBy]!, createdAt: at(l.createdAt) })
      }
    } else if (g.daysDelivered) {
      for (let left = g.daysDelivered; left > 0; left -= 20) {
        logRows.push({ trustId, engagementId: id, date: g.completedAt ?? g.startedAt ?? request.window.start, days: Math.min(left, 20), note: 'Imported', loggedById: ids[expert.ref]! })
      }
    }
    if (g.case) {
      const caseId = g.case.ref ? mint(g.case.ref) : randomUUID()
      const { ref: _ref, areas: slugs, createdAt, ...fields } = g.case
      caseRows.push({ id: caseId, trustId, engagementId: id, requestId: ids[request.ref]!, providerSchoolId, receiverSchoolId, ...fields, createdAt: at(createdAt) })
      for (const areaId of new Set(areaIds(slugs))) caseAreaRows.push({ caseId, areaId })
    } else if (g.case === undefined && g.status === 'completed' && g.impact && g.headReflection && g.expertReflection) {
      const caseId = randomUUID()
      caseRows.push({
        id: caseId, trustId, engagementId: id, requestId: ids[request.ref]!, providerSchoolId, receiverSchoolId, impact: g.impact,
        visibility: request.confidentiality === 'invited' ? 'schools' : 'trust',
        ...caseFromEngagement({ requestTitle: request.title, problem: request.problem, offerMessage: offer.message, expertReflection: g.expertReflection, headReflection: g.headReflection }),
      })
      for (const areaId of new Set(areaIds(request.areas))) caseAreaRows.push({ caseId, areaId })
    }
    const charges = g.charges ?? calendar.splitDays(offer.days, request.window).map((share) => ({ termStart: share.term.start, days: share.days }))
    for (const charge of charges) chargeRows.push({ engagementId: id, trustId, ...charge })
    return {
      id, trustId, offerId: ids[offer.ref]!, requestId: ids[request.ref]!, expertiseId: ids[offer.expertise]!, expertId: ids[expert.ref]!,
      providerSchoolId, receiverSchoolId, days: g.days ?? offer.days, termStart: g.termStart ?? calendar.termOf(request.window.start).start, status: g.status,
      release: g.release, startedAt: g.startedAt ?? null, completedAt: g.completedAt ? new Date(g.completedAt) : null,
      cancelledAt: g.cancelledAt ? new Date(g.cancelledAt) : g.status === 'cancelled' ? new Date(g.completedAt ?? request.window.start) : null,
      cancelReason: g.cancelReason ?? null, releaseDecidedById: g.releaseDecidedBy ? ids[g.releaseDecidedBy]! : null, releaseDecidedAt: atOrNull(g.releaseDecidedAt),
      impact: g.impact ?? null, headReflection: g.headReflection ?? null, expertReflection: g.expertReflection ?? null,
      caseVisibility, createdAt: at(g.createdAt),
      expertAwayAt: g.away ? new Date(g.away.since) : null, expertAwayReason: g.away?.reason ?? null,
      colleagueAskedAt: atOrNull(g.colleagueAskedAt), awayRemindedAt: atOrNull(g.awayRemindedAt), returnedDays: g.returnedDays ?? null,
    }
  })
  // A hand-over names an engagement of the same bundle, minted above in any order.
  await insertEngagements(tx, engagementRows.map((row, i) => {
    const takesOver = bundle.engagements[i]!.takesOver
    return takesOver ? { ...row, takesOverId: ids[takesOver] ?? null } : row
  }))
  await insertEngagementTerms(tx, chargeRows)
  await insertEngagementLogs(tx, logRows)
  await insertCases(tx, caseRows)
  await insertCaseAreas(tx, caseAreaRows)
}

/** Requests for more days on the bundle's engagements. */
async function loadExtensions({ tx, bundle, trustId, ids, mint }: Loading) {
  const person = (ref: string | undefined) => (ref ? ids[ref]! : null)
  await insertExtensions(tx, (bundle.extensions ?? []).map((x) => ({
    id: mint(x.ref), trustId, engagementId: ids[x.engagement]!, days: x.days, reason: x.reason, status: x.status, termStart: x.termStart ?? null,
    proposedById: ids[x.proposedBy]!, decidedById: person(x.decidedBy), decidedAt: atOrNull(x.decidedAt), declineReason: x.declineReason ?? null,
    releaseDecidedById: person(x.releaseDecidedBy), releaseDecidedAt: atOrNull(x.releaseDecidedAt), createdAt: at(x.createdAt),
  })))
}

/**
 * Invitations nobody has accepted yet. Their links were never exported, so each gets a token nobody
 * holds: the list shows them, and the admin resends the ones still wanted.
 */
async function loadInvitations({ tx, bundle, trustId, ids, mint }: Loading) {
  await insertInvitations(tx, (bundle.invitations ?? []).map((v) => ({
    id: mint(v.ref), trustId, schoolId: v.school ? ids[v.school]! : null, email: v.email, role: v.role,
    tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'), invitedById: v.invitedBy ? ids[v.invitedBy]! : null,
    expiresAt: new Date(v.expiresAt), createdAt: at(v.createdAt),
  })))
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

/** Notifications and delivery choices; a link's ids that are refs of this bundle point at the new rows. */
async function loadNotifications({ tx, bundle, trustId, ids, mint }: Loading) {
  const relink = (link: string | undefined) => link?.replace(UUID, (id) => ids[id] ?? id) ?? null
  await insertNotifications(tx, (bundle.notifications ?? []).map((n) => ({
    id: mint(n.ref), trustId, personId: ids[n.person]!, kind: n.kind, title: n.title, body: n.body, link: relink(n.link), readAt: atOrNull(n.readAt),
    delivery: n.delivery, digestedAt: atOrNull(n.digestedAt), createdAt: at(n.createdAt),
  })))
  await insertNotificationPreferences(tx, (bundle.notificationPreferences ?? []).map((p) => ({ personId: ids[p.person]!, kind: p.kind, delivery: p.delivery })))
}

/** URNs and e-mails are unique across the whole service: a second import of a bundle is refused whole. */
async function refuseExisting(tx: Tx, bundle: TrustBundle) {
  const errors: FieldError[] = []
  for (const [c, chunk] of chunks(bundle.schools).entries()) {
    const taken = await takenUrns(tx, chunk.map((s) => s.urn))
    chunk.forEach((s, j) => taken.has(s.urn) && errors.push({ path: `schools[${c * 1000 + j}].urn`, message: `URN ${s.urn} is already registered` }))
  }
  for (const [c, chunk] of chunks(bundle.people).entries()) {
    const taken = await takenEmails(tx, chunk.map((p) => p.email))
    chunk.forEach((p, j) => taken.has(p.email) && errors.push({ path: `people[${c * 1000 + j}].email`, message: `${p.email} already has an account` }))
  }
  if (errors.length) invalid(errors.slice(0, 200), `This bundle clashes with data already here (${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}); nothing was imported.`)
}
