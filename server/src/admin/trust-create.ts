import { z } from 'zod'
import { EmailSchema } from '@ee/shared/common'
import { seedDefaultFramework } from '../areas/default-framework.ts'
import { issueInvitations } from '../auth/invitations.ts'
import type { Db } from '../db/client.ts'
import { audit } from '../lib/audit.ts'
import { conflict } from '../lib/problem.ts'
import { emailHasAccount, emailHasWaitingInvitation, insertTrust } from './admin.repo.ts'
import { firstAdminEmail } from './notices.ts'

export const CreateTrustInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the trust a name').max(200, 'Use at most 200 characters'),
  adminEmail: EmailSchema,
})
export type CreateTrustInput = z.infer<typeof CreateTrustInputSchema>

/** The first admin's invitation lasts longer than a colleague's: the operator may send it before term starts. */
export const FIRST_ADMIN_INVITATION_DAYS = 30

/**
 * The operator's act (docs/design.md §2): a new trust with the default framework, and an invitation for its
 * first admin, who sets their own password through the link. The e-mail goes through the outbox, so
 * the serving process's worker sends it; nothing is written if any step fails.
 */
export async function createTrust(db: Db, input: CreateTrustInput, publicUrl: string, now = new Date()): Promise<{ trustId: string; invitationLink: string }> {
  return db.transaction(async (tx) => {
    if (await emailHasAccount(tx, input.adminEmail)) conflict(`${input.adminEmail} already has an account in a trust on this service; choose another e-mail for this trust's admin.`)
    if (await emailHasWaitingInvitation(tx, input.adminEmail, now)) conflict(`${input.adminEmail} already has an invitation waiting to be accepted; choose another e-mail for this trust's admin.`)
    const trustId = await insertTrust(tx, input.name)
    await seedDefaultFramework(tx, trustId)
    const [invitation] = await issueInvitations(tx, [{ trustId, schoolId: null, email: input.adminEmail, role: 'admin' }], {
      invitedById: null, publicUrl, now, days: FIRST_ADMIN_INVITATION_DAYS, email: (link) => firstAdminEmail(input.name, link, FIRST_ADMIN_INVITATION_DAYS),
    })
    await audit(tx, { id: null as unknown as string, trustId }, { action: 'trust.created', objectType: 'trust', objectId: trustId, detail: { name: input.name, adminEmail: input.adminEmail, invitationId: invitation!.id } })
    return { trustId, invitationLink: invitation!.link }
  })
}
