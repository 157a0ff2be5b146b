// "Why not this person?": the hard rule that kept an expert out, or the weak signals that kept them low.
import { matchDetails, prepareRequest, windowTermOf, type PreparedRequest } from '../index/prepare.ts'
import { MATCH_WEIGHTS, panelFirst, scoreCandidates, type MatchWeights, type ScoredCandidate } from './rank.ts'
import { availabilityEvidence, distanceEvidence, distanceWords, loadEvidence, matchReasons, placesOf, trackEvidence, trackReason } from './reasons.ts'
import { exclusionsFor, freeDays } from '../score/rules.ts'
import { areaAffinity, phaseAffinity, SIGNAL_CONFIG } from '../score/signals.ts'
import { buildMatchIndex, type MatchIndex } from '../index/match-index.ts'
import {
  SIGNAL_NAMES,
  type CandidateExpertise,
  type Id,
  type MatchContext,
  type MatchRequest,
  type Phase,
  type Reason,
  type SignalName,
  type WeakSignal,
  type WhyNotAnswer,
  type WhyNotEntry,
} from '../types.ts'
import { areaLabel, listInWords, MODE_WORDS, PHASE_WORDS, plural } from '../text/wording.ts'

export type WhyNotTarget = { expertiseId: Id } | { personId: Id }

export interface WhyNotOptions {
  /** How many suggestions the head was shown. */
  limit?: number
  index?: MatchIndex
  weights?: MatchWeights
}

const DEFAULT_SHOWN = 10
const MAX_WEAK_SIGNALS = 3
/** A signal explains a low rank only when it costs at least this much score against those shown. */
const NOTABLE_SHORTFALL = 0.005

function targets(entry: CandidateExpertise, target: WhyNotTarget): boolean {
  return 'expertiseId' in target ? entry.id === target.expertiseId : entry.personId === target.personId
}

function weakSignalReason(
  signal: SignalName,
  prepared: PreparedRequest,
  entry: CandidateExpertise,
  value: number,
): Reason {
  const { request, context } = prepared
  const areas = (slugs: readonly string[]) => listInWords(slugs.map((a) => areaLabel(a, context.areaNames)))
  const phases = (list: readonly Phase[]) => listInWords(list.map((p) => PHASE_WORDS[p]))
  switch (signal) {
    case 'area': {
      const matched = entry.areas
        .map((e) => ({ area: e, asked: request.areas.includes(e) ? [e] : request.areas.filter((r) => areaAffinity(r, e, context.areaStrands) > 0) }))
        .filter((m) => m.asked.length > 0)
      return {
        text: `Low area fit: their expertise is in ${areas(entry.areas) || 'no stated area'}; you asked for ${areas(request.areas)}`,
        evidence: { kind: 'areas', entry: [...entry.areas], asked: [...request.areas], matched },
      }
    }
    case 'text':
      return { text: 'What they describe says little about the problem you describe', evidence: { kind: 'text', fit: Math.round(value * 1000) / 1000 } }
    case 'phase': {
      const fit = entry.phases.some((p) => request.phases.includes(p))
        ? 'same'
        : entry.phases.some((e) => request.phases.some((r) => phaseAffinity(r, e) >= 0.3)) ? 'next' : 'different'
      return {
        text: `Works in ${phases(entry.phases) || 'no stated phase'}; you asked for ${phases(request.phases)}`,
        evidence: { kind: 'phases', entry: [...entry.phases], asked: [...request.phases], named: [...entry.phases], fit },
      }
    }
    case 'mode': {
      const missing = request.modes.filter((m) => !entry.modes.includes(m))
      return {
        text: `Does not offer ${listInWords(missing.map((m) => MODE_WORDS[m]))}`,
        evidence: { kind: 'modes', entry: [...entry.modes], asked: [...request.modes], named: missing },
      }
    }
    case 'subject':
      return {
        text: `Subjects differ: ${listInWords([...entry.subjects]) || 'none stated'}; you asked for ${listInWords([...request.subjects])}`,
        evidence: { kind: 'subjects', entry: [...entry.subjects], asked: [...request.subjects] },
      }
    case 'proximity': {
      const d = matchDetails(prepared, entry)
      const places = placesOf(request, entry)
      const where = distanceWords(d.km, places) ?? `How far ${places.to.name || 'their school'} is from ${places.from.name || 'your school'} is not known`
      return {
        text: d.sameCluster ? `${where}, though in your cluster` : `${where}, in another cluster`,
        evidence: distanceEvidence(d.km, d.sameCluster, places),
      }
    }
    case 'trackRecord': {
      const { track } = matchDetails(prepared, entry)
      return trackReason(track, context.areaNames) ?? { text: `No rated past engagements yet in ${areas(request.areas)} or a related area`, evidence: trackEvidence(track) }
    }
    case 'availability': {
      const term = windowTermOf(prepared, entry)
      return {
        text: `Only ${plural(freeDays(entry), 'day')} free in ${term.label}; you asked for ${request.daysPerExpert}`,
        evidence: availabilityEvidence(entry, request.daysPerExpert, term),
      }
    }
    case 'loadBalance': {
      const d = matchDetails(prepared, entry)
      return {
        text: `Already giving ${plural(d.expertDaysThisTerm, 'day')} in ${prepared.term.label} (their school ${plural(d.schoolDaysThisTerm, 'day')}), so others are preferred`,
        evidence: loadEvidence(d, prepared.term),
      }
    }
  }
}

