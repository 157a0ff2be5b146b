import type { AcceptInvitationBody } from '@ee/shared/auth'
import type { Db, Executor } from '../db/client.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { Problem } from '../lib/problem.ts'
import {
  endSessions,
  findAccountByEmail,
  findPersonByEmail,
  findPersonById,
  findUsableInvitation,
  insertPerson,
  lockUsableInvitation,
  markInvitationAccepted,
  toPerson,
  updatePersonRow,
} from './auth.repo.ts'
import { hashToken } from './invitations.ts'
import { afterCutoff, assertPasswordPolicy, hashPassword, verifyPassword } from './password.ts'

/** Who is signed in: read by plugins/auth.ts on every authenticated request. */
export { type SessionPerson, findSessionPeople, touchLastActive } from './auth.repo.ts'

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

/**
 * Someone accepts their invitation: they choose a name and password, and the account is made (or,
 * for one the admin's import made without a password, completed). The link works once.
 */
export async function acceptInvitation(db: Db, body: AcceptInvitationBody, now: Date) {
  const tokenHash = hashToken(body.token)
  const found = await findUsableInvitation(db, tokenHash, now)
  if (!found) throw invitationGone()
  assertPasswordPolicy(body.password, 'password', [found.email, body.name])
  const passwordHash = await hashPassword(body.password)
  const validAfter = new Date()
  const person = await db.transaction(async (tx) => {
    const inv = await lockUsableInvitation(tx, tokenHash, now)
    if (!inv) throw invitationGone()
    const personId = await accountFor(tx, inv, { name: body.name, passwordHash, tokensValidAfter: validAfter })
    await markInvitationAccepted(tx, inv.id, new Date())
    await audit(tx, { id: personId, trustId: inv.trustId }, { action: 'invitation.accepted', objectType: 'person', objectId: personId })
    return toPerson((await findPersonById(tx, personId))!)
  })
  await afterCutoff(validAfter)
  return person
}

type Invitation = { trustId: string; schoolId: string | null; email: string; role: string }
type Credentials = { name: string; passwordHash: string; tokensValidAfter: Date }

/** A new account for the invitation, or the one its import made without a password, now completed. */
async function accountFor(tx: Executor, inv: Invitation, credentials: Credentials): Promise<string> {
  const existing = await findAccountByEmail(tx, inv.email)
  const completes = existing && existing.trustId === inv.trustId && existing.passwordHash === null
  if (existing && !completes) throw new Problem(409, '/problems/conflict', 'Account exists', 'An account with this e-mail exists already. Sign in instead.')
  if (completes) {
    await updatePersonRow(tx, existing.id, credentials)
    return existing.id
  }
  return insertPerson(tx, { trustId: inv.trustId, schoolId: inv.schoolId, email: inv.email, role: inv.role, ...credentials })
}
