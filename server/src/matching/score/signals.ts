// The signals of docs/design.md §4. Each is a pure function returning 0..1, where 1 is the best fit.
import type { GeoPoint, Mode, Phase } from '../types.ts'

export interface SignalConfig {
  /** Above 1, only entries close to the best text match keep a high text score. */
  textExponent: number
  /** Credit for an entry in another area of the same strand ("reading" for "early-reading-phonics"). */
  sameStrandCredit: number
  /** Above 1, covering every asked area counts for more than covering most of them. */
  areaCoverageExponent: number
  /** Credit for an area the entry's own words speak of but its author did not tag. */
  impliedAreaCredit: number
  /** Share of the area score that rewards an entry focused on the asked areas rather than spread wide. */
  areaFocusShare: number
  /** Credit for an entry that names no subject when the request names some. */
  unspecifiedSubjectCredit: number
  /** Credit for an entry that names no phase (or no mode): it may suit, it may not. */
  unspecifiedCredit: number
  /** Distance at which the distance part of proximity halves. */
  halfDistanceKm: number
  /** Share of proximity that comes from being in the same cluster. */
  sameClusterShare: number
  /** Bayesian shrinkage: the prior impact (1–5) and how many engagements it is worth. */
  trackPriorImpact: number
  trackPriorWeight: number
  /** Engagements in another area of the same strand count this much. */
  trackSameStrandWeight: number
  /** Best availability score when fewer days are free than asked. */
  partialAvailabilityCeiling: number
  /** Days at which the expert's (or, scaled by its release days, the school's) load halves the score. */
  expertHalfLoadDays: number
  schoolHalfLoadDefaultDays: number
}

export const SIGNAL_CONFIG: SignalConfig = {
  textExponent: 1,
  sameStrandCredit: 0.25,
  impliedAreaCredit: 0.4,
  areaCoverageExponent: 2,
  areaFocusShare: 0.3,
  unspecifiedSubjectCredit: 0.5,
  unspecifiedCredit: 0.6,
  halfDistanceKm: 15,
  sameClusterShare: 0.4,
  trackPriorImpact: 3.5,
  trackPriorWeight: 2,
  trackSameStrandWeight: 0.5,
  partialAvailabilityCeiling: 0.7,
  expertHalfLoadDays: 5,
  schoolHalfLoadDefaultDays: 15,
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x)


export function strandOf(area: string, strands: Readonly<Record<string, string>>): string {
  return strands[area] ?? area
}

/** 1 for the same area, partial for the same strand (or a strand named for its own area). */
export function areaAffinity(
  a: string,
  b: string,
  strands: Readonly<Record<string, string>>,
  config: SignalConfig = SIGNAL_CONFIG,
): number {
  if (a === b) return 1
  const strandA = strandOf(a, strands)
  const strandB = strandOf(b, strands)
  if (strandA === strandB) return config.sameStrandCredit
  return 0
}

/** The best affinity of `wanted` to any of `offered`; 0 when nothing is offered. */
function bestAffinity<T>(wanted: T, offered: readonly T[], affinity: (a: T, b: T) => number): number {
  let best = 0
  for (const other of offered) {
    const a = affinity(wanted, other)
    if (a > best) best = a
  }
  return best
}

/** The mean over what was asked for of its best affinity to what is offered. */
function meanBestAffinity<T>(asked: readonly T[], offered: readonly T[], affinity: (a: T, b: T) => number): number {
  let sum = 0
  for (const wanted of asked) sum += bestAffinity(wanted, offered, affinity)
  return sum / asked.length
}

/**
 * How well the entry's areas cover the request's. Mostly coverage of what the head asked for,
 * partly focus: an entry tagged with many other areas is less likely to be about this one.
 */
export function areaFit(
  requestAreas: readonly string[],
  entryAreas: readonly string[],
  strands: Readonly<Record<string, string>>,
  config: SignalConfig = SIGNAL_CONFIG,
  impliedAreas: readonly string[] = [],
): number {
  if (requestAreas.length === 0) return 1
  if (entryAreas.length === 0 && impliedAreas.length === 0) return 0
  const affinity = (a: string, b: string) => areaAffinity(a, b, strands, config)
  let coverage = 0
  for (const area of requestAreas) {
    const tagged = bestAffinity(area, entryAreas, affinity)
    const implied = config.impliedAreaCredit * bestAffinity(area, impliedAreas, affinity)
    coverage += tagged > implied ? tagged : implied
  }
  coverage = (coverage / requestAreas.length) ** config.areaCoverageExponent
  let focus = 0
  for (const area of entryAreas) focus += bestAffinity(area, requestAreas, affinity)
  focus = entryAreas.length === 0 ? 0 : focus / entryAreas.length
  return clamp01((1 - config.areaFocusShare) * coverage + config.areaFocusShare * focus)
}

