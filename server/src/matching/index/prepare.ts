import { conflictingEngagement, indexHistory, ratedEngagementsInAreas, type HistoryIndex } from '../score/history.ts'
import { freeDays } from '../score/rules.ts'
import {
  areaAffinity,
  areaFit,
  availabilityFit,
  haversineKm,
  loadBalanceFit,
  modeFit,
  phaseFit,
  proximityFit,
  SIGNAL_CONFIG,
  subjectAffinity,
  subjectFit,
  textFit,
  trackRecord,
  trackRecordFit,
  type SignalConfig,
  type TrackRecord,
} from '../score/signals.ts'
import { termOf } from '../../lib/terms.ts'
import { modesOfMask, phasesOfMask, type EntryFeatures, type MatchIndex } from './match-index.ts'
import { buildRequestQuery, impliedAreasOf, scoreQuery, scoreUnindexed, type TextQuery } from '../text/text.ts'
import { MODES, PHASES, type CandidateExpertise, type Id, type MatchContext, type MatchRequest, type Signals, type TermRef } from '../types.ts'

const termRef = ({ label, start, end }: TermRef): TermRef => ({ label, start, end })

/** The term whose free days an entry's availability counts: its binding term, else the window's. */
export function windowTermOf(prepared: Pick<PreparedRequest, 'term'>, entry: Pick<CandidateExpertise, 'windowTerm'>): TermRef {
  return entry.windowTerm ?? prepared.term
}

/** Per-request lookup tables over the index's codes, so each candidate costs a few array reads. */
interface FeatureTables {
  /** areaAffinity[code * requestAreas + j]: affinity of area `code` to the request's j-th area. */
  areaAffinity: Float64Array
  /** Best affinity of area `code` to any of the request's areas (the focus part of area fit). */
  areaFocus: Float64Array
  /** subjectAffinity[code * requestSubjects + j] */
  subjectAffinity: Float64Array
  /** Fit by phase (mode) bit mask, NaN until first needed. */
  phaseFit: Float64Array
  modeFit: Float64Array
  /** By person (school) code of the index, NaN until first needed. */
  trackFit: Float64Array
  proximity: Float64Array
}

/** Everything about one request that does not depend on the candidate, computed once per ranking. */
export interface PreparedRequest {
  request: MatchRequest
  context: MatchContext
  index: MatchIndex
  tables: FeatureTables
  query: TextQuery
  /** BM25 of the query for every indexed entry, by index position. */
  indexedText: Float64Array
  /** Best BM25 over the index: text relevance is relative to it. */
  bestText: number
  history: HistoryIndex
  /** Feedback requests with any history: only then can the conflict-of-interest rule bite. */
  checksConflicts: boolean
  /** The term of the request's window: named in reasons; load is counted in it. */
  term: TermRef
  signalConfig: SignalConfig
  /** The track record of an expert with no engagements: the prior. */
  noTrack: TrackRecord
  trackByPerson: Map<Id, TrackRecord>
  proximityBySchool: Map<Id, number>
}

function featureTables(request: MatchRequest, context: MatchContext, features: EntryFeatures, config: SignalConfig): FeatureTables {
  const areas = request.areas.length
  const areaTable = new Float64Array(features.areaSlugs.length * areas)
  const areaFocus = new Float64Array(features.areaSlugs.length)
  features.areaSlugs.forEach((slug, code) => {
    request.areas.forEach((area, j) => {
      const a = areaAffinity(area, slug, context.areaStrands, config)
      areaTable[code * areas + j] = a
      if (a > (areaFocus[code] ?? 0)) areaFocus[code] = a
    })
  })
  const subjects = request.subjects.length
  const subjectTable = new Float64Array(features.subjectNames.length * subjects)
  features.subjectNames.forEach((name, code) => {
    request.subjects.forEach((subject, j) => {
      subjectTable[code * subjects + j] = subjectAffinity(subject, name)
    })
  })
  return {
    areaAffinity: areaTable,
    areaFocus,
    subjectAffinity: subjectTable,
    phaseFit: new Float64Array(1 << PHASES.length).fill(Number.NaN),
    modeFit: new Float64Array(1 << MODES.length).fill(Number.NaN),
    trackFit: new Float64Array(features.personIds.length).fill(Number.NaN),
    proximity: new Float64Array(features.schoolIds.length).fill(Number.NaN),
  }
}

export function prepareRequest(
  request: MatchRequest,
  context: MatchContext,
  index: MatchIndex,
  signalConfig: SignalConfig = SIGNAL_CONFIG,
): PreparedRequest {
  const history = indexHistory(context.history)
  const query = buildRequestQuery(request, index.text.config)
  const indexedText = scoreQuery(index.text, query)
  let bestText = 0
  for (const s of indexedText) if (s > bestText) bestText = s
  return {
    request,
    context,
    index,
    tables: featureTables(request, context, index.features, signalConfig),
    query,
    indexedText,
    bestText,
    history,
    checksConflicts: request.modes.includes('feedback') && history.byPerson.size > 0,
    term: context.term ?? termRef(termOf(request.window.start)),
    signalConfig,
    noTrack: trackRecord([], signalConfig),
    trackByPerson: new Map(),
    proximityBySchool: new Map(),
  }
}

