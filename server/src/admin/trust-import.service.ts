import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import type { AdminImport } from '@ee/shared/bundle'
import type { Db, Tx } from '../db/client.ts'
import { areas, clusters, expertise, expertiseAreas, invitations, people, schools, trusts } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertRole } from '../lib/policy.ts'
import { type FieldError, invalid } from '../lib/problem.ts'
import { enqueueEmail } from '../notifications/outbox.ts'

export const IMPORT_INVITATION_DAYS = 14
const CHUNK = 1000
const chunks = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK))

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
    if (newClusters.length) await tx.insert(clusters).values(newClusters)
    for (const chunk of chunks(bundle.schools)) {
      await tx.insert(schools).values(chunk.map((s) => ({
        id: mint(s.ref), trustId, clusterId: s.cluster ? clusterIds.get(s.cluster)! : null, urn: s.urn, name: s.name, phase: s.phase,
        type: s.type, postcode: s.postcode, lat: s.lat, lng: s.lng, releaseDaysPerTerm: s.releaseDaysPerTerm,
      })))
    }

    const schoolIdOf = (school: string | number | undefined) =>
      school === undefined ? null : typeof school === 'number' ? ctx.schoolByUrn.get(school)!.id : ids[school]!
    const joining = bundle.people.filter((p) => !elsewhere.has(p.ref))
    const expiresAt = new Date(now.getTime() + IMPORT_INVITATION_DAYS * 86_400_000)
    const invites: { row: typeof invitations.$inferInsert; link: string }[] = []
    for (const chunk of chunks(joining)) {
      await tx.insert(people).values(chunk.map((p) => ({
        id: mint(p.ref), trustId, schoolId: schoolIdOf(p.school), email: p.email, name: p.name, role: p.role, passwordHash: null, active: p.active,
      })))
    }
    for (const p of joining.filter((x) => x.active)) {
      const token = randomBytes(32).toString('base64url')
      invites.push({
        row: { trustId, schoolId: schoolIdOf(p.school), email: p.email, role: p.role, tokenHash: createHash('sha256').update(token).digest('hex'), invitedById: actor.id, expiresAt },
        link: `${publicUrl}/accept-invitation?token=${token}`,
      })
    }
    for (const chunk of chunks(invites)) await tx.insert(invitations).values(chunk.map((i) => i.row))
    for (const { row, link } of invites) {
      await enqueueEmail(tx, {
        trustId, to: row.email, subject: `You have been added to ${ctx.trustName} on Expertise Exchange`,
        text: `${actor.name} has added you to ${ctx.trustName} on Expertise Exchange.\n\nChoose your password here (the link works once, for ${IMPORT_INVITATION_DAYS} days):\n${link}\n`,
      })
    }
    for (const ref of elsewhere) {
      mint(ref)
      await enqueueEmail(tx, {
        trustId, to: bundlePeople.get(ref)!.email, subject: `${ctx.trustName} tried to add you to Expertise Exchange`,
        text: `${actor.name} of ${ctx.trustName} tried to add this address to their trust on Expertise Exchange, but it already has an account in another trust, so nothing was changed.\n\nIf you have moved to ${ctx.trustName}, ask your former trust's administrator to deactivate your account, then ask ${actor.name} to invite you again.\n`,
      })
    }

    const personOf = (ref: string) => {
      const p = bundlePeople.get(ref)
      if (p) return { id: ids[ref]!, schoolId: schoolIdOf(p.school) }
      const found = ctx.personByEmail.get(ref.trim().toLowerCase())!
      return { id: found.id, schoolId: found.schoolId }
    }
    const entries = bundle.expertise.filter((e) => !elsewhere.has(e.person))
    for (const ref of bundle.expertise.filter((e) => elsewhere.has(e.person)).map((e) => e.ref)) mint(ref)
    for (const chunk of chunks(entries)) {
      await tx.insert(expertise).values(chunk.map((e) => {
        const person = personOf(e.person)
        return {
          id: mint(e.ref), trustId, personId: person.id, schoolId: person.schoolId, title: e.title, summary: e.summary, evidence: e.evidence,
          subjects: e.subjects, phases: e.phases, modes: e.modes, capacityDaysPerTerm: e.capacityDaysPerTerm, active: e.active,
        }
      }))
    }
    const areaRows = entries.flatMap((e) => [...new Set(e.areas.map((slug) => ctx.areaBySlug.get(slug)!))].map((areaId) => ({ expertiseId: ids[e.ref]!, areaId })))
    for (const chunk of chunks(areaRows)) await tx.insert(expertiseAreas).values(chunk)

    await audit(tx, actor, {
      action: 'trust.imported', objectType: 'trust', objectId: trustId,
      detail: { schools: bundle.schools.length, clusters: newClusters.length, people: joining.length, addressesTaken: elsewhere.size, expertise: entries.length },
    })
    return ids
  })
}

async function loadExisting(tx: Tx, trustId: string, bundle: AdminImport) {
  const urns = [...new Set([...bundle.schools.map((s) => s.urn), ...bundle.people.flatMap((p) => (typeof p.school === 'number' ? [p.school] : []))])]
  const emails = [...new Set([...bundle.people.map((p) => p.email), ...bundle.expertise.map((e) => e.person.trim().toLowerCase()).filter((x) => x.includes('@'))])]
  const schoolByUrn = new Map<number, { id: string; trustId: string }>()
  for (const chunk of chunks(urns)) {
    for (const s of await tx.select({ id: schools.id, urn: schools.urn, trustId: schools.trustId }).from(schools).where(inArray(schools.urn, chunk))) schoolByUrn.set(s.urn, s)
  }
  const personByEmail = new Map<string, { id: string; trustId: string; schoolId: string | null }>()
  for (const chunk of chunks(emails)) {
    for (const p of await tx.select({ id: people.id, email: people.email, trustId: people.trustId, schoolId: people.schoolId }).from(people).where(inArray(people.email, chunk))) personByEmail.set(p.email, p)
  }
  const areaRows = await tx.select({ id: areas.id, slug: areas.slug }).from(areas).where(eq(areas.trustId, trustId))
  const clusterRows = await tx.select({ id: clusters.id, name: clusters.name }).from(clusters).where(and(eq(clusters.trustId, trustId)))
  const [trust] = await tx.select({ name: trusts.name }).from(trusts).where(eq(trusts.id, trustId))
  return {
    schoolByUrn,
    personByEmail,
    areaBySlug: new Map(areaRows.map((a) => [a.slug, a.id])),
    clusters: new Map(clusterRows.map((c) => [c.name, c.id])),
    trustName: trust!.name,
  }
}
