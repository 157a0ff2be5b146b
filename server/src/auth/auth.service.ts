import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, isNull } from 'drizzle-orm'
import type { AcceptInvitationBody } from '@ee/shared/auth'
import type { CreateInvitationBody } from '@ee/shared/people'
import type { Db } from '../db/client.ts'
import { invitations, people, schools } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertRole } from '../lib/policy.ts'
import { Problem, invalid } from '../lib/problem.ts'
import { enqueueEmail } from '../notifications/outbox.ts'
import { endSessions, findPersonByEmail, findPersonById, toPerson } from './auth.repo.ts'
import { hashPassword, verifyPassword } from './password.ts'

const INVITATION_DAYS = 14
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** The same answer for an unknown e-mail, a wrong password and a deactivated account. */
export const badCredentials = () =>
  new Problem(401, '/problems/bad-credentials', 'Sign-in failed', 'That e-mail and password do not match an active account.')

export async function login(db: Db, email: string, password: string) {
  const row = await findPersonByEmail(db, email)
  const ok = await verifyPassword(row?.passwordHash, password)
  if (!row || !ok || !row.active) {
    await db.transaction((tx) => audit(tx, row ? { id: row.id, trustId: row.trustId } : null, { action: 'authn_login_fail', objectType: 'person', objectId: row?.id, outcome: 'failure' }))
    throw badCredentials()
  }
  await db.transaction((tx) => audit(tx, row, { action: 'authn_login_success', objectType: 'person', objectId: row.id }))
  return toPerson(row)
}

export async function logout(db: Db, actor: Actor) {
  await db.transaction(async (tx) => {
    await endSessions(tx, actor.id)
    await audit(tx, actor, { action: 'authn_logout', objectType: 'person', objectId: actor.id })
  })
}

export async function getMe(db: Db, actor: Actor) {
  const row = await findPersonById(db, actor.id)
  if (!row) throw new Problem(401, '/problems/unauthorized', 'Sign-in needed', 'Please sign in again.')
  return toPerson(row)
}

export async function createInvitation(db: Db, actor: Actor, body: CreateInvitationBody, appUrl: string) {
  assertRole(actor, 'person.invite')
  return db.transaction(async (tx) => {
    if (body.schoolId) {
      const [school] = await tx.select({ trustId: schools.trustId }).from(schools).where(eq(schools.id, body.schoolId))
      if (!school || school.trustId !== actor.trustId) invalid([{ path: 'schoolId', message: 'Choose a school of your trust' }])
    }
    const [existing] = await tx.select({ id: people.id }).from(people).where(eq(people.email, body.email))
    if (existing) invalid([{ path: 'email', message: 'Someone with this e-mail already has an account' }])
    const token = randomBytes(32).toString('base64url')
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000)
    const [row] = await tx
      .insert(invitations)
      .values({ trustId: actor.trustId, schoolId: body.schoolId ?? null, email: body.email, role: body.role, tokenHash: hashToken(token), invitedById: actor.id, expiresAt })
      .returning()
    const link = `${appUrl}/accept-invitation?token=${token}`
    await enqueueEmail(tx, {
      trustId: actor.trustId,
      to: body.email,
      subject: 'You are invited to Expertise Exchange',
      text: `${actor.name} has invited you to join your trust on Expertise Exchange.\n\nSet your name and password here (the link works once, for ${INVITATION_DAYS} days):\n${link}\n`,
    })
    await audit(tx, actor, { action: 'invitation.created', objectType: 'invitation', objectId: row!.id, detail: { email: body.email, role: body.role } })
    return { id: row!.id, email: row!.email, role: body.role, schoolId: row!.schoolId, expiresAt: expiresAt.toISOString(), link }
  })
}

export async function acceptInvitation(db: Db, body: AcceptInvitationBody) {
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.tokenHash, hashToken(body.token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())))
      .for('update')
    if (!inv) throw new Problem(410, '/problems/invitation-expired', 'This invitation cannot be used', 'The link has been used already or has expired. Ask your trust administrator for a new one.')
    const [existing] = await tx.select({ id: people.id, trustId: people.trustId, passwordHash: people.passwordHash }).from(people).where(eq(people.email, inv.email))
    // An account made by the admin's import has no password yet: its invitation completes it.
    const completes = existing && existing.trustId === inv.trustId && existing.passwordHash === null
    if (existing && !completes) throw new Problem(409, '/problems/conflict', 'Account exists', 'An account with this e-mail exists already. Sign in instead.')
    const [person] = completes
      ? await tx.update(people).set({ name: body.name, passwordHash: await hashPassword(body.password) }).where(eq(people.id, existing.id)).returning({ id: people.id })
      : await tx
        .insert(people)
        .values({ trustId: inv.trustId, schoolId: inv.schoolId, email: inv.email, name: body.name, role: inv.role, passwordHash: await hashPassword(body.password) })
        .returning({ id: people.id })
    await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, inv.id))
    await audit(tx, { id: person!.id, trustId: inv.trustId }, { action: 'invitation.accepted', objectType: 'person', objectId: person!.id })
    const row = await findPersonById(tx, person!.id)
    return toPerson(row!)
  })
}