/**
 * The entry's position in the prebuilt index, -1 when it is not indexed (new since the index was
 * built). `hint` is the entry's place in the caller's list, right when the list built the index.
 */
export function indexPosition(prepared: PreparedRequest, entry: CandidateExpertise, hint = -1): number {
  const { ids } = prepared.index.features
  if (hint >= 0 && ids[hint] === entry.id) return hint
  return prepared.index.text.positionOf.get(entry.id) ?? -1
}

/** Raw BM25 of one entry; entries missing from a prebuilt index are scored against its statistics. */
export function rawTextScore(prepared: PreparedRequest, entry: CandidateExpertise, position = indexPosition(prepared, entry)): number {
  if (position >= 0) return prepared.indexedText[position] ?? 0
  return scoreUnindexed(prepared.index.text, prepared.query, entry)
}

export function impliedAreas(
  prepared: PreparedRequest,
  entry: CandidateExpertise,
  position = indexPosition(prepared, entry),
): readonly string[] {
  return position >= 0 ? (prepared.index.text.impliedAreas[position] ?? []) : impliedAreasOf(entry)
}

export interface MatchDetails {
  km: number | null
  sameCluster: boolean
  track: TrackRecord
  freeDays: number
  expertDaysThisTerm: number
  schoolDaysThisTerm: number
}

function distanceKm(request: MatchRequest, school: CandidateExpertise['school']): number | null {
  const { lat, lng } = school
  return request.location !== null && lat !== null && lng !== null ? haversineKm(request.location, { lat, lng }) : null
}

/** Track record of one expert in the request's areas; memoised per request, an expert may hold several entries. */
function trackOf(prepared: PreparedRequest, personId: Id): TrackRecord {
  const { byPerson } = prepared.history
  if (byPerson.size === 0 || !byPerson.has(personId)) return prepared.noTrack
  const cached = prepared.trackByPerson.get(personId)
  if (cached !== undefined) return cached
  const rated = ratedEngagementsInAreas(
    personId,
    prepared.request.areas,
    prepared.context.areaStrands,
    prepared.history,
    prepared.signalConfig,
  )
  const track = trackRecord(rated, prepared.signalConfig)
  prepared.trackByPerson.set(personId, track)
  return track
}

/** Proximity of one school; memoised per request, many entries share a school. */
function proximityOf(prepared: PreparedRequest, entry: CandidateExpertise): number {
  const cached = prepared.proximityBySchool.get(entry.schoolId)
  if (cached !== undefined) return cached
  const sameCluster = prepared.request.clusterId !== null && entry.school.clusterId === prepared.request.clusterId
  const value = proximityFit(distanceKm(prepared.request, entry.school), sameCluster, prepared.signalConfig)
  prepared.proximityBySchool.set(entry.schoolId, value)
  return value
}

export function matchDetails(prepared: PreparedRequest, entry: CandidateExpertise): MatchDetails {
  const { request, context } = prepared
  return {
    km: distanceKm(request, entry.school),
    sameCluster: request.clusterId !== null && entry.school.clusterId === request.clusterId,
    track: trackOf(prepared, entry.personId),
    freeDays: freeDays(entry),
    expertDaysThisTerm: context.load.expertDaysThisTerm.get(entry.personId) ?? 0,
    schoolDaysThisTerm: context.load.schoolDaysThisTerm.get(entry.schoolId) ?? 0,
  }
}

/**
 * The best affinity to the request's j-th value over the codes values[from .. to) of a row, read from
 * a table laid out as table[code * count + j] (count: how many values the request has).
 */
function bestInRow(table: Float64Array, values: Int32Array, from: number, to: number, count: number, j: number): number {
  let best = 0
  for (let k = from; k < to; k++) {
    const a = table[(values[k] ?? 0) * count + j] ?? 0
    if (a > best) best = a
  }
  return best
}

function areaFitAt(prepared: PreparedRequest, position: number): number {
  const { request, signalConfig: config, tables } = prepared
  const { areas, impliedAreas: implied } = prepared.index.features
  const count = request.areas.length
  if (count === 0) return 1
  const from = areas.start[position] ?? 0
  const to = areas.start[position + 1] ?? 0
  const impliedFrom = implied.start[position] ?? 0
  const impliedTo = implied.start[position + 1] ?? 0
  if (from === to && impliedFrom === impliedTo) return 0
  let coverage = 0
  for (let j = 0; j < count; j++) {
    const tagged = bestInRow(tables.areaAffinity, areas.values, from, to, count, j)
    const credited = config.impliedAreaCredit * bestInRow(tables.areaAffinity, implied.values, impliedFrom, impliedTo, count, j)
    coverage += tagged > credited ? tagged : credited
  }
  coverage = (coverage / count) ** config.areaCoverageExponent
  let focus = 0
  for (let k = from; k < to; k++) focus += tables.areaFocus[areas.values[k] ?? 0] ?? 0
  focus = from === to ? 0 : focus / (to - from)
  const value = (1 - config.areaFocusShare) * coverage + config.areaFocusShare * focus
  return value < 0 ? 0 : value > 1 ? 1 : value
}

