// What ranking needs to know about a trust's expertise, prepared once per trust and reused for every
// request: the text index, and each entry's areas, subjects, phases and modes encoded as small
// integers so that scoring ten thousand candidates is a loop over typed arrays.
// Rebuild it whenever an entry's text or tags change; availability and flags are always read live.
import { buildTextIndex, impliedAreasOf, TEXT_CONFIG, type TextConfig, type TextIndex } from '../text/text.ts'
import { MODES, PHASES, type CandidateExpertise, type Id, type Mode, type Phase } from '../types.ts'

/** Compressed rows: the values of row p are values[start[p] .. start[p + 1]). */
export interface Rows {
  start: Int32Array
  values: Int32Array
}

export interface EntryFeatures {
  size: number
  ids: readonly Id[]
  /** Slugs and subjects by their small-integer code. */
  areaSlugs: readonly string[]
  subjectNames: readonly string[]
  areas: Rows
  impliedAreas: Rows
  subjects: Rows
  /** Bit i set when the entry names PHASES[i] (MODES[i]). */
  phaseMask: Uint8Array
  modeMask: Uint8Array
  /** Small-integer codes of each entry's person and school, for per-request memo tables. */
  person: Int32Array
  school: Int32Array
  personIds: readonly Id[]
  schoolIds: readonly Id[]
}

export interface MatchIndex {
  text: TextIndex
  features: EntryFeatures
}

const PHASE_BIT = new Map<Phase, number>(PHASES.map((p, i) => [p, 1 << i]))
const MODE_BIT = new Map<Mode, number>(MODES.map((m, i) => [m, 1 << i]))

export function phaseMaskOf(phases: readonly Phase[]): number {
  let mask = 0
  for (const p of phases) mask |= PHASE_BIT.get(p) ?? 0
  return mask
}

export function modeMaskOf(modes: readonly Mode[]): number {
  let mask = 0
  for (const m of modes) mask |= MODE_BIT.get(m) ?? 0
  return mask
}

export function phasesOfMask(mask: number): Phase[] {
  return PHASES.filter((_, i) => (mask & (1 << i)) !== 0)
}

export function modesOfMask(mask: number): Mode[] {
  return MODES.filter((_, i) => (mask & (1 << i)) !== 0)
}

function encodeRows(lists: readonly (readonly string[])[], codes: Map<string, number>, names: string[]): Rows {
  const start = new Int32Array(lists.length + 1)
  const values: number[] = []
  lists.forEach((list, p) => {
    for (const item of list) {
      let code = codes.get(item)
      if (code === undefined) {
        code = names.length
        codes.set(item, code)
        names.push(item)
      }
      values.push(code)
    }
    start[p + 1] = values.length
  })
  return { start, values: Int32Array.from(values) }
}

function encodeIds(ids: readonly Id[]): { codes: Int32Array; distinct: Id[] } {
  const seen = new Map<Id, number>()
  const distinct: Id[] = []
  const codes = Int32Array.from(
    ids.map((id) => {
      let code = seen.get(id)
      if (code === undefined) {
        code = distinct.length
        seen.set(id, code)
        distinct.push(id)
      }
      return code
    }),
  )
  return { codes, distinct }
}

export function buildEntryFeatures(entries: readonly CandidateExpertise[], text: TextIndex): EntryFeatures {
  const people = encodeIds(entries.map((e) => e.personId))
  const schools = encodeIds(entries.map((e) => e.schoolId))
  const areaCodes = new Map<string, number>()
  const areaSlugs: string[] = []
  const subjectCodes = new Map<string, number>()
  const subjectNames: string[] = []
  return {
    size: entries.length,
    ids: entries.map((e) => e.id),
    areaSlugs,
    subjectNames,
    areas: encodeRows(
      entries.map((e) => e.areas),
      areaCodes,
      areaSlugs,
    ),
    impliedAreas: encodeRows(
      entries.map((e, p) => text.impliedAreas[p] ?? impliedAreasOf(e)),
      areaCodes,
      areaSlugs,
    ),
    subjects: encodeRows(
      entries.map((e) => e.subjects),
      subjectCodes,
      subjectNames,
    ),
    phaseMask: Uint8Array.from(entries.map((e) => phaseMaskOf(e.phases))),
    modeMask: Uint8Array.from(entries.map((e) => modeMaskOf(e.modes))),
    person: people.codes,
    school: schools.codes,
    personIds: people.distinct,
    schoolIds: schools.distinct,
  }
}

/**
 * Build once per trust (and again when expertise is added or edited), then pass to every ranking.
 * Entries are indexed in id order, so the index (and every score) is the same whatever order the
 * rows arrive in; ranking is fastest when the candidates are passed in id order too.
 */
export function buildMatchIndex(entries: readonly CandidateExpertise[], config: TextConfig = TEXT_CONFIG): MatchIndex {
  const ordered = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const text = buildTextIndex(ordered, config)
  return { text, features: buildEntryFeatures(ordered, text) }
}

/** Everything about an entry that buildMatchIndex reads: when these are unchanged, so is the index. */
function indexedFields(e: CandidateExpertise): string {
  return JSON.stringify([e.id, e.personId, e.schoolId, e.title, e.summary, e.evidence, e.casework ?? '', e.areas, e.subjects, e.phases, e.modes])
}

/**
 * The previous index when the entries it was built from read the same (a write moved availability,
 * commitments or flags, which ranking reads live), otherwise a new one. Saves the build, most of a
 * large trust's rebuild, after the commonest writes: an offer accepted, someone paused.
 */
export function reuseOrBuildMatchIndex(
  entries: readonly CandidateExpertise[],
  previous: { entries: readonly CandidateExpertise[]; index: MatchIndex } | undefined,
): MatchIndex {
  if (previous && previous.entries.length === entries.length && entries.every((e, i) => indexedFields(e) === indexedFields(previous.entries[i]!))) {
    return previous.index
  }
  return buildMatchIndex(entries)
}
