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