function subjectFitAt(prepared: PreparedRequest, position: number): number {
  const { request, signalConfig: config, tables } = prepared
  const { subjects } = prepared.index.features
  const count = request.subjects.length
  if (count === 0) return 1
  const from = subjects.start[position] ?? 0
  const to = subjects.start[position + 1] ?? 0
  if (from === to) return config.unspecifiedSubjectCredit
  let sum = 0
  for (let j = 0; j < count; j++) sum += bestInRow(tables.subjectAffinity, subjects.values, from, to, count, j)
  return sum / count
}

/**
 * The cell of a per-request table for one code of the index (a phase or mode mask, a person, a school):
 * NaN until first needed, then what `compute` gave. `compute` is a plain function, not a closure, so
 * looking a candidate up allocates nothing.
 */
function tableCell(
  table: Float64Array,
  code: number,
  prepared: PreparedRequest,
  entry: CandidateExpertise,
  compute: (prepared: PreparedRequest, entry: CandidateExpertise, code: number) => number,
): number {
  let value = table[code] ?? Number.NaN
  if (Number.isNaN(value)) {
    value = compute(prepared, entry, code)
    table[code] = value
  }
  return value
}

function phaseFitOfMask(prepared: PreparedRequest, _entry: CandidateExpertise, mask: number): number {
  return phaseFit(prepared.request.phases, phasesOfMask(mask), prepared.signalConfig)
}

function modeFitOfMask(prepared: PreparedRequest, _entry: CandidateExpertise, mask: number): number {
  return modeFit(prepared.request.modes, modesOfMask(mask), prepared.signalConfig)
}

function trackFitOf(prepared: PreparedRequest, entry: CandidateExpertise): number {
  return trackRecordFit(trackOf(prepared, entry.personId))
}

/**
 * The hard rules of rules.ts (isEligible), with what depends only on the request worked out once:
 * this runs for every candidate.
 */
export function passesHardRules(prepared: PreparedRequest, entry: CandidateExpertise): boolean {
  const { request } = prepared
  if (
    entry.trustId !== request.trustId ||
    !entry.active ||
    !entry.personActive ||
    entry.personPaused ||
    entry.schoolId === request.schoolId ||
    entry.capacityDaysPerTerm - entry.committedDaysInWindowTerm <= 0
  ) {
    return false
  }
  return !prepared.checksConflicts || conflictingEngagement(request, entry.personId, prepared.history) === undefined
}

export function emptySignals(): Signals {
  return { area: 0, subject: 0, phase: 0, mode: 0, text: 0, proximity: 0, trackRecord: 0, availability: 0, loadBalance: 0 }
}

/**
 * Every signal of one entry for the prepared request, written into `into` so that ranking ten
 * thousand candidates allocates nothing per candidate.
 */
export function signalsFor(
  prepared: PreparedRequest,
  entry: CandidateExpertise,
  rawText: number,
  bestText: number,
  into: Signals = emptySignals(),
  position = indexPosition(prepared, entry),
): Signals {
  const { request, context, signalConfig: config } = prepared
  if (position >= 0) {
    into.area = areaFitAt(prepared, position)
    into.subject = subjectFitAt(prepared, position)
    const { tables } = prepared
    const features = prepared.index.features
    into.phase = tableCell(tables.phaseFit, features.phaseMask[position] ?? 0, prepared, entry, phaseFitOfMask)
    into.mode = tableCell(tables.modeFit, features.modeMask[position] ?? 0, prepared, entry, modeFitOfMask)
    into.proximity = tableCell(tables.proximity, features.school[position] ?? 0, prepared, entry, proximityOf)
    into.trackRecord = tableCell(tables.trackFit, features.person[position] ?? 0, prepared, entry, trackFitOf)
  } else {
    into.area = areaFit(request.areas, entry.areas, context.areaStrands, config, impliedAreas(prepared, entry, position))
    into.subject = subjectFit(request.subjects, entry.subjects, config)
    into.phase = phaseFit(request.phases, entry.phases, config)
    into.mode = modeFit(request.modes, entry.modes, config)
    into.proximity = proximityOf(prepared, entry)
    into.trackRecord = trackFitOf(prepared, entry)
  }
  into.text = textFit(rawText, bestText, config)
  into.availability = availabilityFit(freeDays(entry), request.daysPerExpert, config)
  const { expertDaysThisTerm, schoolDaysThisTerm } = context.load
  const expertDays = expertDaysThisTerm.size === 0 ? 0 : (expertDaysThisTerm.get(entry.personId) ?? 0)
  const schoolDays = schoolDaysThisTerm.size === 0 ? 0 : (schoolDaysThisTerm.get(entry.schoolId) ?? 0)
  into.loadBalance =
    expertDays === 0 && schoolDays === 0 ? 1 : loadBalanceFit(expertDays, schoolDays, entry.school.releaseDaysPerTerm, config)
  return into
}
