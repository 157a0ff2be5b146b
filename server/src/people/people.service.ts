import type { Role } from '@ee/shared/common'
import type { InvitationImportReport, InvitationImportRow, PeopleList, PeopleListQuery, PersonSummary, UpdatePersonBody } from '@ee/shared/people'
import { createInvitation } from '../auth/invitations.ts'
import type { Db } from '../db/client.ts'
import { noteExpertAvailability } from '../engagements/leavers.service.ts'
import { declineOpenInvitations, followPersonToSchool } from '../expertise/expertise.service.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { pageFromWindow, pageWindow } from '../lib/page.ts'
import { assertCan, assertRole } from '../lib/policy.ts'
import { Problem, conflict, invalid, notFound } from '../lib/problem.ts'
import { parseInvitationsCsv } from './invitation-csv.ts'
import { type PersonRow, endSessionsOf, findPeople, findPerson, findSchoolIdsByUrn, findSchoolOfTrust, findTakenEmails, updatePerson as updatePersonRow } from './people.repo.ts'

/** Invitations and reset links belong to auth; the people page reaches them through this service. */
export { createInvitation, listPendingInvitations, resendInvitation } from '../auth/invitations.ts'
export { sendResetLink } from '../auth/password-reset.ts'

const belongsToSchool = (role: Role) => role === 'headteacher' || role === 'teacher'

const toSummary = (r: PersonRow): PersonSummary => ({
  id: r.id, email: r.email, name: r.name, role: r.role as Role, schoolId: r.schoolId, schoolName: r.schoolName, active: r.active,
  paused: r.pausedAt !== null, lastActiveAt: r.lastActiveAt?.toISOString() ?? null,
})

export async function listPeople(db: Db, actor: Actor, query: PeopleListQuery): Promise<PeopleList> {
  assertRole(actor, 'person.list')
  const rows = await findPeople(db, { trustId: actor.trustId, q: query.q, role: query.role, schoolId: query.school, active: query.active }, pageWindow(query))
  return pageFromWindow(rows.map(toSummary), query)
}

/**
 * An administrator changes someone's role or school, or deactivates them. Deactivation ends their
 * sessions at once and declines their open invitations; their entries leave the directory (it shows
 * active people only) and everything they did stays on record.
 */
export async function updatePerson(db: Db, actor: Actor, id: string, body: UpdatePersonBody, now: Date): Promise<PersonSummary> {
  return db.transaction(async (tx) => {
    const row = (await findPerson(tx, id, true)) ?? notFound('person')
    assertCan(actor, 'person.update', row, 'person')
    if (row.id === actor.id && ((body.active === false && row.active) || (body.role !== undefined && body.role !== row.role))) {
      conflict('You cannot deactivate yourself or change your own role. Ask another trust administrator to do it.')
    }
    const role = body.role ?? (row.role as Role)
    let schoolId = body.schoolId === undefined ? row.schoolId : body.schoolId
    if (!belongsToSchool(role)) {
      if (body.schoolId) invalid([{ path: 'schoolId', message: 'Central team and administrators do not belong to a school' }])
      schoolId = null
    } else if (!schoolId) {
      invalid([{ path: 'schoolId', message: 'Choose the school this person works at' }])
    } else if (schoolId !== row.schoolId && !(await findSchoolOfTrust(tx, actor.trustId, schoolId))) {
      invalid([{ path: 'schoolId', message: 'Choose a school of your trust' }])
    }
    const deactivating = row.active && body.active === false
    const reactivating = !row.active && body.active === true
    await updatePersonRow(tx, row.id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
      role,
      schoolId,
    })
    if (schoolId !== row.schoolId) await followPersonToSchool(tx, row.id, schoolId)
    let declined = 0
    if (deactivating) {
      await endSessionsOf(tx, row.id)
      declined = await declineOpenInvitations(tx, { id: row.id, name: row.name }, 'deactivated', now)
    }
    // Work under way is marked and both heads told when its expert leaves, and again when they come back.
    if (deactivating || reactivating) await noteExpertAvailability(tx, actor, row.id, now)
    await audit(tx, actor, {
      action: deactivating ? 'person.deactivated' : reactivating ? 'person.reactivated' : 'person.updated',
      objectType: 'person', objectId: row.id,
      detail: { ...body, ...(role !== row.role ? { previousRole: row.role } : {}), ...(schoolId !== row.schoolId ? { previousSchoolId: row.schoolId } : {}), ...(declined ? { declinedInvitations: declined } : {}) },
    })
    return toSummary((await findPerson(tx, row.id))!)
  })
}

/**
 * Invites everyone on a list (email,role,school_urn). Each good line becomes an invitation with its
 * own e-mail; each line is reported, and a failing line does not stop the others.
 */
export async function importInvitations(db: Db, actor: Actor, csv: string, publicUrl: string, now: Date): Promise<InvitationImportReport> {
  assertRole(actor, 'person.invite')
  const parsed = parseInvitationsCsv(csv)
  if (!parsed.ok) return invalid([{ path: 'csv', message: parsed.message }], parsed.message)
  const rows = parsed.rows
  const [schoolIds, taken] = await Promise.all([
    findSchoolIdsByUrn(db, actor.trustId, rows.flatMap((r) => (r.schoolUrn !== null ? [r.schoolUrn] : []))),
    findTakenEmails(db, rows.map((r) => r.email)),
  ])
  const out: InvitationImportRow[] = []
  for (const r of rows) {
    const reasons = [...r.reasons]
    // Only this trust's own people are named; an address of another trust is invited like a new one
    // (createInvitation tells its owner by e-mail), so the report reveals nothing about other trusts.
    if (taken.get(r.email) === actor.trustId) reasons.push('Someone in your trust already has an account with this e-mail; send them a reset link instead')
    if (r.schoolUrn !== null && r.role && belongsToSchool(r.role) && !schoolIds.has(r.schoolUrn)) reasons.push(`No school of your trust has URN ${r.schoolUrn}`)
    const base = { line: r.line, email: r.email, role: r.role, schoolUrn: r.schoolUrn }
    if (reasons.length || !r.role) {
      out.push({ ...base, status: 'refused', reasons })
      continue
    }
    try {
      const schoolId = r.schoolUrn !== null ? schoolIds.get(r.schoolUrn)! : null
      await createInvitation(db, actor, { email: r.email, role: r.role, schoolId }, publicUrl, now)
      out.push({ ...base, status: 'invited', reasons: [] })
    } catch (err) {
      if (!(err instanceof Problem) || err.status >= 500) throw err
      out.push({ ...base, status: 'refused', reasons: err.errors?.map((e) => e.message) ?? [err.detail ?? err.title] })
    }
  }
  const invited = out.filter((r) => r.status === 'invited').length
  if (invited) {
    await db.transaction((tx) =>
      audit(tx, actor, { action: 'invitations.imported', objectType: 'trust', objectId: actor.trustId, detail: { invited, refused: out.length - invited } }),
    )
  }
  return { counts: { invited, refused: out.length - invited }, rows: out }
}