const SUBJECT_ALIASES: Readonly<Record<string, string>> = {
  maths: 'mathematics',
  math: 'mathematics',
  numeracy: 'mathematics',
  literacy: 'english',
  'english-language': 'english',
  'english-literature': 'english',
  'physical-education': 'pe',
  'religious-education': 're',
  rs: 're',
  'religious-studies': 're',
  ict: 'computing',
  'computer-science': 'computing',
  dt: 'design-technology',
  'design-and-technology': 'design-technology',
  mfl: 'languages',
  'modern-foreign-languages': 'languages',
  biology: 'science',
  chemistry: 'science',
  physics: 'science',
  rse: 'pshe',
}

/** Subjects nested in a broader one ("biology" in "science") count, a little less than an exact match. */
const SUBJECT_FAMILY_CREDIT = 0.8
const SUBJECT_WORD_CREDIT = 0.6

const canonicalSubjects = new Map<string, string>()

function canonicalSubject(subject: string): string {
  let canonical = canonicalSubjects.get(subject)
  if (canonical === undefined) {
    const s = subject.trim().toLowerCase()
    canonical = SUBJECT_ALIASES[s] ?? s
    if (canonicalSubjects.size < 10_000) canonicalSubjects.set(subject, canonical)
  }
  return canonical
}

export function subjectAffinity(a: string, b: string): number {
  if (a === b || a.trim().toLowerCase() === b.trim().toLowerCase()) return 1
  const ca = canonicalSubject(a)
  const cb = canonicalSubject(b)
  if (ca === cb) return SUBJECT_FAMILY_CREDIT
  const wordsA = ca.split('-').filter((w) => w.length > 3)
  const shared = cb.split('-').some((w) => wordsA.includes(w))
  return shared ? SUBJECT_WORD_CREDIT : 0
}

export function subjectFit(
  requestSubjects: readonly string[],
  entrySubjects: readonly string[],
  config: SignalConfig = SIGNAL_CONFIG,
): number {
  if (requestSubjects.length === 0) return 1
  if (entrySubjects.length === 0) return config.unspecifiedSubjectCredit
  return meanBestAffinity(requestSubjects, entrySubjects, subjectAffinity)
}

/**
 * Adjacent phases carry part of the insight: a nursery practitioner knows Reception, an all-through
 * school knows both sides of Year 6/7, a sixth-form teacher knows GCSE resits.
 */
const PHASE_ADJACENCY: readonly (readonly [Phase, Phase, number])[] = [
  ['nursery', 'primary', 0.5],
  ['primary', 'all_through', 0.6],
  ['secondary', 'all_through', 0.6],
  ['secondary', 'post16', 0.5],
  ['all_through', 'post16', 0.3],
  ['secondary', 'alternative_provision', 0.4],
  ['special', 'primary', 0.35],
  ['special', 'secondary', 0.35],
  ['special', 'alternative_provision', 0.5],
  ['special', 'all_through', 0.3],
  ['special', 'nursery', 0.2],
  ['primary', 'secondary', 0.45],
  ['nursery', 'all_through', 0.2],
  ['primary', 'alternative_provision', 0.15],
]

function symmetricTable<K extends string>(pairs: readonly (readonly [K, K, number])[]): Map<K, Map<K, number>> {
  const table = new Map<K, Map<K, number>>()
  const put = (a: K, b: K, v: number) => {
    const row = table.get(a) ?? new Map<K, number>()
    row.set(b, v)
    table.set(a, row)
  }
  for (const [a, b, v] of pairs) {
    put(a, b, v)
    put(b, a, v)
  }
  return table
}

/** Affinity by a table of adjacent pairs: 1 for the same value, the pair's figure (either way round), else 0. */
function affinityFrom<K extends string>(pairs: readonly (readonly [K, K, number])[]): (a: K, b: K) => number {
  const table = symmetricTable(pairs)
  return (a, b) => (a === b ? 1 : (table.get(a)?.get(b) ?? 0))
}

export const phaseAffinity = affinityFrom(PHASE_ADJACENCY)

/** Mostly the best single phase match (a request for nursery and primary is met by a nursery expert). */
export function phaseFit(
  requestPhases: readonly Phase[],
  entryPhases: readonly Phase[],
  config: SignalConfig = SIGNAL_CONFIG,
): number {
  if (requestPhases.length === 0) return 1
  if (entryPhases.length === 0) return config.unspecifiedCredit
  let best = 0
  let sum = 0
  for (const r of requestPhases) {
    const bestForPhase = bestAffinity(r, entryPhases, phaseAffinity)
    sum += bestForPhase
    if (bestForPhase > best) best = bestForPhase
  }
  return 0.75 * best + 0.25 * (sum / requestPhases.length)
}

/** Outside views are alike; hands-on kinds of help are alike. */
const MODE_ADJACENCY: readonly (readonly [Mode, Mode, number])[] = [
  ['fresh_eyes', 'feedback', 0.5],
  ['implementation', 'coaching', 0.5],
  ['implementation', 'joint_practice', 0.5],
  ['coaching', 'joint_practice', 0.5],
  ['fresh_eyes', 'implementation', 0.2],
  ['fresh_eyes', 'joint_practice', 0.2],
  ['fresh_eyes', 'coaching', 0.2],
]

