import { randomUUID } from 'node:crypto'
import type { AdminImport } from '@ee/shared/bundle'
import { issueInvitations } from '../auth/invitations.ts'
import type { Db, Tx } from '../db/client.ts'
import { pgCode } from '../db/pg-errors.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertRole } from '../lib/policy.ts'
import { type FieldError, conflict, invalid } from '../lib/problem.ts'
import { enqueueEmails } from '../notifications/outbox.ts'
import { existingForImport, insertClusters, insertExpertise, insertExpertiseAreas, insertPeople, insertSchools } from './admin.repo.ts'
import { addedToTrustEmail, notAddedEmail } from './notices.ts'

export const IMPORT_INVITATION_DAYS = 14

/**
 * Adds schools, clusters, people and expertise to the admin's own trust, in one transaction: all or
 * nothing, every fault named by its path. It never creates a trust (that is the operator's
 * `npm run trust:create`).
 *
 * People get no password: each is made an account without one and e-mailed an invitation to choose
 * it. An address that already has an account in another trust is answered exactly as a new one, so
 * the answer reveals nothing: no account is made (its ref gets an id that names nothing, its
 * expertise is left out) and the address's owner is told by e-mail instead.
 */
export async function importIntoTrust(db: Db, actor: Actor, bundle: AdminImport, publicUrl: string, now: Date): Promise<Record<string, string>> {
  assertRole(actor, 'bundle.import')
  return db.transaction(async (tx) => {
    const trustId = actor.trustId
    const ctx = await loadExisting(tx, trustId, bundle)
    const errors: FieldError[] = []
    const elsewhere = new Set<string>()

    bundle.schools.forEach((s, i) => {
      const taken = ctx.schoolByUrn.get(s.urn)
      if (!taken) return
      errors.push({
        path: `schools[${i}].urn`,
        message: taken.trustId === trustId
          ? `URN ${s.urn} is already one of your trust's schools`
          : `URN ${s.urn} cannot be added: it is registered on this service already. If the school has joined your trust, ask the service operator to move it`,
      })
    })
    bundle.people.forEach((p, i) => {
      const taken = ctx.personByEmail.get(p.email)
      if (taken?.trustId === trustId) errors.push({ path: `people[${i}].email`, message: `${p.email} already has an account in your trust` })
      else if (taken) elsewhere.add(p.ref)
      if (typeof p.school === 'number' && ctx.schoolByUrn.get(p.school)?.trustId !== trustId) {
        errors.push({ path: `people[${i}].school`, message: `No school with URN ${p.school} in your trust` })
      }
    })
    const bundlePeople = new Map(bundle.people.map((p) => [p.ref, p]))
    bundle.expertise.forEach((e, i) => {
      if (!bundlePeople.has(e.person)) {
        const found = ctx.personByEmail.get(e.person.trim().toLowerCase())
        if (found?.trustId !== trustId) errors.push({ path: `expertise[${i}].person`, message: `No one with the e-mail ${e.person} in your trust` })
      }
      e.areas.forEach((slug, j) => ctx.areaBySlug.has(slug) || errors.push({ path: `expertise[${i}].areas[${j}]`, message: `Your trust's framework has no area "${slug}"` }))
    })
    if (errors.length) {
      invalid(errors.slice(0, 200), `This file clashes with data already here (${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}); nothing was imported.`)
    }

    const ids: Record<string, string> = {}
    const mint = (ref: string) => (ids[ref] = randomUUID())

    const clusterIds = new Map(ctx.clusters)
    const newClusters = [...new Set(bundle.schools.flatMap((s) => (s.cluster && !clusterIds.has(s.cluster) ? [s.cluster] : [])))].map((name) => ({ id: randomUUID(), trustId, name }))
    for (const c of newClusters) clusterIds.set(c.name, c.id)
    await insertClusters(tx, newClusters)
    await insertSchools(tx, bundle.schools.map((s) => ({
      id: mint(s.ref), trustId, clusterId: s.cluster ? clusterIds.get(s.cluster)! : null, urn: s.urn, name: s.name, phase: s.phase,
      type: s.type, postcode: s.postcode, lat: s.lat, lng: s.lng, releaseDaysPerTerm: s.releaseDaysPerTerm,
    })))

    const schoolIdOf = (school: string | number | undefined) =>
      school === undefined ? null : typeof school === 'number' ? ctx.schoolByUrn.get(school)!.id : ids[school]!
    const joining = bundle.people.filter((p) => !elsewhere.has(p.ref))
    await insertPeople(tx, joining.map((p) => ({
      id: mint(p.ref), trustId, schoolId: schoolIdOf(p.school), email: p.email, name: p.name, role: p.role, passwordHash: null, active: p.active,
    })))
    await issueInvitations(tx, joining.filter((p) => p.active).map((p) => ({ trustId, schoolId: schoolIdOf(p.school), email: p.email, role: p.role })), {
      invitedById: actor.id, publicUrl, now, days: IMPORT_INVITATION_DAYS, email: (link) => addedToTrustEmail(actor.name, ctx.trustName, link, IMPORT_INVITATION_DAYS),
    })
    for (const ref of elsewhere) mint(ref)
    await enqueueEmails(tx, [...elsewhere].map((ref) => ({ trustId, to: bundlePeople.get(ref)!.email, ...notAddedEmail(actor.name, ctx.trustName) })))

    const personOf = (ref: string) => {
      const p = bundlePeople.get(ref)
      if (p) return { id: ids[ref]!, schoolId: schoolIdOf(p.school) }
      const found = ctx.personByEmail.get(ref.trim().toLowerCase())!
      return { id: found.id, schoolId: found.schoolId }
    }
    const entries = bundle.expertise.filter((e) => !elsewhere.has(e.person))
    for (const ref of bundle.expertise.filter((e) => elsewhere.has(e.person)).map((e) => e.ref)) mint(ref)
    await insertExpertise(tx, entries.map((e) => {
      const person = personOf(e.person)
      return {
        id: mint(e.ref), trustId, personId: person.id, schoolId: person.schoolId, title: e.title, summary: e.summary, evidence: e.evidence,
        subjects: e.subjects, phases: e.phases, modes: e.modes, capacityDaysPerTerm: e.capacityDaysPerTerm, active: e.active,
      }
    }))
    await insertExpertiseAreas(tx, entries.flatMap((e) => [...new Set(e.areas.map((slug) => ctx.areaBySlug.get(slug)!))].map((areaId) => ({ expertiseId: ids[e.ref]!, areaId }))))

    await audit(tx, actor, {
      action: 'trust.imported', objectType: 'trust', objectId: trustId,
      detail: { schools: bundle.schools.length, clusters: newClusters.length, people: joining.length, addressesTaken: elsewhere.size, expertise: entries.length },
    })
    return ids
  }).catch((err: unknown) => {
    // The same file sent twice at once: the second meets the first's rows in the unique indexes and
    // stores nothing. Said for the whole import, since no field of the file is at fault (db/pg-errors.ts).
    if (pgCode(err) === '23505') {
      conflict('The same schools, people or clusters were added at this moment, perhaps by this file sent twice; nothing of this import was stored. Reload to see what is there now.')
    }
    throw err
  })
}

async function loadExisting(tx: Tx, trustId: string, bundle: AdminImport) {
  const urns = [...new Set([...bundle.schools.map((s) => s.urn), ...bundle.people.flatMap((p) => (typeof p.school === 'number' ? [p.school] : []))])]
  const emails = [...new Set([...bundle.people.map((p) => p.email), ...bundle.expertise.map((e) => e.person.trim().toLowerCase()).filter((x) => x.includes('@'))])]
  return existingForImport(tx, trustId, urns, emails)
}
