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