export const modeAffinity = affinityFrom(MODE_ADJACENCY)

export function modeFit(
  requestModes: readonly Mode[],
  entryModes: readonly Mode[],
  config: SignalConfig = SIGNAL_CONFIG,
): number {
  if (requestModes.length === 0) return 1
  if (entryModes.length === 0) return config.unspecifiedCredit
  return meanBestAffinity(requestModes, entryModes, modeAffinity)
}

/** BM25 relative to the best-scoring entry for the same request. */
export function textFit(bm25: number, bestBm25: number, config: SignalConfig = SIGNAL_CONFIG): number {
  if (bestBm25 <= 0) return 0
  return clamp01(bm25 / bestBm25) ** config.textExponent
}

const EARTH_RADIUS_KM = 6371.0088

export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Unknown distance scores as middling, so missing coordinates neither help nor sink an expert. */
export function proximityFit(km: number | null, sameCluster: boolean, config: SignalConfig = SIGNAL_CONFIG): number {
  const distance = km === null ? 0.5 : 1 / (1 + km / config.halfDistanceKm)
  return clamp01((1 - config.sameClusterShare) * distance + config.sameClusterShare * (sameCluster ? 1 : 0))
}

export interface RatedEngagement {
  impact: number
  /** 1 for the same area, less for a neighbouring one. */
  weight: number
  /** The area of the engagement's request the rating was counted through, and the asked areas it answers. */
  area?: string
  asked?: readonly string[]
}

/** How many of the ratings counted were earned in one area (asked for, or related to `asked`). */
export interface EarnedArea {
  area: string
  asked: readonly string[]
  count: number
}

export interface TrackRecord {
  /** Shrunk mean impact, 1–5. */
  shrunkImpact: number
  /** Plain mean impact of the engagements counted, null when there are none. */
  meanImpact: number | null
  count: number
  /** Where the ratings were earned: asked-for areas first, then by count and name. */
  earnedIn: readonly EarnedArea[]
}

function earnedAreas(rated: readonly RatedEngagement[]): EarnedArea[] {
  const byArea = new Map<string, { area: string; asked: Set<string>; count: number }>()
  for (const { area, asked } of rated) {
    if (area === undefined) continue
    const group = byArea.get(area) ?? byArea.set(area, { area, asked: new Set(), count: 0 }).get(area)!
    group.count += 1
    for (const a of asked ?? []) group.asked.add(a)
  }
  const exact = (g: { area: string; asked: Set<string> }) => (g.asked.has(g.area) ? 0 : 1)
  return [...byArea.values()]
    .sort((a, b) => exact(a) - exact(b) || b.count - a.count || a.area.localeCompare(b.area))
    .map((g) => ({ area: g.area, asked: [...g.asked].sort(), count: g.count }))
}

/**
 * Bayesian shrinkage toward a prior: one glowing engagement is weak evidence, five are strong.
 * With no record at all the expert sits at the prior, neither rewarded nor punished.
 */
export function trackRecord(rated: readonly RatedEngagement[], config: SignalConfig = SIGNAL_CONFIG): TrackRecord {
  let weightSum = 0
  let impactSum = 0
  let plainSum = 0
  for (const { impact, weight } of rated) {
    weightSum += weight
    impactSum += weight * impact
    plainSum += impact
  }
  const shrunkImpact =
    (config.trackPriorImpact * config.trackPriorWeight + impactSum) / (config.trackPriorWeight + weightSum)
  return {
    shrunkImpact,
    meanImpact: rated.length === 0 ? null : plainSum / rated.length,
    count: rated.length,
    earnedIn: earnedAreas(rated),
  }
}

export function trackRecordFit(record: TrackRecord): number {
  return clamp01((record.shrunkImpact - 1) / 4)
}

/** Enough free days scores 1; fewer than asked (but some) scores lower, an offer may propose fewer days. */
export function availabilityFit(freeDays: number, daysPerExpert: number, config: SignalConfig = SIGNAL_CONFIG): number {
  if (freeDays <= 0) return 0
  if (freeDays >= daysPerExpert) return 1
  return clamp01(config.partialAvailabilityCeiling * (freeDays / Math.max(daysPerExpert, 1)))
}

/** An expert or a school already giving a lot this term ranks lower, so no school is drained. */
export function loadBalanceFit(
  expertDaysThisTerm: number,
  schoolDaysThisTerm: number,
  schoolReleaseDaysPerTerm: number | undefined,
  config: SignalConfig = SIGNAL_CONFIG,
): number {
  const expert = 1 / (1 + Math.max(0, expertDaysThisTerm) / config.expertHalfLoadDays)
  const schoolScale =
    schoolReleaseDaysPerTerm !== undefined && schoolReleaseDaysPerTerm > 0
      ? schoolReleaseDaysPerTerm
      : config.schoolHalfLoadDefaultDays
  const school = 1 / (1 + Math.max(0, schoolDaysThisTerm) / schoolScale)
  return clamp01(0.5 * expert + 0.5 * school)
}
