import { createHash, randomBytes } from 'node:crypto'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Role } from '@ee/shared/common'
import type { CreateInvitationBody, InvitationSent, PendingInvitation } from '@ee/shared/people'
import type { Db, Executor } from '../db/client.ts'
import { invitations, people, schools, trusts } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertCan, assertRole } from '../lib/policy.ts'
import { Problem, conflict, invalid, notFound } from '../lib/problem.ts'
import { enqueueEmail } from '../notifications/outbox.ts'

export const INVITATION_DAYS = 14
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
const newToken = () => randomBytes(32).toString('base64url')

/** A UK calendar date, `YYYY-MM-DD`. */
const londonDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d)
const invitationExpiry = (now: Date) => new Date(now.getTime() + INVITATION_DAYS * 86_400_000)

const inviteText = (inviter: string, link: string) =>
  `${inviter} has invited you to join your trust on Expertise Exchange.\n\nSet your name and password here (the link works once, for ${INVITATION_DAYS} days):\n${link}\n`

type InvitationFields = { trustId: string; schoolId: string | null; email: string; role: Role }
type Inviter = { id: string | null; name: string }

/**
 * Writes an invitation and e-mails its link, in the caller's transaction. The link is built from
 * PUBLIC_URL only and is returned for the operator's command line, never in an API answer.
 */
export async function issueInvitation(tx: Executor, fields: InvitationFields, inviter: Inviter, publicUrl: string, now: Date) {
  const token = newToken()
  const expiresAt = invitationExpiry(now)
  const [row] = await tx
    .insert(invitations)
    .values({ ...fields, tokenHash: hashToken(token), invitedById: inviter.id, expiresAt, createdAt: now })
    .returning({ id: invitations.id })
  const link = `${publicUrl}/accept-invitation?token=${token}`
  await enqueueEmail(tx, { trustId: fields.trustId, to: fields.email, subject: 'You are invited to Expertise Exchange', text: inviteText(inviter.name, link) })
  return { id: row!.id, link, expiresAt }
}

/**
 * Writes (or renews) the invitation row and sends its e-mail. For an address that has an account in
 * another trust the row is kept, so the admin's list of waiting invitations looks the same as for a
 * new address, but it cannot be used: its token is thrown away, and the e-mail tells the address's
 * owner why there is no link instead.
 */
async function sendInvitation(tx: Executor, fields: InvitationFields, inviter: Actor, publicUrl: string, now: Date, existingId: string | null) {
  const token = newToken()
  const expiresAt = invitationExpiry(now)
  const values = { ...fields, tokenHash: hashToken(token), invitedById: inviter.id, expiresAt, createdAt: now }
  let id = existingId
  if (id) await tx.update(invitations).set(values).where(eq(invitations.id, id))
  else id = (await tx.insert(invitations).values(values).returning({ id: invitations.id }))[0]!.id
  const [holder] = await tx.select({ trustId: people.trustId }).from(people).where(eq(people.email, fields.email))
  const takenElsewhere = holder !== undefined && holder.trustId !== fields.trustId
  if (takenElsewhere) await tellOwnerOfTakenAddress(tx, inviter, fields.email)
  else {
    const link = `${publicUrl}/accept-invitation?token=${token}`
    await enqueueEmail(tx, { trustId: fields.trustId, to: fields.email, subject: 'You are invited to Expertise Exchange', text: inviteText(inviter.name, link) })
  }
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
      const [school] = await tx.select({ trustId: schools.trustId }).from(schools).where(eq(schools.id, schoolId))
      if (!school || school.trustId !== actor.trustId) invalid([{ path: 'schoolId', message: 'Choose a school of your trust' }])
    }
    const [existing] = await tx.select({ trustId: people.trustId }).from(people).where(eq(people.email, body.email))
    if (existing?.trustId === actor.trustId) {
      throw new Problem(409, '/problems/conflict', 'Already has an account', 'Someone in your trust already has an account with this e-mail. If they cannot sign in, send them a reset link from the people page.', [
        { path: 'email', message: 'Someone in your trust already has an account with this e-mail; send them a reset link instead' },
      ])
    }
    const [waiting] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.trustId, actor.trustId), eq(invitations.email, body.email), isNull(invitations.acceptedAt)))
      .for('update')
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
  const [trust] = await tx.select({ name: trusts.name }).from(trusts).where(eq(trusts.id, actor.trustId))
  const org = trust?.name ?? 'a trust'
  await enqueueEmail(tx, {
    trustId: actor.trustId,
    to: email,
    subject: 'An invitation to Expertise Exchange could not be sent to this address',
    text:
      `${actor.name} of ${org} tried to invite this address to Expertise Exchange.\n\n` +
      'This address already has an account with another organisation on Expertise Exchange, and an address can belong to one organisation only, ' +
      `so no invitation was made. If you need an account with ${org} too, ask ${actor.name} to invite a different address, such as your address at ${org}.\n\n` +
      'If you did not expect this, you can ignore this e-mail; your account has not changed.\n',
  })
}

const inviters = alias(people, 'inviters')

export async function listPendingInvitations(db: Db, actor: Actor, now: Date): Promise<PendingInvitation[]> {
  assertRole(actor, 'person.invite')
  const rows = await db
    .select({
      id: invitations.id, email: invitations.email, role: invitations.role, schoolId: invitations.schoolId, schoolName: schools.name,
      invitedByName: inviters.name, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .leftJoin(schools, eq(schools.id, invitations.schoolId))
    .leftJoin(inviters, eq(inviters.id, invitations.invitedById))
    .where(and(eq(invitations.trustId, actor.trustId), isNull(invitations.acceptedAt)))
    .orderBy(asc(invitations.email), asc(invitations.createdAt))
    .limit(5000)
  return rows.map((r) => ({
    id: r.id, email: r.email, role: r.role as Role, schoolId: r.schoolId, schoolName: r.schoolName, invitedByName: r.invitedByName,
    sentAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString(), expired: r.expiresAt <= now,
  }))
}

/** Sends a waiting invitation again with a new link (the old one stops working) and a new expiry. */
export async function resendInvitation(db: Db, actor: Actor, id: string, publicUrl: string, now: Date): Promise<InvitationSent> {
  return db.transaction(async (tx) => {
    const [inv] = await tx.select().from(invitations).where(eq(invitations.id, id)).for('update')
    if (!inv) return notFound('invitation')
    assertCan(actor, 'person.invite', inv, 'invitation')
    if (inv.acceptedAt) conflict('This invitation has been accepted already: the person can sign in, or you can send them a reset link.')
    const fields = { trustId: inv.trustId, schoolId: inv.schoolId, email: inv.email, role: inv.role as Role }
    const { expiresAt, takenElsewhere } = await sendInvitation(tx, fields, actor, publicUrl, now, inv.id)
    await audit(tx, actor, { action: 'invitation.resent', objectType: 'invitation', objectId: inv.id, detail: { email: inv.email, ...(takenElsewhere ? { addressInAnotherTrust: true } : {}) } })
    return sent(fields, expiresAt)
  })
}
