import { randomBytes } from 'node:crypto'
import { type ChangePasswordBody, PASSWORD_RESET_MINUTES, type PasswordResetConfirmBody, type Person } from '@ee/shared/auth'
import type { ResetLinkSent } from '@ee/shared/people'
import type { Db, Executor } from '../db/client.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertCan } from '../lib/policy.ts'
import { Problem, conflict, invalid, notFound } from '../lib/problem.ts'
import { enqueueEmail } from '../notifications/outbox.ts'
import {
  findPersonByEmail,
  findPersonById,
  findUsableReset,
  insertResetLink,
  lockPersonForReset,
  lockUsableReset,
  markResetUsed,
  toPerson,
  updatePersonRow,
  voidResetLinks,
} from './auth.repo.ts'
import { resetLinkEmail } from './notices.ts'
import { hashToken } from './invitations.ts'
import { afterCutoff, assertPasswordPolicy, hashPassword, verifyPassword } from './password.ts'

/** What anyone asking for a reset is told, whether or not the address has an account. */
export const RESET_REQUESTED = {
  message: `If an account exists for that address, we have sent it a link to choose a new password. The link works once, for ${PASSWORD_RESET_MINUTES} minutes.`,
}

const resetGone = () =>
  new Problem(410, '/problems/reset-link-expired', 'This link cannot be used', `Reset links work once, for ${PASSWORD_RESET_MINUTES} minutes, and only the newest one works. Ask for a new link from the sign-in page.`)

type ResetPerson = { id: string; trustId: string; email: string; name: string }

/**
 * Writes a reset token (only its sha256 is kept) and e-mails its link, built from PUBLIC_URL, in the
 * caller's transaction. Earlier unused links of the person stop working.
 */
async function issueResetLink(tx: Executor, person: ResetPerson, requestedBy: Actor | null, publicUrl: string, now: Date) {
  await voidResetLinks(tx, person.id, now)
  const token = randomBytes(32).toString('base64url')
  const resetId = await insertResetLink(tx, {
    personId: person.id, tokenHash: hashToken(token), requestedById: requestedBy?.id ?? null, expiresAt: new Date(now.getTime() + PASSWORD_RESET_MINUTES * 60_000), createdAt: now,
  })
  const link = `${publicUrl}/reset-password?token=${token}`
  await enqueueEmail(tx, { trustId: person.trustId, to: person.email, ...resetLinkEmail(person.name, link, requestedBy?.name ?? null) })
  await audit(tx, requestedBy ?? person, { action: 'authn_password_reset_requested', objectType: 'person', objectId: person.id, detail: { resetId, byAdmin: requestedBy !== null } })
}

/**
 * Someone asks for a reset link for an address. The route answers before this runs, so an unknown
 * address and a known one take the same time and get the same answer; only an active account gets a link.
 */
export async function requestPasswordReset(db: Db, email: string, publicUrl: string, now: Date): Promise<void> {
  const row = await findPersonByEmail(db, email)
  if (!row?.active) return
  await db.transaction((tx) => issueResetLink(tx, row, null, publicUrl, now))
}

/** The trust administrator sends one of their people a reset link (they are not told the link). */
export async function sendResetLink(db: Db, actor: Actor, personId: string, publicUrl: string, now: Date): Promise<ResetLinkSent> {
  return db.transaction(async (tx) => {
    const row = await lockPersonForReset(tx, personId)
    if (!row) return notFound('person')
    assertCan(actor, 'person.sendPasswordReset', row, 'person')
    if (!row.active) conflict(`${row.name} is deactivated. Reactivate them first, then send the link.`)
    await issueResetLink(tx, row, actor, publicUrl, now)
    return { email: row.email, status: 'sent' as const }
  })
}

/**
 * Sets the new password from a reset link: the link is used up, and every session the person had
 * ends. They are signed in afresh by the route.
 */
export async function confirmPasswordReset(db: Db, body: PasswordResetConfirmBody, now: Date): Promise<Person> {
  const tokenHash = hashToken(body.token)
  const found = await findUsableReset(db, tokenHash, now)
  if (!found) throw resetGone()
  assertPasswordPolicy(body.password, 'password', [found.email, found.name])
  const passwordHash = await hashPassword(body.password)
  const cutoff = new Date()
  const person = await db.transaction(async (tx) => {
    const reset = await lockUsableReset(tx, tokenHash, found.id, now)
    if (!reset) throw resetGone()
    await markResetUsed(tx, reset.id, now)
    await updatePersonRow(tx, found.personId, { passwordHash, tokensValidAfter: cutoff })
    const row = (await findPersonById(tx, found.personId))!
    await audit(tx, row, { action: 'authn_password_reset', objectType: 'person', objectId: row.id, detail: { resetId: reset.id } })
    return toPerson(row)
  })
  await afterCutoff(cutoff)
  return person
}

/**
 * A signed-in person changes their password: every other session ends, and the route gives the
 * caller a fresh one. Waiting reset links stop working too.
 */
export async function changePassword(db: Db, actor: Actor, body: ChangePasswordBody, now: Date): Promise<Person> {
  const row = await findPersonById(db, actor.id)
  if (!row || !(await verifyPassword(row.passwordHash, body.currentPassword))) {
    await db.transaction((tx) => audit(tx, actor, { action: 'authn_password_change_fail', objectType: 'person', objectId: actor.id, outcome: 'failure' }))
    invalid([{ path: 'currentPassword', message: 'That is not your current password' }])
  }
  if (body.newPassword === body.currentPassword) invalid([{ path: 'newPassword', message: 'Choose a password different from your current one' }])
  assertPasswordPolicy(body.newPassword, 'newPassword', [row!.email, row!.name])
  const passwordHash = await hashPassword(body.newPassword)
  const cutoff = new Date()
  await db.transaction(async (tx) => {
    await updatePersonRow(tx, actor.id, { passwordHash, tokensValidAfter: cutoff })
    await voidResetLinks(tx, actor.id, now)
    await audit(tx, actor, { action: 'authn_password_changed', objectType: 'person', objectId: actor.id })
  })
  await afterCutoff(cutoff)
  return toPerson(row!)
}
