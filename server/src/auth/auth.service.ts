import { and, eq, gt, isNull } from 'drizzle-orm'
import type { AcceptInvitationBody } from '@ee/shared/auth'
import type { Db } from '../db/client.ts'
import { invitations, people } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { Problem } from '../lib/problem.ts'
import { endSessions, findPersonByEmail, findPersonById, toPerson } from './auth.repo.ts'
import { hashToken } from './invitations.ts'
import { afterCutoff, assertPasswordPolicy, hashPassword, verifyPassword } from './password.ts'

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

const invitationGone = () =>
  new Problem(410, '/problems/invitation-expired', 'This invitation cannot be used', 'The link has been used already or has expired. Ask your trust administrator for a new one.')

export async function acceptInvitation(db: Db, body: AcceptInvitationBody, now: Date) {
  const usable = and(eq(invitations.tokenHash, hashToken(body.token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now))
  const [found] = await db.select({ email: invitations.email }).from(invitations).where(usable)
  if (!found) throw invitationGone()
  assertPasswordPolicy(body.password, 'password', [found.email, body.name])
  const passwordHash = await hashPassword(body.password)
  const validAfter = new Date()
  const person = await db.transaction(async (tx) => {
    const [inv] = await tx.select().from(invitations).where(usable).for('update')
    if (!inv) throw invitationGone()
    const [existing] = await tx.select({ id: people.id, trustId: people.trustId, passwordHash: people.passwordHash }).from(people).where(eq(people.email, inv.email))
    // An account made by the admin's import has no password yet: its invitation completes it.
    const completes = existing && existing.trustId === inv.trustId && existing.passwordHash === null
    if (existing && !completes) throw new Problem(409, '/problems/conflict', 'Account exists', 'An account with this e-mail exists already. Sign in instead.')
    const [person] = completes
      ? await tx.update(people).set({ name: body.name, passwordHash, tokensValidAfter: validAfter }).where(eq(people.id, existing.id)).returning({ id: people.id })
      : await tx
        .insert(people)
        .values({ trustId: inv.trustId, schoolId: inv.schoolId, email: inv.email, name: body.name, role: inv.role, passwordHash, tokensValidAfter: validAfter })
        .returning({ id: people.id })
    await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, inv.id))
    await audit(tx, { id: person!.id, trustId: inv.trustId }, { action: 'invitation.accepted', objectType: 'person', objectId: person!.id })
    const row = await findPersonById(tx, person!.id)
    return toPerson(row!)
  })
  await afterCutoff(validAfter)
  return person
}
