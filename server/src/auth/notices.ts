import { PASSWORD_RESET_MINUTES } from '@ee/shared/auth'

/** The e-mails auth sends: invitations and reset links, in the words their readers see. */

export type EmailText = { subject: string; text: string }

export const invitationEmail = (inviter: string, link: string, days: number): EmailText => ({
  subject: 'You are invited to Expertise Exchange',
  text: `${inviter} has invited you to join your trust on Expertise Exchange.\n\nSet your name and password here (the link works once, for ${days} days):\n${link}\n`,
})

/** To the owner of an address another trust tried to invite: no link, and why. */
export const addressTakenEmail = (inviter: string, org: string): EmailText => ({
  subject: 'An invitation to Expertise Exchange could not be sent to this address',
  text:
    `${inviter} of ${org} tried to invite this address to Expertise Exchange.\n\n` +
    'This address already has an account with another organisation on Expertise Exchange, and an address can belong to one organisation only, ' +
    `so no invitation was made. If you need an account with ${org} too, ask ${inviter} to invite a different address, such as your address at ${org}.\n\n` +
    'If you did not expect this, you can ignore this e-mail; your account has not changed.\n',
})

/** `admin` names the trust administrator who sent the link; null when the person asked for it. */
export const resetLinkEmail = (name: string, link: string, admin: string | null): EmailText => {
  const why = admin ? `${admin}, your trust administrator, has sent you this link` : 'Someone (we hope you) asked to reset your password'
  return {
    subject: 'Choose a new password for Expertise Exchange',
    text:
      `Hello ${name},\n\n${why} so that you can choose a new password for Expertise Exchange:\n${link}\n\n` +
      `The link works once, for ${PASSWORD_RESET_MINUTES} minutes. Choosing a new password signs you out everywhere else.\n\n` +
      'If you did not ask for this, you can ignore this e-mail: your password has not changed.\n',
  }
}
