import type { EmailText } from '../auth/notices.ts'

/** The e-mails the operator's trust creation and the admin's import send, in their readers' words. */

export const firstAdminEmail = (trustName: string, link: string, days: number): EmailText => ({
  subject: `Set up ${trustName} on Expertise Exchange`,
  text: [
    `${trustName} now has its place on Expertise Exchange, and you are its administrator.`,
    '',
    `Choose your name and password here (the link works once, for ${days} days):`,
    link,
    '',
    'Then add your schools (from Get Information about Schools), your clusters and your colleagues.',
  ].join('\n'),
})

export const addedToTrustEmail = (admin: string, trustName: string, link: string, days: number): EmailText => ({
  subject: `You have been added to ${trustName} on Expertise Exchange`,
  text: `${admin} has added you to ${trustName} on Expertise Exchange.\n\nChoose your password here (the link works once, for ${days} days):\n${link}\n`,
})

/** To an address the import could not add, because it has an account in another trust. */
export const notAddedEmail = (admin: string, trustName: string): EmailText => ({
  subject: `${trustName} tried to add you to Expertise Exchange`,
  text: `${admin} of ${trustName} tried to add this address to their trust on Expertise Exchange, but it already has an account in another trust, so nothing was changed.\n\nIf you have moved to ${trustName}, ask your former trust's administrator to deactivate your account, then ask ${admin} to invite you again.\n`,
})
