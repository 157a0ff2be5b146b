import type { NoticeText } from '../notifications/notify.ts'

/** What engagements and releases tell the expert and the heads on either side, in the words they read. */

type RequestRef = { id: string; title: string }

const daysWord = (n: number) => (n === 1 ? 'day' : 'days')
const quoted = (text: string) => (text ? `\n\n“${text}”` : '')

/** To the expert, when the receiving head completes the work: a case if both reflections are in, else a request for theirs. */
export const engagementCompleted = (request: RequestRef, engagementId: string, head: string, impact: number, caseId: string | null): NoticeText => ({
  kind: caseId ? 'case_published' : 'engagement_completed', link: caseId ? `/cases/${caseId}` : `/engagements/${engagementId}`,
  title: caseId ? `Your work on “${request.title}” is now a case` : `Please add your reflection: “${request.title}”`,
  body: caseId
    ? `${head} has completed the engagement and rated its impact ${impact} out of 5. With both reflections in, it is now part of the trust's memory.`
    : `${head} has completed the engagement and rated its impact ${impact} out of 5. Please add your own reflection: what you did, and what you noticed. Together they become a case the next school can learn from.`,
})

/** To the receiving heads, when the expert's reflection makes the work a case. */
export const casePublished = (request: RequestRef, caseId: string, expert: string): NoticeText => ({
  kind: 'case_published', link: `/cases/${caseId}`,
  title: `“${request.title}” is now a case`,
  body: `${expert} has added their reflection. With both reflections in, the work is now part of the trust's memory.`,
})

export const engagementCancelled = (request: RequestRef, engagementId: string, by: string, reason: string): NoticeText => ({
  kind: 'engagement_cancelled', link: `/engagements/${engagementId}`,
  title: `Engagement cancelled: “${request.title}”`,
  body: `${by} has cancelled this engagement.\n\n“${reason}”`,
})

/** To the expert and the receiving heads. */
export const releaseApproved = (request: RequestRef, engagementId: string, head: string, days: number): NoticeText => ({
  kind: 'release_approved', link: `/engagements/${engagementId}`,
  title: `Release approved: “${request.title}”`,
  body: `${head} has approved the release for this work (${days} ${daysWord(days)}). The work can begin.`,
})

/** To the receiving heads: the place is open again. */
export const releaseRefusedToReceiver = (request: RequestRef, head: string, reason: string): NoticeText => ({
  kind: 'release_refused', link: `/requests/${request.id}`,
  title: `Release refused: “${request.title}”`,
  body: `${head} could not release their colleague for this work, so the engagement is cancelled and the place is open again. You can accept another offer or invite someone else.${quoted(reason)}`,
})

export const releaseRefusedToExpert = (request: RequestRef, engagementId: string, head: string, reason: string): NoticeText => ({
  kind: 'release_refused', link: `/engagements/${engagementId}`,
  title: `Your release was not approved: “${request.title}”`,
  body: `${head} could not release you for this work this time, so the engagement is cancelled.${quoted(reason)}`,
})

// More days on an engagement (docs/design.md §3).

/** To the receiving heads: the expert asks for more days. */
export const extensionProposed = (request: RequestRef, engagementId: string, expert: string, days: number, reason: string): NoticeText => ({
  kind: 'extension_proposed', link: `/engagements/${engagementId}`,
  title: `More days asked for: “${request.title}”`,
  body: `${expert} asks for ${days} more ${daysWord(days)} on this work. Agree or decline on the engagement's page.${quoted(reason)}`,
})

/** To the expert: the receiving head agreed, and either the days are released or their own school decides. */
export const extensionAgreed = (request: RequestRef, engagementId: string, head: string, days: number, released: boolean): NoticeText => ({
  kind: 'extension_decided', link: `/engagements/${engagementId}`,
  title: `${days} more ${daysWord(days)} agreed: “${request.title}”`,
  body: released
    ? `${head} has agreed to ${days} more ${daysWord(days)}, and your school's release covers them. You can log them now.`
    : `${head} has agreed to ${days} more ${daysWord(days)}. They pass your school's release days for the term, so your headteacher will decide.`,
})

