// The hard rules of docs/design.md §4. An entry that breaks any of them is never suggested, whatever its score.
import { conflictingEngagement, type HistoryIndex } from './history.ts'
import { termOf } from '../../lib/terms.ts'
import type { CandidateExpertise, Exclusion, MatchRequest } from '../types.ts'
import { areaLabel, listInWords } from '../text/wording.ts'

export type RuleRequest = Pick<MatchRequest, 'id' | 'schoolId' | 'trustId' | 'areas' | 'modes' | 'window'>

/** Free days in the term of the request's window: capacity less what is already committed. */
export function freeDays(entry: Pick<CandidateExpertise, 'capacityDaysPerTerm' | 'committedDaysInWindowTerm'>): number {
  return Math.max(0, entry.capacityDaysPerTerm - entry.committedDaysInWindowTerm)
}

/** Every rule the entry breaks for this request, in the order a head would want to hear them. */
export function exclusionsFor(
  request: RuleRequest,
  entry: CandidateExpertise,
  history: HistoryIndex,
  areaNames?: Readonly<Record<string, string>>,
  termLabel = termOf(request.window.start).label,
): Exclusion[] {
  const out: Exclusion[] = []
  if (entry.trustId !== request.trustId) out.push({ rule: 'other_trust', reason: 'Belongs to another trust' })
  if (!entry.active) out.push({ rule: 'inactive_expertise', reason: 'This expertise has been archived' })
  if (!entry.personActive) out.push({ rule: 'inactive_person', reason: 'No longer active in the trust' })
  if (entry.personPaused) out.push({ rule: 'paused', reason: 'Has paused their availability' })
  if (entry.schoolId === request.schoolId) {
    out.push({ rule: 'same_school', reason: 'Works at your school; suggestions always come from other schools' })
  }
  if (freeDays(entry) <= 0) {
    out.push({ rule: 'no_days_free', reason: `Has no days free in ${entry.windowTerm?.label ?? termLabel}` })
  }
  const conflict = conflictingEngagement(request, entry.personId, history)
  if (conflict !== undefined) {
    const shared = conflict.areas.filter((a) => request.areas.includes(a)).map((a) => areaLabel(a, areaNames))
    out.push({
      rule: 'conflict_of_interest',
      reason: `Already worked with your school on ${listInWords(shared)}, so cannot give an independent view`,
    })
  }
  return out
}

export function isEligible(request: RuleRequest, entry: CandidateExpertise, history: HistoryIndex): boolean {
  return (
    entry.trustId === request.trustId &&
    entry.active &&
    entry.personActive &&
    !entry.personPaused &&
    entry.schoolId !== request.schoolId &&
    entry.capacityDaysPerTerm - entry.committedDaysInWindowTerm > 0 &&
    conflictingEngagement(request, entry.personId, history) === undefined
  )
}
