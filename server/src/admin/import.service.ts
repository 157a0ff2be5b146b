import { randomUUID } from 'node:crypto'
import { inArray } from 'drizzle-orm'
import pLimit from 'p-limit'
import { DEFAULT_AREA_SLUGS } from '@ee/shared/areas'
import { type TrustBundle, makeBundleSchema } from '@ee/shared/bundle'
import { formatPath } from '@ee/shared/problem'
import { hashPassword } from '../auth/password.ts'
import type { Db, Tx } from '../db/client.ts'
import {
  areas,
  caseAreas,
  cases,
  clusters,
  engagementLogs,
  engagementTerms,
  engagements,
  expertise,
  expertiseAreas,
  offers,
  people,
  requestAreas,
  requests,
  schools,
  trusts,
} from '../db/schema/index.ts'
import { seedDefaultFramework } from '../areas/default-framework.ts'
import { caseFromEngagement } from '../cases/case-from-engagement.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { type FieldError, invalid } from '../lib/problem.ts'
import { calendarFor } from '../calendar/calendar.service.ts'

export const TrustBundleSchema = makeBundleSchema(DEFAULT_AREA_SLUGS)

/** Validates an unknown document: every fault, with its path, or the parsed bundle. */
export function parseBundle(input: unknown): { ok: true; bundle: TrustBundle } | { ok: false; errors: FieldError[] } {
  const result = TrustBundleSchema.safeParse(input)
  if (result.success) return { ok: true, bundle: result.data }
  return { ok: false, errors: result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) }
}

const CHUNK = 1000
async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK))
}

/**
 * Loads a whole trust in one transaction (DESIGN §8): all or nothing. Ids are minted here so that
 * refs map to ids without relying on the order rows come back in.
 */