/** Signals where the entry falls furthest short of the suggestions shown, weighted as in the ranking. */
export function weakSignals(
  prepared: PreparedRequest,
  candidate: ScoredCandidate,
  shown: readonly ScoredCandidate[],
  weights: MatchWeights = MATCH_WEIGHTS,
): WeakSignal[] {
  const baseline = (name: SignalName) =>
    shown.length === 0 ? 1 : shown.reduce((sum, c) => sum + c.signals[name], 0) / shown.length
  return SIGNAL_NAMES.map((name) => ({ name, shortfall: weights[name] * (baseline(name) - candidate.signals[name]) }))
    .filter((s) => s.shortfall >= NOTABLE_SHORTFALL)
    .sort((a, b) => b.shortfall - a.shortfall || a.name.localeCompare(b.name))
    .slice(0, MAX_WEAK_SIGNALS)
    .map(({ name }) => {
      const { text, evidence } = weakSignalReason(name, prepared, candidate.entry, candidate.signals[name])
      return { signal: name, value: candidate.signals[name], reason: text, evidence }
    })
}

/**
 * Answers for one named entry, or for every entry of a named person. The route must answer 404 for
 * an expert of another trust, exactly as for a missing one; the `other_trust` rule is a safety net.
 */
export function explainWhyNot(
  request: MatchRequest,
  entries: readonly CandidateExpertise[],
  context: MatchContext,
  target: WhyNotTarget,
  options: WhyNotOptions = {},
): WhyNotAnswer {
  const named = entries.filter((e) => targets(e, target))
  if (named.length === 0) return { entries: [] }
  const index = options.index ?? buildMatchIndex(entries)
  const prepared = prepareRequest(request, context, index, SIGNAL_CONFIG)
  const weights = options.weights ?? MATCH_WEIGHTS
  const sorted = scoreCandidates(prepared, entries, weights)
  const ranked =
    request.expertsWanted > 1
      ? panelFirst(
          sorted.map((c) => ({ personId: c.entry.personId, schoolId: c.entry.schoolId, c })),
          request.expertsWanted,
        ).map((x) => x.c)
      : sorted
  const limit = options.limit ?? DEFAULT_SHOWN
  const shown = ranked.slice(0, limit)
  const cutOff = shown[shown.length - 1]
  const answers = named.map((entry): WhyNotEntry => {
    const exclusions = exclusionsFor(request, entry, prepared.history, context.areaNames, prepared.term.label)
    if (exclusions.length > 0) return { expertiseId: entry.id, status: 'excluded', exclusions }
    const position = ranked.findIndex((c) => c.entry.id === entry.id)
    const candidate = ranked[position]
    if (candidate === undefined) return { expertiseId: entry.id, status: 'excluded', exclusions: [] }
    return {
      expertiseId: entry.id,
      status: 'ranked',
      rank: position + 1,
      of: ranked.length,
      score: candidate.score,
      shown: position < limit,
      cutOffScore: cutOff === undefined ? null : cutOff.score,
      weakSignals: weakSignals(prepared, candidate, shown, weights),
      reasons: matchReasons(prepared, entry, candidate.signals),
    }
  })
  return { entries: answers }
}
