import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { EmailSchema } from '@ee/shared/common'
import { seedDefaultFramework } from '../areas/default-framework.ts'
import type { Db } from '../db/client.ts'
import { invitations, people, trusts } from '../db/schema/index.ts'
import { audit } from '../lib/audit.ts'
import { conflict } from '../lib/problem.ts'
import { enqueueEmail } from '../notifications/outbox.ts'

export const CreateTrustInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the trust a name').max(200, 'Use at most 200 characters'),
  adminEmail: EmailSchema,
})
export type CreateTrustInput = z.infer<typeof CreateTrustInputSchema>

/** The first admin's invitation lasts longer than a colleague's: the operator may send it before term starts. */
export const FIRST_ADMIN_INVITATION_DAYS = 30

/**
 * The operator's act (DESIGN §2): a new trust with the default framework, and an invitation for its
 * first admin, who sets their own password through the link. The e-mail goes through the outbox, so
 * the serving process's worker sends it; nothing is written if any step fails.
 */
export async function createTrust(db: Db, input: CreateTrustInput, publicUrl: string, now = new Date()): Promise<{ trustId: string; invitationLink: string }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: people.id }).from(people).where(eq(people.email, input.adminEmail))
    if (existing) conflict(`${input.adminEmail} already has an account in a trust on this service; choose another e-mail for this trust's admin.`)
    const [pending] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.email, input.adminEmail), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    if (pending) conflict(`${input.adminEmail} already has an invitation waiting to be accepted; choose another e-mail for this trust's admin.`)
    const [trust] = await tx.insert(trusts).values({ name: input.name }).returning({ id: trusts.id })
    const trustId = trust!.id
    await seedDefaultFramework(tx, trustId)
    const token = randomBytes(32).toString('base64url')
    const expiresAt = new Date(now.getTime() + FIRST_ADMIN_INVITATION_DAYS * 86_400_000)
    const [invitation] = await tx
      .insert(invitations)
      .values({ trustId, schoolId: null, email: input.adminEmail, role: 'admin', tokenHash: createHash('sha256').update(token).digest('hex'), invitedById: null, expiresAt })
      .returning({ id: invitations.id })
    const invitationLink = `${publicUrl}/accept-invitation?token=${token}`
    await enqueueEmail(tx, {
      trustId,
      to: input.adminEmail,
      subject: `Set up ${input.name} on Expertise Exchange`,
      text: [
        `${input.name} now has its place on Expertise Exchange, and you are its administrator.`,
        '',
        `Choose your name and password here (the link works once, for ${FIRST_ADMIN_INVITATION_DAYS} days):`,
        invitationLink,
        '',
        'Then add your schools (from Get Information about Schools), your clusters and your colleagues.',
      ].join('\n'),
    })
    await audit(tx, { id: null as unknown as string, trustId }, { action: 'trust.created', objectType: 'trust', objectId: trustId, detail: { name: input.name, adminEmail: input.adminEmail, invitationId: invitation!.id } })
    return { trustId, invitationLink }
  })
}