export async function importBundle(db: Db, bundle: TrustBundle, actor: Actor | null = null): Promise<Record<string, string>> {
  return db.transaction(async (tx) => {
    await refuseExisting(tx, bundle)
    const ids: Record<string, string> = {}
    const mint = (ref: string) => (ids[ref] = randomUUID())

    const trustId = mint(bundle.trust.ref)
    await tx.insert(trusts).values({ id: trustId, name: bundle.trust.name })

    const areaIdBySlug = bundle.areas ? await insertAreas(tx, trustId, bundle, mint) : await seedDefaultFramework(tx, trustId)
    const areaIds = (slugs: string[]) => slugs.map((s) => areaIdBySlug.get(s)!)

    const clusterIds = new Map<string, string>()
    for (const name of new Set(bundle.schools.flatMap((s) => (s.cluster ? [s.cluster] : [])))) clusterIds.set(name, randomUUID())
    if (clusterIds.size) await tx.insert(clusters).values([...clusterIds].map(([name, id]) => ({ id, trustId, name })))

    await insertChunked(bundle.schools, (chunk) =>
      tx.insert(schools).values(
        chunk.map((s) => ({
          id: mint(s.ref), trustId, clusterId: s.cluster ? clusterIds.get(s.cluster)! : null, urn: s.urn, name: s.name, phase: s.phase,
          type: s.type, postcode: s.postcode, lat: s.lat, lng: s.lng, releaseDaysPerTerm: s.releaseDaysPerTerm,
        })),
      ),
    )

    // Each person's hash has its own salt, even where two people share a password; argon2 runs on
    // libuv's four threads, so more at once would only queue.
    const hashing = pLimit(4)
    const personRows = await Promise.all(
      bundle.people.map(async (p) => ({
        id: mint(p.ref), trustId, schoolId: p.school ? ids[p.school]! : null, email: p.email, name: p.name, role: p.role,
        passwordHash: p.password ? await hashing(() => hashPassword(p.password!)) : null, active: p.active,
      })),
    )
    await insertChunked(personRows, (chunk) => tx.insert(people).values(chunk))
    const personByRef = new Map(bundle.people.map((p) => [p.ref, p]))

    await insertChunked(bundle.expertise, (chunk) =>
      tx.insert(expertise).values(
        chunk.map((e) => {
          const person = personByRef.get(e.person)!
          return {
            id: mint(e.ref), trustId, personId: ids[e.person]!, schoolId: person.school ? ids[person.school]! : null, title: e.title,
            summary: e.summary, evidence: e.evidence, subjects: e.subjects, phases: e.phases, modes: e.modes,
            capacityDaysPerTerm: e.capacityDaysPerTerm, active: e.active,
            autumnDays: e.termDays?.autumn ?? null, springDays: e.termDays?.spring ?? null, summerDays: e.termDays?.summer ?? null,
          }
        }),
      ),
    )
    await insertChunked(
      bundle.expertise.flatMap((e) => [...new Set(areaIds(e.areas))].map((areaId) => ({ expertiseId: ids[e.ref]!, areaId }))),
      (chunk) => tx.insert(expertiseAreas).values(chunk),
    )

    const engagementsByRequest = new Map<string, TrustBundle['engagements']>()
    const offerByRef = new Map(bundle.offers.map((o) => [o.ref, o]))
    for (const g of bundle.engagements) {
      const req = offerByRef.get(g.offer)!.request
      engagementsByRequest.set(req, [...(engagementsByRequest.get(req) ?? []), g])
    }
    await insertChunked(bundle.requests, (chunk) =>
      tx.insert(requests).values(
        chunk.map((r) => {
          const gs = engagementsByRequest.get(r.ref) ?? []
          const started = gs.map((g) => g.startedAt).filter(Boolean).sort()[0]
          const completed = gs.map((g) => g.completedAt).filter(Boolean).sort().at(-1)
          const publishedAt = r.publishedAt ? new Date(r.publishedAt) : null
          return {
            id: mint(r.ref), trustId, schoolId: ids[r.school]!, raisedById: ids[r.raisedBy]!, title: r.title, problem: r.problem,
            tried: r.tried, outcome: r.outcome, subjects: r.subjects, phases: r.phases, modes: r.modes, expertsWanted: r.expertsWanted,
            daysPerExpert: r.daysPerExpert, windowStart: r.window.start, windowEnd: r.window.end, confidentiality: r.confidentiality,
            status: r.status, publishedAt,
            commissionedAt: r.status === 'commissioned' || r.status === 'completed' ? (started ? new Date(started) : publishedAt) : null,
            closedAt: r.status === 'completed' ? (completed ? new Date(completed) : publishedAt) : r.status === 'withdrawn' ? publishedAt : null,
          }
        }),
      ),
    )
    await insertChunked(
      bundle.requests.flatMap((r) => [...new Set(areaIds(r.areas))].map((areaId) => ({ requestId: ids[r.ref]!, areaId }))),
      (chunk) => tx.insert(requestAreas).values(chunk),
    )

    const requestByRef = new Map(bundle.requests.map((r) => [r.ref, r]))
    const expertiseByRef = new Map(bundle.expertise.map((e) => [e.ref, e]))
    await insertChunked(bundle.offers, (chunk) =>
      tx.insert(offers).values(
        chunk.map((o) => {
          const person = personByRef.get(expertiseByRef.get(o.expertise)!.person)!
          return {
            id: mint(o.ref), trustId, requestId: ids[o.request]!, expertiseId: ids[o.expertise]!, personId: ids[person.ref]!,
            schoolId: person.school ? ids[person.school]! : null, status: o.status, message: o.message, days: o.days,
            invitedAt: o.status === 'invited' ? new Date() : null,
          }
        }),
      ),
    )

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
      if (g.daysDelivered) {
        for (let left = g.daysDelivered; left > 0; left -= 20) {
          logRows.push({ trustId, engagementId: id, date: g.completedAt ?? g.startedAt ?? request.window.start, days: Math.min(left, 20), note: 'Imported', loggedById: ids[expert.ref]! })
        }
      }
      if (g.status === 'completed' && g.impact && g.headReflection && g.expertReflection) {
        const caseId = randomUUID()
        caseRows.push({
          id: caseId, trustId, engagementId: id, requestId: ids[request.ref]!, providerSchoolId, receiverSchoolId, impact: g.impact,
          visibility: request.confidentiality === 'invited' ? 'schools' : 'trust',
          ...caseFromEngagement({ requestTitle: request.title, problem: request.problem, offerMessage: offer.message, expertReflection: g.expertReflection, headReflection: g.headReflection }),
        })
        for (const areaId of new Set(areaIds(request.areas))) caseAreaRows.push({ caseId, areaId })
      }
      for (const share of calendar.splitDays(offer.days, request.window)) chargeRows.push({ engagementId: id, trustId, termStart: share.term.start, days: share.days })
      return {
        id, trustId, offerId: ids[offer.ref]!, requestId: ids[request.ref]!, expertiseId: ids[offer.expertise]!, expertId: ids[expert.ref]!,
        providerSchoolId, receiverSchoolId, days: offer.days, termStart: calendar.termOf(request.window.start).start, status: g.status,
        release: g.release, startedAt: g.startedAt ?? null, completedAt: g.completedAt ? new Date(g.completedAt) : null,
        cancelledAt: g.status === 'cancelled' ? new Date(g.completedAt ?? request.window.start) : null,
        impact: g.impact ?? null, headReflection: g.headReflection ?? null, expertReflection: g.expertReflection ?? null,
        caseVisibility: request.confidentiality === 'invited' ? 'schools' : 'trust',
      }
    })
    await insertChunked(engagementRows, (chunk) => tx.insert(engagements).values(chunk))
    await insertChunked(chargeRows, (chunk) => tx.insert(engagementTerms).values(chunk))
    await insertChunked(logRows, (chunk) => tx.insert(engagementLogs).values(chunk))
    await insertChunked(caseRows, (chunk) => tx.insert(cases).values(chunk))
    await insertChunked(caseAreaRows, (chunk) => tx.insert(caseAreas).values(chunk))

    await audit(tx, actor ?? { id: null as unknown as string, trustId }, {
      action: 'bundle.imported', objectType: 'trust', objectId: trustId,
      detail: { schools: bundle.schools.length, people: bundle.people.length, expertise: bundle.expertise.length, requests: bundle.requests.length },
    })
    return ids
  })
}