export const extensionDeclined = (request: RequestRef, engagementId: string, head: string, days: number, reason: string): NoticeText => ({
  kind: 'extension_decided', link: `/engagements/${engagementId}`,
  title: `More days declined: “${request.title}”`,
  body: `${head} has declined your request for ${days} more ${daysWord(days)}.${quoted(reason)}`,
})

/** To the providing heads: extra days for their member of staff, waiting for them or released within budget. */
export const extensionToProvider = (request: RequestRef, expert: string, days: number, termLabel: string, pending: boolean): NoticeText => ({
  kind: pending ? 'release_pending' : 'extension_decided', link: '/releases',
  title: pending ? `Release of ${days} more ${daysWord(days)} waits for you: ${expert}` : `${days} more ${daysWord(days)} released: ${expert}`,
  body: pending
    ? `${expert} has been asked for ${days} more ${daysWord(days)} on “${request.title}”. With them your school would pass its release days for ${termLabel}; approve or refuse on the releases page.`
    : `${expert} is giving ${days} more ${daysWord(days)} on “${request.title}”, within your school's release days for ${termLabel}.`,
})

/** To the expert and the receiving heads: the providing head decided on the extra days. */
export const extensionReleased = (request: RequestRef, engagementId: string, head: string, days: number, approved: boolean, reason: string): NoticeText => ({
  kind: 'extension_decided', link: `/engagements/${engagementId}`,
  title: approved ? `${days} more ${daysWord(days)} released: “${request.title}”` : `More days not released: “${request.title}”`,
  body: approved
    ? `${head} has approved the release of ${days} more ${daysWord(days)}. They can be logged now.`
    : `${head} could not release ${days} more ${daysWord(days)} for this work. The engagement continues with the days already agreed.${quoted(reason)}`,
})

// People who leave (docs/decisions/012-people-who-leave.md).

export type AwayReason = 'deactivated' | 'paused'
const gone = (expert: string, reason: AwayReason) =>
  reason === 'deactivated' ? `${expert} has left the school's expertise exchange` : `${expert} has paused their availability`
const delivered = (logged: number, agreed: number) => `${logged} of ${agreed} agreed ${daysWord(agreed)} delivered`

/** To the receiving heads: the expert has gone with work under way, and the two ways on. */
export const expertAwayToReceiver = (
  request: RequestRef, engagementId: string, expert: string, reason: AwayReason, logged: number, agreed: number, left: number, providerSchool: string | null,
): NoticeText => ({
  kind: 'expert_away', link: `/engagements/${engagementId}`,
  title: reason === 'deactivated' ? `${expert} has left: “${request.title}”` : `${expert} is away: “${request.title}”`,
  body: `${gone(expert, reason)} with this work under way (${delivered(logged, agreed)}). On the engagement's page, choose what happens next: `
    + [
      logged > 0 ? 'end the engagement with what was delivered (your reflection alone makes the case)' : 'cancel the engagement',
      left > 0 && providerSchool ? `ask ${providerSchool} for a colleague to take over the ${left} ${daysWord(left)} left` : '',
    ].filter(Boolean).join(', or ') + '.',
})

/** To the providing heads: their member of staff has gone with work under way elsewhere. */
export const expertAwayToProvider = (request: RequestRef, engagementId: string, expert: string, reason: AwayReason, receiverSchool: string, logged: number, agreed: number): NoticeText => ({
  kind: 'expert_away', link: `/engagements/${engagementId}`,
  title: reason === 'deactivated' ? `${expert} has left with work under way for ${receiverSchool}` : `${expert} is away with work under way for ${receiverSchool}`,
  body: `${gone(expert, reason)} with work under way for ${receiverSchool} on “${request.title}” (${delivered(logged, agreed)}). Its headteacher will choose whether to end the work with what was delivered or to ask you for a colleague to take it over; you will be told.`,
})

/** To both heads: the expert is back before anyone had to choose, or after a colleague was asked for. */
export const expertBack = (request: RequestRef, engagementId: string, expert: string, colleagueAsked: boolean): NoticeText => ({
  kind: 'expert_away', link: `/engagements/${engagementId}`,
  title: `${expert} is available again: “${request.title}”`,
  body: colleagueAsked
    ? `${expert} is available again. A colleague has already been asked for to take this work over, so that still stands: the receiving headteacher can accept the colleague named, or end the engagement with what was delivered.`
    : `${expert} is available again, so the engagement continues as before. Nothing needs to be done.`,
})

