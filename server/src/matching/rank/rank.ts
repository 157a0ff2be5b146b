import { indexHistory } from '../score/history.ts'
import {
  emptySignals,
  indexPosition,
  passesHardRules,
  prepareRequest,
  rawTextScore,
  signalsFor,
  type PreparedRequest,
} from '../index/prepare.ts'
import { buildMatchIndex, type MatchIndex } from '../index/match-index.ts'
import { matchReasons, requestReasons } from './reasons.ts'
import { isEligible } from '../score/rules.ts'
import { SIGNAL_CONFIG, type SignalConfig } from '../score/signals.ts'
import {
  type CandidateExpertise,
  type Id,
  type MatchContext,
  type MatchRequest,
  type RankedMatch,
  type RankedRequest,
  type SignalName,
  type Signals,
} from '../types.ts'

export type MatchWeights = Readonly<Record<SignalName, number>>

/**
 * How the signals of docs/design.md §4 are weighed against each other; the one place to change it.
 * Text and area say whether the insight is the one asked for; phase and mode whether it transfers;
 * track record, availability, proximity and load order otherwise similar experts.
 */
export const MATCH_WEIGHTS: MatchWeights = {
  text: 0.4,
  area: 0.17,
  phase: 0.15,
  mode: 0.1,
  subject: 0.1,
  trackRecord: 0.08,
  availability: 0.05,
  proximity: 0.03,
  loadBalance: 0.04,
}

export interface RankOptions {
  /** How many suggestions to return; all eligible entries when absent. */
  limit?: number
  /** The trust's prebuilt index (see buildMatchIndex); built from the candidates when absent. */
  index?: MatchIndex
  weights?: MatchWeights
  /** When the head wants more than one expert, lead with a panel from different schools. Default true. */
  panelFirst?: boolean
  signalConfig?: SignalConfig
}

export interface ScoredCandidate {
  entry: CandidateExpertise
  signals: Signals
  score: number
}

/** The weighted mean of the signals, 0..1 (weights need not sum to 1). Written out: it runs per candidate. */
export function weightedScore(s: Signals, w: MatchWeights = MATCH_WEIGHTS): number {
  const total =
    w.area + w.subject + w.phase + w.mode + w.text + w.proximity + w.trackRecord + w.availability + w.loadBalance
  if (total <= 0) return 0
  const sum =
    w.area * s.area +
    w.subject * s.subject +
    w.phase * s.phase +
    w.mode * s.mode +
    w.text * s.text +
    w.proximity * s.proximity +
    w.trackRecord * s.trackRecord +
    w.availability * s.availability +
    w.loadBalance * s.loadBalance
  return sum / total
}

export function compareIds(a: Id, b: Id): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Best score first; equal scores fall back to the id, so the order never depends on input order. */
export function compareScored(a: ScoredCandidate, b: ScoredCandidate): number {
  return b.score - a.score || compareIds(a.entry.id, b.entry.id)
}

/**
 * Applies the hard rules and scores the eligible entries, best first, keeping the best `keep`
 * (all when absent). Two passes: text relevance is relative to the best BM25 over the index and any
 * unindexed candidates, so that maximum must be known before any score.
 */
export function scoreCandidates(
  prepared: PreparedRequest,
  entries: readonly CandidateExpertise[],
  weights: MatchWeights = MATCH_WEIGHTS,
  keep?: number,
): ScoredCandidate[] {
  const raw = new Float64Array(entries.length).fill(-1)
  const positions = new Int32Array(entries.length)
  let bestText = prepared.bestText
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as CandidateExpertise
    if (!passesHardRules(prepared, entry)) continue
    const position = indexPosition(prepared, entry, i)
    const text = rawTextScore(prepared, entry, position)
    if (text > bestText) bestText = text
    raw[i] = text
    positions[i] = position
  }
  if (keep === undefined) {
    const all: ScoredCandidate[] = []
    for (let i = 0; i < entries.length; i++) {
      const text = raw[i] ?? -1
      if (text < 0) continue
      const entry = entries[i] as CandidateExpertise
      const signals = signalsFor(prepared, entry, text, bestText, emptySignals(), positions[i])
      all.push({ entry, signals, score: weightedScore(signals, weights) })
    }
    return all.sort(compareScored)
  }
  const top: ScoredCandidate[] = []
  const scratch = emptySignals()
  let worstScore = Number.NEGATIVE_INFINITY
  for (let i = 0; i < entries.length; i++) {
    const text = raw[i] ?? -1
    if (text < 0) continue
    const entry = entries[i] as CandidateExpertise
    signalsFor(prepared, entry, text, bestText, scratch, positions[i])
    const score = weightedScore(scratch, weights)
    if (top.length >= keep) {
      if (score < worstScore) continue
      const worst = top[top.length - 1]
      if (worst !== undefined && score === worst.score && entry.id > worst.entry.id) continue
    }
    insertSorted(top, { entry, signals: { ...scratch }, score })
    if (top.length > keep) top.pop()
    worstScore = top.length >= keep ? (top[top.length - 1]?.score ?? worstScore) : Number.NEGATIVE_INFINITY
  }
  return top
}

function insertSorted(sorted: ScoredCandidate[], item: ScoredCandidate): void {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (compareScored(sorted[mid] as ScoredCandidate, item) <= 0) lo = mid + 1
    else hi = mid
  }
  sorted.splice(lo, 0, item)
}

