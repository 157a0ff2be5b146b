/** What a request's heads are told, in words they read in the app and in e-mail. */

type RequestRef = { id: string; title: string }

export const staleRequestNotice = (r: RequestRef, days: number) => ({
  kind: 'request_stale' as const, link: `/requests/${r.id}`,
  title: `No offers yet: “${r.title}”`,
  body: `Your request has been open for ${days} days without an offer. You could invite suggested experts directly, widen its areas, or adjust its window or days.`,
})

export const offerClosedNotice = (r: RequestRef, reason: 'filled' | 'request_withdrawn', wasInvitation: boolean) =>
  reason === 'filled'
    ? {
        kind: 'offer_closed' as const, link: `/requests/${r.id}`,
        title: `“${r.title}” has been filled`,
        body: 'Thank you for offering your time. Every place on this request has now been filled, so your offer is closed. Your generosity is noticed, and we hope to see you on the next one.',
      }
    : {
        kind: 'offer_closed' as const, link: `/requests/${r.id}`,
        title: `“${r.title}” has been withdrawn`,
        body: `Thank you for your interest. The school has withdrawn this request, so your ${wasInvitation ? 'invitation' : 'offer'} is closed. Nothing more is needed from you.`,
      }
