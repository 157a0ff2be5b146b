// Reasons a head reads beside each suggestion: plain British English, most telling first.
import { matchDetails, type MatchDetails, type PreparedRequest } from '../index/prepare.ts'
import { areaAffinity, phaseAffinity } from '../score/signals.ts'
import { sharedPhrases } from '../text/text.ts'
import type { CandidateExpertise, MatchRequest, Phase, Signals } from '../types.ts'
import { areaLabel, listInWords, MODE_WORDS, oneDecimal, PHASE_WORDS, plural } from '../text/wording.ts'

/** The part of a title before its colon: "Key Stage 3 reading recovery: screening, …" → "Key Stage 3 reading recovery". */
export function titleLead(title: string): string {
  const lead = title.split(/[:;–—]/)[0]?.trim() ?? ''
  return lead === '' ? title.trim() : lead
}

export function areaReason(
  requestAreas: readonly string[],
  entryAreas: readonly string[],
  strands: Readonly<Record<string, string>>,
  names?: Readonly<Record<string, string>>,
): string | null {
  const exact = requestAreas.filter((a) => entryAreas.includes(a))
  if (exact.length > 0) return `Covers ${listInWords(exact.map((a) => areaLabel(a, names)))}`
  const near = entryAreas.filter((e) => requestAreas.some((r) => areaAffinity(r, e, strands) > 0))
  if (near.length > 0) return `Works in a related area: ${listInWords(near.map((a) => areaLabel(a, names)))}`
  return null
}

export function phaseReason(requestPhases: readonly Phase[], entryPhases: readonly Phase[]): string | null {
  if (requestPhases.length === 0 || entryPhases.length === 0) return null
  const same = requestPhases.filter((p) => entryPhases.includes(p))
  if (same.length > 0) return `Works in ${listInWords(same.map((p) => PHASE_WORDS[p]))}, as you asked`
  const near = entryPhases.filter((e) => requestPhases.some((r) => phaseAffinity(r, e) >= 0.3))
  const words = (near.length > 0 ? near : entryPhases).map((p) => PHASE_WORDS[p])
  return near.length > 0
    ? `Works in ${listInWords(words)}, next to your phase`
    : `Works in ${listInWords(words)}, a different phase`
}

export function modeReason(request: Pick<MatchRequest, 'modes'>, entry: Pick<CandidateExpertise, 'modes'>): string | null {
  const offered = request.modes.filter((m) => entry.modes.includes(m))
  if (offered.length === 0) return null
  return `Offers ${listInWords(offered.map((m) => MODE_WORDS[m]))}`
}

export function distanceReason(km: number | null, sameCluster: boolean): string | null {
  if (km === null) return sameCluster ? 'In your cluster' : null
  const distance = km < 1 ? 'Under 1 km away' : `${Math.round(km)} km away`
  return sameCluster ? `${distance}, in your cluster` : distance
}

export function trackReason(details: MatchDetails, areasInWords: string): string | null {
  const { meanImpact, count } = details.track
  if (meanImpact === null || count === 0) return null
  return `Rated ${oneDecimal(meanImpact)} out of 5 from ${plural(count, 'past engagement')} in ${areasInWords}`
}

export function availabilityReason(freeDays: number, daysPerExpert: number, termName: string): string {
  if (freeDays >= daysPerExpert) return `${plural(freeDays, 'day')} free in ${termName}`
  return `Only ${plural(freeDays, 'day')} free in ${termName}; you asked for ${daysPerExpert}`
}

/** Load is mentioned only when it is notable, as a caution rather than a selling point. */
export function loadReason(details: MatchDetails, releaseDaysPerTerm: number | undefined): string | null {
  if (details.expertDaysThisTerm >= 5) return `Already giving ${plural(details.expertDaysThisTerm, 'day')} to other schools this term`
  const schoolLimit = releaseDaysPerTerm ?? 15
  if (details.schoolDaysThisTerm >= schoolLimit * 0.75) {
    return `Their school is already giving ${plural(details.schoolDaysThisTerm, 'day')} this term`
  }
  return null
}

const DAY_MS = 86_400_000

export function lastActiveReason(lastActiveAt: string | null, now: string): string | null {
  if (lastActiveAt === null) return null
  const days = Math.floor((Date.parse(now) - Date.parse(lastActiveAt)) / DAY_MS)
  if (!Number.isFinite(days) || days < 30) return null
  const months = Math.floor(days / 30)
  return `Last active ${plural(months, 'month')} ago`
}

function sharedWordsReason(prepared: PreparedRequest, entry: CandidateExpertise, signals: Signals): string | null {
  if (signals.text < 0.2) return null
  const phrases = sharedPhrases(prepared.index.text, prepared.query, entry, 3)
  return phrases.length === 0 ? null : `Mentions ${listInWords(phrases)}`
}

function compact(items: readonly (string | null)[]): string[] {
  return items.filter((x): x is string => x !== null)
}

export function matchReasons(prepared: PreparedRequest, entry: CandidateExpertise, signals: Signals): string[] {
  const { request, context, term } = prepared
  const details = matchDetails(prepared, entry)
  const areasInWords = listInWords(request.areas.map((a) => areaLabel(a, context.areaNames)))
  return compact([
    titleLead(entry.title),
    areaReason(request.areas, entry.areas, context.areaStrands, context.areaNames),
    phaseReason(request.phases, entry.phases),
    modeReason(request, entry),
    sharedWordsReason(prepared, entry, signals),
    distanceReason(details.km, details.sameCluster),
    trackReason(details, areasInWords),
    availabilityReason(details.freeDays, request.daysPerExpert, entry.windowTermLabel ?? term.label),
    loadReason(details, entry.school.releaseDaysPerTerm),
    lastActiveReason(entry.lastActiveAt, context.now),
  ])
}

/** Reasons written to the expert: why this request suits their entry. */
export function requestReasons(prepared: PreparedRequest, entry: CandidateExpertise, signals: Signals): string[] {
  const { request, context, term } = prepared
  const details = matchDetails(prepared, entry)
  const asked = request.areas.filter((a) => entry.areas.includes(a)).map((a) => areaLabel(a, context.areaNames))
  const phases = request.phases.filter((p) => entry.phases.includes(p)).map((p) => PHASE_WORDS[p])
  const modes = request.modes.filter((m) => entry.modes.includes(m)).map((m) => MODE_WORDS[m])
  return compact([
    `Fits your “${titleLead(entry.title)}”`,
    asked.length > 0 ? `Asks for ${listInWords(asked)}` : null,
    phases.length > 0 ? `A ${listInWords(phases)} school` : null,
    modes.length > 0 ? `Wants ${listInWords(modes)}` : null,
    sharedWordsReason(prepared, entry, signals),
    distanceReason(details.km, details.sameCluster),
    `${plural(request.daysPerExpert, 'day')} in ${entry.windowTermLabel ?? term.label}; you have ${details.freeDays} free`,
  ])
}
