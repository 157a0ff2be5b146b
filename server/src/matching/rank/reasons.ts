// Reasons a head reads beside each suggestion: plain British English, most telling first. Each names
// the evidence it rests on and carries it (`Reason.evidence`), so the words can be checked against the data.
import { matchDetails, windowTermOf, type MatchDetails, type PreparedRequest } from '../index/prepare.ts'
import { freeDays } from '../score/rules.ts'
import { areaAffinity, phaseAffinity, type TrackRecord } from '../score/signals.ts'
import { sharedPhrases } from '../text/text.ts'
import type { CandidateExpertise, MatchRequest, Phase, Reason, Signals, TermRef } from '../types.ts'
import { areaLabel, listInWords, MODE_WORDS, oneDecimal, PHASE_WORDS, plural } from '../text/wording.ts'

type Names = Readonly<Record<string, string>> | undefined

/** The part of a title before its colon: "Key Stage 3 reading recovery: screening, …" → "Key Stage 3 reading recovery". */
export function titleLead(title: string): string {
  const lead = title.split(/[:;–—]/)[0]?.trim() ?? ''
  return lead === '' ? title.trim() : lead
}

export function titleReason(title: string): Reason {
  return { text: titleLead(title), evidence: { kind: 'title', title } }
}

const areasInWords = (slugs: readonly string[], names: Names) => listInWords(slugs.map((a) => areaLabel(a, names)))

export function areaReason(
  requestAreas: readonly string[],
  entryAreas: readonly string[],
  strands: Readonly<Record<string, string>>,
  names?: Names,
): Reason | null {
  const evidence = (matched: { area: string; asked: string[] }[]) => ({ kind: 'areas' as const, entry: [...entryAreas], asked: [...requestAreas], matched })
  const exact = requestAreas.filter((a) => entryAreas.includes(a))
  if (exact.length > 0) {
    return { text: `Covers ${areasInWords(exact, names)}`, evidence: evidence(exact.map((a) => ({ area: a, asked: [a] }))) }
  }
  const near = entryAreas
    .map((e) => ({ area: e, asked: requestAreas.filter((r) => areaAffinity(r, e, strands) > 0) }))
    .filter((m) => m.asked.length > 0)
  if (near.length === 0) return null
  const asked = requestAreas.filter((r) => near.some((m) => m.asked.includes(r)))
  return {
    text: `Works in a related area: ${areasInWords(near.map((m) => m.area), names)} (you asked for ${areasInWords(asked, names)})`,
    evidence: evidence(near),
  }
}

const phasesInWords = (phases: readonly Phase[]) => listInWords(phases.map((p) => PHASE_WORDS[p]))

export function phaseReason(requestPhases: readonly Phase[], entryPhases: readonly Phase[]): Reason | null {
  if (requestPhases.length === 0 || entryPhases.length === 0) return null
  const evidence = (named: Phase[], fit: 'same' | 'next' | 'different') => ({ kind: 'phases' as const, entry: [...entryPhases], asked: [...requestPhases], named, fit })
  const same = requestPhases.filter((p) => entryPhases.includes(p))
  if (same.length > 0) return { text: `Works in ${phasesInWords(same)}, as you asked`, evidence: evidence(same, 'same') }
  const near = entryPhases.filter((e) => requestPhases.some((r) => phaseAffinity(r, e) >= 0.3))
  if (near.length > 0) {
    const beside = requestPhases.filter((r) => near.some((e) => phaseAffinity(r, e) >= 0.3))
    const which = beside.length === 1 ? 'the phase you asked for' : 'the phases you asked for'
    return { text: `Works in ${phasesInWords(near)}, next to ${phasesInWords(beside)}, ${which}`, evidence: evidence(near, 'next') }
  }
  return { text: `Works in ${phasesInWords(entryPhases)}; you asked for ${phasesInWords(requestPhases)}`, evidence: evidence([...entryPhases], 'different') }
}

export function modeReason(request: Pick<MatchRequest, 'modes'>, entry: Pick<CandidateExpertise, 'modes'>): Reason | null {
  const offered = request.modes.filter((m) => entry.modes.includes(m))
  if (offered.length === 0) return null
  return {
    text: `Offers ${listInWords(offered.map((m) => MODE_WORDS[m]))}`,
    evidence: { kind: 'modes', entry: [...entry.modes], asked: [...request.modes], named: offered },
  }
}

