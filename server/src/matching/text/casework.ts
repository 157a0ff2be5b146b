/** One completed engagement of an expertise entry, as the trust remembers it. */
export interface PastCase {
  title: string
  problem: string
  /** The receiving head's reflection, when written. */
  headReflection?: string | null
  impact: number | null
}

/** Engagements rated below this taught the trust what did not work; they do not vouch for the entry. */
export const CASEWORK_MIN_IMPACT = 3

/** The text of an entry's past casework, for CandidateExpertise.casework and the text index. */
export function caseworkText(cases: readonly PastCase[]): string {
  return cases
    .filter((c) => c.impact !== null && c.impact >= CASEWORK_MIN_IMPACT)
    .map((c) => [c.title, c.problem, c.headReflection ?? ''].filter((t) => t.trim() !== '').join('. '))
    .join('\n')
}
