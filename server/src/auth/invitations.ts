import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Role } from '@ee/shared/common'
import type { CreateInvitationBody, InvitationSent, PendingInvitation } from '@ee/shared/people'
import type { Db, Executor } from '../db/client.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertCan, assertRole } from '../lib/policy.ts'
import { Problem, conflict, invalid, notFound } from '../lib/problem.ts'
import { enqueueEmail, enqueueEmails } from '../notifications/outbox.ts'
import {
  accountTrustOf,
  insertInvitation,
  insertInvitations,
  lockInvitation,
  lockWaitingInvitation,
  pendingInvitationsOfTrust,
  renewInvitation,
  schoolTrustOf,
  trustName,
} from './auth.repo.ts'
import { type EmailText, addressTakenEmail, invitationEmail } from './notices.ts'

export const INVITATION_DAYS = 14
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** A UK calendar date, `YYYY-MM-DD`. */
const londonDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d)

type InvitationFields = { trustId: string; schoolId: string | null; email: string; role: Role }

/**
 * A new single-use link for an invitation: the token travels only in the e-mail, the row keeps its
 * sha256. The link is built from PUBLIC_URL only.
 */
function newInvitationLink(fields: InvitationFields, invitedById: string | null, publicUrl: string, now: Date, days: number) {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + days * 86_400_000)
  return { row: { ...fields, tokenHash: hashToken(token), invitedById, expiresAt, createdAt: now }, link: `${publicUrl}/accept-invitation?token=${token}`, expiresAt }
}

type IssueOptions = {
  /** Who invites: null for the service operator. */
  invitedById: string | null
  publicUrl: string
  now: Date
  /** How long the link works. */
  days: number
  /** The e-mail that carries the link. */
  email: (link: string, fields: InvitationFields) => EmailText
}

/**
 * Writes invitations and e-mails each its link, in the caller's transaction (a thousand rows to a
 * statement, for imports). The links are returned for the operator's command line, never in an API answer.
 */
export async function issueInvitations(tx: Executor, invitees: InvitationFields[], opts: IssueOptions): Promise<{ id: string; link: string }[]> {
  const issued = invitees.map((fields) => ({ id: randomUUID(), fields, ...newInvitationLink(fields, opts.invitedById, opts.publicUrl, opts.now, opts.days) }))
  await insertInvitations(tx, issued.map((x) => ({ id: x.id, ...x.row })))
  await enqueueEmails(tx, issued.map(({ fields, link }) => ({ trustId: fields.trustId, to: fields.email, ...opts.email(link, fields) })))
  return issued.map(({ id, link }) => ({ id, link }))
}

/**
 * Writes (or renews) the invitation row and sends its e-mail. For an address that has an account in
 * another trust the row is kept, so the admin's list of waiting invitations looks the same as for a
 * new address, but it cannot be used: its token is thrown away, and the e-mail tells the address's
 * owner why there is no link instead.
 */
async function sendInvitation(tx: Executor, fields: InvitationFields, inviter: Actor, publicUrl: string, now: Date, existingId: string | null) {
  const { row, link, expiresAt } = newInvitationLink(fields, inviter.id, publicUrl, now, INVITATION_DAYS)
  const id = existingId ? (await renewInvitation(tx, existingId, row), existingId) : await insertInvitation(tx, row)
  const holder = await accountTrustOf(tx, fields.email)
  const takenElsewhere = holder !== undefined && holder !== fields.trustId
  if (takenElsewhere) await tellOwnerOfTakenAddress(tx, inviter, fields.email)
  else await enqueueEmail(tx, { trustId: fields.trustId, to: fields.email, ...invitationEmail(inviter.name, link, INVITATION_DAYS) })
  return { id, expiresAt, takenElsewhere }
}

const sent = (body: { email: string; role: Role; schoolId: string | null }, expiresAt: Date): InvitationSent => ({
  email: body.email, role: body.role, schoolId: body.schoolId, status: 'sent', expiresOn: londonDate(expiresAt),
})

/**
 * Invites someone to the admin's trust. An address that already has an account in another trust is
 * answered exactly as a new one, and shows in the list of waiting invitations like one (no answer
 * reveals another trust); its owner is told by e-mail, and nothing they could accept is made. An
 * address of the admin's own trust is a 409. A waiting invitation for the same address in this trust
 * is replaced, so its old link stops working.
 */
export async function createInvitation(db: Db, actor: Actor, body: CreateInvitationBody, publicUrl: string, now: Date): Promise<InvitationSent> {
  assertRole(actor, 'person.invite')
  const schoolId = body.schoolId ?? null
  return db.transaction(async (tx) => {
    if (schoolId) {
      if ((await schoolTrustOf(tx, schoolId)) !== actor.trustId) invalid([{ path: 'schoolId', message: 'Choose a school of your trust' }])
    }
    if ((await accountTrustOf(tx, body.email)) === actor.trustId) {
      throw new Problem(409, '/problems/conflict', 'Already has an account', 'Someone in your trust already has an account with this e-mail. If they cannot sign in, send them a reset link from the people page.', [
        { path: 'email', message: 'Someone in your trust already has an account with this e-mail; send them a reset link instead' },
      ])
    }
    const waiting = await lockWaitingInvitation(tx, actor.trustId, body.email)
    const fields = { trustId: actor.trustId, schoolId, email: body.email, role: body.role }
    const { id, expiresAt, takenElsewhere } = await sendInvitation(tx, fields, actor, publicUrl, now, waiting?.id ?? null)
    await audit(tx, actor, {
      action: waiting ? 'invitation.replaced' : 'invitation.created', objectType: 'invitation', objectId: id,
      detail: { email: body.email, role: body.role, ...(takenElsewhere ? { addressInAnotherTrust: true } : {}) },
    })
    return sent(fields, expiresAt)
  })
}

async function tellOwnerOfTakenAddress(tx: Executor, actor: Actor, email: string) {
  const org = (await trustName(tx, actor.trustId)) ?? 'a trust'
  await enqueueEmail(tx, { trustId: actor.trustId, to: email, ...addressTakenEmail(actor.name, org) })
}

export async function listPendingInvitations(db: Db, actor: Actor, now: Date): Promise<PendingInvitation[]> {
  assertRole(actor, 'person.invite')
  const rows = await pendingInvitationsOfTrust(db, actor.trustId)
  return rows.map((r) => ({
    id: r.id, email: r.email, role: r.role as Role, schoolId: r.schoolId, schoolName: r.schoolName, invitedByName: r.invitedByName,
    sentAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString(), expired: r.expiresAt <= now,
  }))
}

/** Sends a waiting invitation again with a new link (the old one stops working) and a new expiry. */
export async function resendInvitation(db: Db, actor: Actor, id: string, publicUrl: string, now: Date): Promise<InvitationSent> {
  return db.transaction(async (tx) => {
    const inv = await lockInvitation(tx, id)
    if (!inv) return notFound('invitation')
    assertCan(actor, 'person.invite', inv, 'invitation')
    if (inv.acceptedAt) conflict('This invitation has been accepted already: the person can sign in, or you can send them a reset link.')
    const fields = { trustId: inv.trustId, schoolId: inv.schoolId, email: inv.email, role: inv.role as Role }
    const { expiresAt, takenElsewhere } = await sendInvitation(tx, fields, actor, publicUrl, now, inv.id)
    await audit(tx, actor, { action: 'invitation.resent', objectType: 'invitation', objectId: inv.id, detail: { email: inv.email, ...(takenElsewhere ? { addressInAnotherTrust: true } : {}) } })
    return sent(fields, expiresAt)
  })
}