/** The two schools a distance is between: `from` is the reader's, `to` the other party's. */
export interface Places {
  from: { id: string; name: string }
  to: { id: string; name: string }
}

/** To one decimal, as the suggestion's card is given it (and rounds it again to whole kilometres). */
const shownKm = (km: number) => Math.round(km * 10) / 10

export function distanceEvidence(km: number | null, sameCluster: boolean, places: Places) {
  return { kind: 'distance' as const, km: km === null ? null : shownKm(km), from: places.from, to: places.to, sameCluster }
}

/** "Hollinbank Primary Academy is 4 km from Castle Hill Primary" (null when the distance is unknown), rounded as the card rounds it. */
export function distanceWords(km: number | null, places: Places): string | null {
  if (km === null) return null
  const shown = shownKm(km)
  return `${places.to.name || 'Their school'} is ${shown < 1 ? 'under 1 km' : `${Math.round(shown)} km`} from ${places.from.name || 'your school'}`
}

export function distanceReason(km: number | null, sameCluster: boolean, places: Places): Reason | null {
  const evidence = distanceEvidence(km, sameCluster, places)
  const where = distanceWords(km, places)
  if (where === null) return sameCluster ? { text: `${places.to.name || 'Their school'} is in your cluster`, evidence } : null
  return { text: sameCluster ? `${where}, in your cluster` : where, evidence }
}

/** Where the ratings were earned: "reading", or "humanities (an area next to reading)". */
function earnedWhere(g: TrackRecord['earnedIn'][number], names: Names): string {
  const area = areaLabel(g.area, names)
  return g.asked.includes(g.area) ? area : `${area} (an area next to ${areasInWords(g.asked, names)})`
}

export function trackReason(track: TrackRecord, names?: Names): Reason | null {
  const { meanImpact, count, earnedIn } = track
  if (meanImpact === null || count === 0) return null
  const rated = `Rated ${oneDecimal(meanImpact)} out of 5 from ${plural(count, 'past engagement')}`
  const first = earnedIn[0]
  const text =
    first === undefined
      ? rated
      : earnedIn.length === 1
        ? `${rated} in ${earnedWhere(first, names)}`
        : `${rated}: ${listInWords(earnedIn.map((g) => `${g.count} in ${earnedWhere(g, names)}`))}`
  return { text, evidence: trackEvidence(track) }
}

export function trackEvidence(track: TrackRecord) {
  return {
    kind: 'trackRecord' as const,
    meanImpact: track.meanImpact === null ? null : Math.round(track.meanImpact * 10) / 10,
    count: track.count,
    earnedIn: track.earnedIn.map((g) => ({ area: g.area, asked: [...g.asked], count: g.count })),
  }
}

export function availabilityEvidence(entry: Pick<CandidateExpertise, 'capacityDaysPerTerm' | 'committedDaysInWindowTerm'>, daysPerExpert: number, term: TermRef) {
  return {
    kind: 'availability' as const,
    freeDays: freeDays(entry),
    capacityDays: entry.capacityDaysPerTerm,
    committedDays: entry.committedDaysInWindowTerm,
    askedDays: daysPerExpert,
    term: { label: term.label, start: term.start, end: term.end },
  }
}

export function availabilityReason(
  entry: Pick<CandidateExpertise, 'capacityDaysPerTerm' | 'committedDaysInWindowTerm'>,
  daysPerExpert: number,
  term: TermRef,
): Reason {
  const free = freeDays(entry)
  const text =
    free >= daysPerExpert
      ? `${plural(free, 'day')} free in ${term.label}`
      : `Only ${plural(free, 'day')} free in ${term.label}; you asked for ${daysPerExpert}`
  return { text, evidence: availabilityEvidence(entry, daysPerExpert, term) }
}

export function loadEvidence(details: Pick<MatchDetails, 'expertDaysThisTerm' | 'schoolDaysThisTerm'>, term: TermRef) {
  return {
    kind: 'load' as const,
    expertDays: details.expertDaysThisTerm,
    schoolDays: details.schoolDaysThisTerm,
    term: { label: term.label, start: term.start, end: term.end },
  }
}