async function insertAreas(tx: Tx, trustId: string, bundle: TrustBundle, mint: (ref: string) => string) {
  const list = bundle.areas ?? []
  const idByRef = new Map(list.map((a) => [a.ref, mint(a.ref)]))
  await tx.insert(areas).values(
    list.map((a, i) => ({ id: idByRef.get(a.ref)!, trustId, slug: a.slug, name: a.name, description: a.description, parentId: a.parent ? idByRef.get(a.parent)! : null, position: i })),
  )
  return new Map(list.map((a) => [a.slug, idByRef.get(a.ref)!]))
}

/** URNs and e-mails are unique across the whole service: a second import of a bundle is refused whole. */
async function refuseExisting(tx: Tx, bundle: TrustBundle) {
  const errors: FieldError[] = []
  for (let i = 0; i < bundle.schools.length; i += CHUNK) {
    const chunk = bundle.schools.slice(i, i + CHUNK)
    const taken = new Set((await tx.select({ urn: schools.urn }).from(schools).where(inArray(schools.urn, chunk.map((s) => s.urn)))).map((r) => r.urn))
    chunk.forEach((s, j) => taken.has(s.urn) && errors.push({ path: `schools[${i + j}].urn`, message: `URN ${s.urn} is already registered` }))
  }
  for (let i = 0; i < bundle.people.length; i += CHUNK) {
    const chunk = bundle.people.slice(i, i + CHUNK)
    const taken = new Set((await tx.select({ email: people.email }).from(people).where(inArray(people.email, chunk.map((p) => p.email)))).map((r) => r.email))
    chunk.forEach((p, j) => taken.has(p.email) && errors.push({ path: `people[${i + j}].email`, message: `${p.email} already has an account` }))
  }
  if (errors.length) invalid(errors.slice(0, 200), `This bundle clashes with data already here (${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}); nothing was imported.`)
}
