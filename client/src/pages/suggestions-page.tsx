import { InviteWithNote } from '../features/offers/components/invite-with-note.tsx'
import { SuggestionsPage as MatchingSuggestions } from '../features/matching/suggestions-page.tsx'

/** Matching's suggestions for a request, each with offers' invitation. */
export function SuggestionsPage() {
  return <MatchingSuggestions renderInvite={(m, requestId) => <InviteWithNote requestId={requestId} expertiseId={m.expertise.id} personName={m.person.name} />} />
}