/** How far down the ranking a panel looks, and how hard it searches, before settling. */
const PANEL_HORIZON = 40
const PANEL_SEARCH_STEPS = 20_000

/**
 * Picks up to n suggestions that give the head several perspectives: never the same person twice,
 * and as many different schools as the ranking allows, preferring higher-ranked people. When there
 * are not enough schools, the remaining places go to the best of the rest.
 */
export function panel<T extends { personId: Id; schoolId: Id }>(ranked: readonly T[], n: number): T[] {
  const pool = ranked.slice(0, PANEL_HORIZON)
  const distinct = distinctPanel(pool, Math.min(n, new Set(pool.map((x) => x.schoolId)).size))
  const chosen = new Set(distinct)
  const people = new Set(distinct.map((x) => x.personId))
  for (const item of ranked) {
    if (chosen.size >= n) break
    if (chosen.has(item) || people.has(item.personId)) continue
    chosen.add(item)
    people.add(item.personId)
  }
  return ranked.filter((item) => chosen.has(item))
}

/**
 * The first (in rank order) largest set of at most `size` items with distinct schools and people.
 * A greedy pass fails when the best person of one school is also the only way to reach another, so
 * search, highest ranks first; panels are small.
 */
function distinctPanel<T extends { personId: Id; schoolId: Id }>(pool: readonly T[], size: number): T[] {
  let steps = 0
  const search = (start: number, target: number, picked: T[], schools: Set<Id>, people: Set<Id>): T[] | null => {
    if (picked.length === target) return [...picked]
    for (let i = start; i < pool.length; i++) {
      if (++steps > PANEL_SEARCH_STEPS) return null
      const item = pool[i] as T
      if (schools.has(item.schoolId) || people.has(item.personId)) continue
      picked.push(item)
      schools.add(item.schoolId)
      people.add(item.personId)
      const found = search(i + 1, target, picked, schools, people)
      picked.pop()
      schools.delete(item.schoolId)
      people.delete(item.personId)
      if (found !== null) return found
    }
    return null
  }
  for (let target = size; target > 0; target--) {
    steps = 0
    const found = search(0, target, [], new Set(), new Set())
    if (found !== null) return found
  }
  return []
}

/** The panel first (in rank order), then everyone else in rank order. */
export function panelFirst<T extends { personId: Id; schoolId: Id }>(ranked: readonly T[], n: number): T[] {
  const members = new Set(panel(ranked, n))
  return [...ranked.filter((x) => members.has(x)), ...ranked.filter((x) => !members.has(x))]
}

const asPanelItem = (c: ScoredCandidate) => ({ personId: c.entry.personId, schoolId: c.entry.schoolId, candidate: c })

/** Eligible entries for a request, best first (with the panel leading), each with signals and reasons. */
export function rankExpertise(
  request: MatchRequest,
  entries: readonly CandidateExpertise[],
  context: MatchContext,
  options: RankOptions = {},
): RankedMatch[] {
  const index = options.index ?? buildMatchIndex(entries)
  const prepared = prepareRequest(request, context, index, options.signalConfig ?? SIGNAL_CONFIG)
  const limit = options.limit ?? entries.length
  // A wider pool than shown, so the panel can reach past a school that fills the top places.
  const pool = scoreCandidates(prepared, entries, options.weights, Math.max(limit * 2, limit + 50))
  const ordered =
    (options.panelFirst ?? true) && request.expertsWanted > 1
      ? panelFirst(pool.map(asPanelItem), request.expertsWanted).map((p) => p.candidate)
      : pool
  return ordered.slice(0, limit).map((c) => ({
    expertiseId: c.entry.id,
    personId: c.entry.personId,
    schoolId: c.entry.schoolId,
    score: c.score,
    signals: c.signals,
    reasons: matchReasons(prepared, c.entry, c.signals),
  }))
}

/**
 * The other direction: open requests for one expert, each matched with the expert's best entry,
 * under the same hard rules. Pass the trust's index so text relevance is on the same scale as the
 * forward ranking. Every entry's committedDaysInWindowTerm must be for the term of the requests'
 * windows: rank requests of different terms in separate calls.
 */
export function rankRequestsForExpert(
  expertEntries: readonly CandidateExpertise[],
  requests: readonly MatchRequest[],
  context: MatchContext,
  options: RankOptions = {},
): RankedRequest[] {
  const index = options.index ?? buildMatchIndex(expertEntries)
  const history = indexHistory(context.history)
  const results: RankedRequest[] = []
  for (const request of requests) {
    if (!expertEntries.some((e) => isEligible(request, e, history))) continue
    const prepared = prepareRequest(request, context, index, options.signalConfig ?? SIGNAL_CONFIG)
    const best = scoreCandidates(prepared, expertEntries, options.weights, 1)[0]
    if (best === undefined) continue
    results.push({
      requestId: request.id,
      expertiseId: best.entry.id,
      score: best.score,
      signals: best.signals,
      reasons: requestReasons(prepared, best.entry, best.signals),
    })
  }
  results.sort((a, b) => b.score - a.score || compareIds(a.requestId, b.requestId))
  return options.limit === undefined ? results : results.slice(0, options.limit)
}