/** To the providing heads: the receiving head asks for a colleague. */
export const colleagueAsked = (request: RequestRef, engagementId: string, head: string, receiverSchool: string, expert: string, left: number, note: string): NoticeText => ({
  kind: 'colleague_asked', link: `/engagements/${engagementId}`,
  title: `A colleague is asked for to take over from ${expert}`,
  body: `${head} of ${receiverSchool} asks you to name a colleague to take over ${expert}'s work on “${request.title}”: ${left} ${daysWord(left)} are left. Name someone on the engagement's page (it is also on your releases page), or tell ${head} if nobody can.${quoted(note)}`,
})

/** To the receiving heads and the colleague: a colleague is named and waits for the receiving head. */
export const colleagueNamedToReceiver = (request: RequestRef, engagementId: string, head: string, colleague: string, expert: string, days: number, message: string): NoticeText => ({
  kind: 'colleague_named', link: `/engagements/${engagementId}`,
  title: `${colleague} is offered to take over from ${expert}`,
  body: `${head} names ${colleague} to take over the ${days} ${daysWord(days)} left on “${request.title}”. Accept or decline on the engagement's page.${quoted(message)}`,
})

export const colleagueNamedToColleague = (request: RequestRef, engagementId: string, head: string, expert: string, days: number): NoticeText => ({
  kind: 'colleague_named', link: `/engagements/${engagementId}`,
  title: `You are named to take over “${request.title}”`,
  body: `${head} has named you to take over ${expert}'s work on “${request.title}” (${days} ${daysWord(days)} left). The receiving headteacher will decide, and you will be told.`,
})

/** To the providing heads and the expert who left: the work ended with what was delivered. */
export const endedEarly = (request: RequestRef, engagementId: string, head: string, logged: number, returned: number): NoticeText => ({
  kind: 'engagement_completed', link: `/engagements/${engagementId}`,
  title: `Ended with what was delivered: “${request.title}”`,
  body: `${head} has ended this engagement with the ${logged} ${daysWord(logged)} delivered.`
    + (returned > 0 ? ` The ${returned} ${daysWord(returned)} not delivered go back to the school's release days and the expert's capacity.` : ''),
})

/** To the providing heads and the expert who left: the colleague took the work over. */
export const handedOver = (request: RequestRef, engagementId: string, head: string, colleague: string, days: number): NoticeText => ({
  kind: 'engagement_completed', link: `/engagements/${engagementId}`,
  title: `${colleague} takes over: “${request.title}”`,
  body: `${head} has accepted ${colleague} to take over this work with the ${days} ${daysWord(days)} left. The days already delivered stay on record.`,
})

/** To the receiving heads (and, once a colleague is asked for, the providing heads): the work still waits on someone who has gone. */
export const stillWaitingToReceiver = (request: RequestRef, engagementId: string, expert: string, colleagueAsked: boolean, schoolDays: number): NoticeText => ({
  kind: 'expert_away', link: `/engagements/${engagementId}`,
  title: `Still waiting: “${request.title}”`,
  body: colleagueAsked
    ? `No colleague has been named in ${schoolDays} school days to take over from ${expert}. You can end the engagement with what was delivered, or cancel it, on the engagement's page.`
    : `${expert} has been away for ${schoolDays} school days with this work under way. Choose on the engagement's page: end it with what was delivered, or ask for a colleague to take it over.`,
})

export const stillWaitingToProvider = (request: RequestRef, engagementId: string, expert: string, schoolDays: number): NoticeText => ({
  kind: 'colleague_asked', link: `/engagements/${engagementId}`,
  title: `A colleague is still asked for to take over from ${expert}`,
  body: `It is ${schoolDays} school days since you were asked to name a colleague to take over ${expert}'s work on “${request.title}”. Name someone on the engagement's page, or tell the receiving headteacher nobody can, so they can end it.`,
})
