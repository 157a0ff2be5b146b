// Plain inputs and outputs of the matching engine. Nothing here knows about the database:
// the matching service loads rows and maps them onto these shapes.
import type { Mode, Phase } from '@ee/shared/common'
import type { Evidence, Reason } from '@ee/shared/matching'
import type { TermName } from '../lib/terms.ts'

export type { Mode, Phase } from '@ee/shared/common'
export type { Evidence, Reason } from '@ee/shared/matching'
export { MODES, PHASES } from '@ee/shared/common'

/** Ids are the database's uuids (refs in the offline evaluation); the engine only compares them. */
export type Id = string

export interface GeoPoint {
  lat: number
  lng: number
}

/** ISO dates (YYYY-MM-DD). */
export interface DateWindow {
  start: string
  end: string
}

/** A term as reasons name it: "Spring 2027", with its dates so the claim can be checked. */
export interface TermRef {
  label: string
  start: string
  end: string
}

export interface MatchRequest {
  id: Id
  schoolId: Id
  trustId: Id
  title: string
  problem: string
  tried: string
  outcome: string
  areas: readonly string[]
  subjects: readonly string[]
  phases: readonly Phase[]
  modes: readonly Mode[]
  expertsWanted: number
  daysPerExpert: number
  window: DateWindow
  /** The requesting school's position; null when the school has no coordinates. */
  location: GeoPoint | null
  clusterId: Id | null
  /** The requesting school's name, for reasons ("4 km from Castle Hill Primary"); absent in unit tests. */
  schoolName?: string
}

export interface CandidateSchool {
  name: string
  lat: number | null
  lng: number | null
  clusterId: Id | null
  /** Days the school releases per term without the head's approval; scales the school's load. */
  releaseDaysPerTerm?: number
}

export interface CandidateExpertise {
  id: Id
  personId: Id
  schoolId: Id
  trustId: Id
  title: string
  summary: string
  evidence: string
  areas: readonly string[]
  subjects: readonly string[]
  phases: readonly Phase[]
  modes: readonly Mode[]
  /** Days offered in the term of the request's window (the entry's own figure for that term when it gives one). */
  capacityDaysPerTerm: number
  /** The entry's own figures per term (null: the usual capacityDaysPerTerm); applied per term by the service. */
  termDays?: Readonly<Record<TermName, number | null>>
  /**
   * For a window spanning several terms: the term whose free days bind (least to spare after its share
   * of the days); capacityDaysPerTerm and committedDaysInWindowTerm are that term's. Absent: the
   * window's own term (MatchContext.term).
   */
  windowTerm?: TermRef
  /** Days of this entry already committed (active or completed engagements) in the term of the request's window. */
  committedDaysInWindowTerm: number
  active: boolean
  personActive: boolean
  personPaused: boolean
  /** ISO timestamp; null when never seen. */
  lastActiveAt: string | null
  school: CandidateSchool
  /**
   * The trust's memory of this entry at work: titles, problems and the head's reflections of past
   * requests it served with an impact of 3 or more. It lets a new request find the expert who solved
   * the same problem before, even in other words.
   */
  casework?: string
}

export type EngagementStatus = 'active' | 'completed' | 'cancelled'

/** One engagement (an accepted offer). Offers that were declined or withdrawn are not engagements. */
export interface PastEngagement {
  requestId: Id
  expertPersonId: Id
  expertiseId: Id
  receivingSchoolId: Id
  /** Area slugs of the request the engagement served. */
  areas: readonly string[]
  /** The head's impact rating 1–5, null until completed. */
  impact: number | null
  status: EngagementStatus
}

/** Days already being given in the term of the request's window. */
export interface LoadFigures {
  expertDaysThisTerm: ReadonlyMap<Id, number>
  schoolDaysThisTerm: ReadonlyMap<Id, number>
}

export interface MatchContext {
  /** Area slug → strand (parent) slug. Strands themselves may be absent or map to themselves. */
  areaStrands: Readonly<Record<string, string>>
  /** Area slug → display name, for reasons; slugs are humanised when absent. */
  areaNames?: Readonly<Record<string, string>>
  history: readonly PastEngagement[]
  load: LoadFigures
  /** The clock, ISO timestamp; used only for "last active" wording. */
  now: string
  /** The term of the request's window in the trust's calendar (England's default when absent); load is counted in it. */
  term?: TermRef
}

export const SIGNAL_NAMES = [
  'area',
  'subject',
  'phase',
  'mode',
  'text',
  'proximity',
  'trackRecord',
  'availability',
  'loadBalance',
] as const
export type SignalName = (typeof SIGNAL_NAMES)[number]
export type Signals = Record<SignalName, number>

export interface RankedMatch {
  expertiseId: Id
  personId: Id
  schoolId: Id
  /** Weighted sum of the signals, 0..1. */
  score: number
  signals: Signals
  reasons: Reason[]
}

export interface RankedRequest {
  requestId: Id
  /** The expert's entry that fits this request best. */
  expertiseId: Id
  score: number
  signals: Signals
  reasons: string[]
}

export type ExclusionRule =
  | 'other_trust'
  | 'inactive_expertise'
  | 'inactive_person'
  | 'paused'
  | 'same_school'
  | 'no_days_free'
  | 'conflict_of_interest'

export interface Exclusion {
  rule: ExclusionRule
  /** Plain words a head would read. */
  reason: string
}

export interface WeakSignal {
  signal: SignalName
  value: number
  reason: string
  evidence: Evidence
}

export type WhyNotEntry =
  | { expertiseId: Id; status: 'excluded'; exclusions: Exclusion[] }
  | {
      expertiseId: Id
      status: 'ranked'
      rank: number
      of: number
      score: number
      /** True when the entry is within the shown limit, i.e. it is not actually "not" suggested. */
      shown: boolean
      /** Score of the last suggestion shown; the gap the entry would have to close. */
      cutOffScore: number | null
      weakSignals: WeakSignal[]
      reasons: Reason[]
    }

export interface WhyNotAnswer {
  /** One answer per entry of the named person (or the single named entry). Empty when none was found. */
  entries: WhyNotEntry[]
}
