import type { NoticeText } from '../notifications/notify.ts'

/** What offers and invitations tell the people on either side, in the words they read in the app and in e-mail. */

type RequestRef = { id: string; title: string }
type SchoolRequest = RequestRef & { schoolName: string; daysPerExpert: number }

const daysWord = (n: number) => (n === 1 ? 'day' : 'days')
const quoted = (note: string | undefined) => (note ? `\n\n“${note}”` : '')

/** To the expert a head invites. */
export const invitationReceived = (request: SchoolRequest, head: string, expertiseTitle: string, note: string | undefined, answerWithinDays: number): NoticeText => ({
  kind: 'invitation_received', link: `/requests/${request.id}`,
  title: `${request.schoolName} invites you to help: “${request.title}”`,
  body: `${head}, headteacher of ${request.schoolName}, would value your expertise (“${expertiseTitle}”) for ${request.daysPerExpert} days.${quoted(note)}\n\nPlease answer within ${answerWithinDays} school days: offer help, or decline.`,
})

/** To the requesting school's heads, for a new offer or an answered invitation. */
export const offerReceived = (request: RequestRef, expert: string, offer: { days: number; message: string }, expertiseTitle: string, answersInvitation: boolean): NoticeText => ({
  kind: 'offer_received', link: `/requests/${request.id}`,
  title: answersInvitation ? `${expert} answered your invitation: “${request.title}”` : `New offer of help: “${request.title}”`,
  body: `${expert} offers ${offer.days} ${daysWord(offer.days)} with “${expertiseTitle}”.\n\n“${offer.message}”`,
})

/** To the expert whose offer a head accepted. */
export const offerAccepted = (request: RequestRef, head: string, days: number, note: string | undefined, release: 'approved' | 'pending', engagementId: string): NoticeText => ({
  kind: 'offer_accepted', link: `/engagements/${engagementId}`,
  title: `Your offer was accepted: “${request.title}”`,
  body: `${head} has accepted your offer of ${days} ${daysWord(days)}.${quoted(note)}\n\n${
    release === 'approved' ? 'Your school has released you for this work, so you can begin.' : 'Your headteacher will be asked to approve your release before the work begins.'}`,
})

/** To the providing school's heads, when an accepted offer takes the school past its release days. */
export const releasePending = (
  request: RequestRef,
  expertName: string,
  days: number,
  term: { label: string },
  shares: { term: { label: string }; days: number }[],
  provider: { name: string; releaseDaysPerTerm: number },
): NoticeText => {
  const terms = shares.length > 1 ? shares.map((s) => s.term.label).join(' and ') : term.label
  const spread = shares.length > 1 ? ` (${shares.map((s) => `${s.days} in ${s.term.label}`).join(', ')})` : ''
  return {
    kind: 'release_pending', link: '/releases',
    title: `Please decide on releasing ${expertName}`,
    body: `${expertName} has been commissioned for ${days} ${daysWord(days)} in ${terms}${spread} on “${request.title}”. This takes ${provider.name} past its ${provider.releaseDaysPerTerm} release days for the term, so it needs your approval.`,
  }
}

/** To the expert whose offer or invitation a head declined. */
export const offerDeclined = (request: RequestRef, head: string, wasInvitation: boolean, reason: string | undefined): NoticeText => {
  const what = wasInvitation ? 'invitation' : 'offer'
  return {
    kind: 'offer_declined', link: `/requests/${request.id}`,
    title: `About your ${what}: “${request.title}”`,
    body: `Thank you for your generosity. ${head} has decided not to take this ${what} forward this time.${quoted(reason)}`,
  }
}

/** Someone a head could invite next, as a notice names them. */
export type NextExpert = { name: string; schoolName: string; expertiseTitle: string }

/** What follows a lapsed invitation: whom the product invited for the head, who else is free, and how many places are open. */
export type NextStep = { invited: NextExpert | null; suggestions: NextExpert[]; placesOpen: number }

const named = (e: NextExpert) => `${e.name} of ${e.schoolName} (“${e.expertiseTitle}”)`
const listOf = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join('; ')} and ${items.at(-1)}`)
const suggestionsAre = (n: number, still = '') => (n === 1 ? `suggestion${still} is` : `suggestions${still} are`)

/** The words after an invitation lapses: who was invited for the head, or who is next and what to do. */
export function nextStepWords(step: NextStep, answerWithinDays: number): string {
  const rest = step.suggestions.map(named)
  if (step.invited) {
    const after = rest.length ? ` If they cannot help, the next ${suggestionsAre(rest.length)} ${listOf(rest)}.` : ''
    return `As you asked, we have invited the next suggestion for you: ${named(step.invited)}. They have ${answerWithinDays} school days to answer.${after}`
  }
  if (step.placesOpen <= 0) return 'Your other invitations and offers cover the places you want, so there is nothing to do for now; if one of them lapses, you will be told who is next.'
  if (!rest.length) return 'Nobody else suggested is free for this request just now. Open the request to widen its areas or its window, or find a colleague in the expertise directory.'
  return `The next ${suggestionsAre(rest.length, ' still free')} ${listOf(rest)}. Open the request to invite one with one click.`
}

const insteadTitle = (step: NextStep) => (step.invited ? ` — ${step.invited.name} invited instead` : '')

/** To the requesting school's heads, when an invited expert declines. */
export const invitationDeclined = (request: RequestRef, expert: string, reason: string | undefined, next: NextStep, answerWithinDays: number): NoticeText => ({
  kind: 'invitation_declined', link: `/requests/${request.id}`,
  title: `${expert} cannot help with “${request.title}”${insteadTitle(next)}`,
  body: `${expert} has declined your invitation.${quoted(reason)}\n\n${nextStepWords(next, answerWithinDays)}`,
})

/** To the requesting school's heads, when an expert withdraws an offer. */
export const offerWithdrawn = (request: RequestRef, expert: string): NoticeText => ({
  kind: 'offer_withdrawn', link: `/requests/${request.id}`,
  title: `${expert} withdrew their offer: “${request.title}”`,
  body: `${expert} is no longer able to offer help on this request.`,
})

/** To the requesting school's heads, when an invitation expires unanswered. */
export const invitationExpired = (request: RequestRef, expertName: string, next: NextStep, answerWithinDays: number): NoticeText => ({
  kind: 'invitation_expired', link: `/requests/${request.id}`,
  title: `No answer from ${expertName}: “${request.title}”${insteadTitle(next)}`,
  body: `${expertName} did not answer your invitation within ${answerWithinDays} school days, so it has expired.\n\n${nextStepWords(next, answerWithinDays)}`,
})

/** To the expert's own heads, when the receiving head declines the colleague they named to take work over. */
export const colleagueDeclined = (request: RequestRef, engagementId: string, head: string, colleague: string, reason: string | undefined): NoticeText => ({
  kind: 'colleague_asked', link: `/engagements/${engagementId}`,
  title: `${colleague} was not taken on: “${request.title}”`,
  body: `${head} has decided not to take ${colleague} on for this work. You can name another colleague on the engagement's page.${quoted(reason)}`,
})