/** Load is mentioned only when it is notable, as a caution rather than a selling point. */
export function loadReason(details: Pick<MatchDetails, 'expertDaysThisTerm' | 'schoolDaysThisTerm'>, releaseDaysPerTerm: number | undefined, term: TermRef): Reason | null {
  const evidence = loadEvidence(details, term)
  if (details.expertDaysThisTerm >= 5) {
    return { text: `Already giving ${plural(details.expertDaysThisTerm, 'day')} to other schools in ${term.label}`, evidence }
  }
  const schoolLimit = releaseDaysPerTerm ?? 15
  if (details.schoolDaysThisTerm >= schoolLimit * 0.75) {
    return { text: `Their school is already giving ${plural(details.schoolDaysThisTerm, 'day')} in ${term.label}`, evidence }
  }
  return null
}

const DAY_MS = 86_400_000

export function lastActiveReason(lastActiveAt: string | null, now: string): Reason | null {
  if (lastActiveAt === null) return null
  const days = Math.floor((Date.parse(now) - Date.parse(lastActiveAt)) / DAY_MS)
  if (!Number.isFinite(days) || days < 30) return null
  const months = Math.floor(days / 30)
  return { text: `Last active ${plural(months, 'month')} ago`, evidence: { kind: 'lastActive', lastActiveAt, months } }
}

function sharedWordsReason(prepared: PreparedRequest, entry: CandidateExpertise, signals: Signals): Reason | null {
  if (signals.text < 0.2) return null
  const phrases = sharedPhrases(prepared.index.text, prepared.query, entry, 3)
  return phrases.length === 0 ? null : { text: `Mentions ${listInWords(phrases)}`, evidence: { kind: 'words', phrases } }
}

function compact(items: readonly (Reason | null)[]): Reason[] {
  return items.filter((x): x is Reason => x !== null)
}

/** The requesting school (`from`) and the expert's (`to`). */
export function placesOf(request: MatchRequest, entry: CandidateExpertise): Places {
  return {
    from: { id: request.schoolId, name: request.schoolName ?? '' },
    to: { id: entry.schoolId, name: entry.school.name },
  }
}

export function matchReasons(prepared: PreparedRequest, entry: CandidateExpertise, signals: Signals): Reason[] {
  const { request, context, term } = prepared
  const details = matchDetails(prepared, entry)
  return compact([
    titleReason(entry.title),
    areaReason(request.areas, entry.areas, context.areaStrands, context.areaNames),
    phaseReason(request.phases, entry.phases),
    modeReason(request, entry),
    sharedWordsReason(prepared, entry, signals),
    distanceReason(details.km, details.sameCluster, placesOf(request, entry)),
    trackReason(details.track, context.areaNames),
    availabilityReason(entry, request.daysPerExpert, windowTermOf(prepared, entry)),
    loadReason(details, entry.school.releaseDaysPerTerm, term),
    lastActiveReason(entry.lastActiveAt, context.now),
  ])
}

/** Reasons written to the expert: why this request suits their entry. */
export function requestReasons(prepared: PreparedRequest, entry: CandidateExpertise, signals: Signals): string[] {
  const { request, context } = prepared
  const details = matchDetails(prepared, entry)
  const asked = request.areas.filter((a) => entry.areas.includes(a)).map((a) => areaLabel(a, context.areaNames))
  const phases = request.phases.filter((p) => entry.phases.includes(p)).map((p) => PHASE_WORDS[p])
  const modes = request.modes.filter((m) => entry.modes.includes(m)).map((m) => MODE_WORDS[m])
  const places = placesOf(request, entry)
  return [
    `Fits your “${titleLead(entry.title)}”`,
    asked.length > 0 ? `Asks for ${listInWords(asked)}` : null,
    phases.length > 0 ? `A ${listInWords(phases)} school` : null,
    modes.length > 0 ? `Wants ${listInWords(modes)}` : null,
    sharedWordsReason(prepared, entry, signals)?.text ?? null,
    distanceReason(details.km, details.sameCluster, { from: places.to, to: places.from })?.text ?? null,
    `${plural(request.daysPerExpert, 'day')} in ${windowTermOf(prepared, entry).label}; you have ${details.freeDays} free`,
  ].filter((x): x is string => x !== null)
}
