import { COMPILED_THESAURUS, countTriggers, type CompiledEntry } from './thesaurus.ts'
import { isScoredTerm, tokenizeClauses, writtenClauses, type Token } from './tokenize.ts'
import type { Id, MatchRequest } from '../types.ts'

export interface TextDocumentSource {
  id: Id
  title: string
  summary: string
  evidence: string
  /** The trust's memory: what past requests this entry served well were about (see CandidateExpertise). */
  casework?: string
}

export interface TextConfig {
  k1: number
  b: number
  /** BM25F-style field weights on the expertise side: a title word says more than an evidence figure. */
  documentFields: { title: number; summary: number; evidence: number; casework: number }
  /** Request fields: "what we tried" describes what did not work, so it counts little. */
  queryFields: { title: number; problem: number; outcome: number; tried: number }
  /** Adjacent word pairs ("persistent absence") score on top of single words. */
  bigramWeight: number
  /** Weight of thesaurus words relative to the request's own words. */
  expansionWeight: number
  /**
   * Weight of concept terms: each thesaurus entry is also one term, present in a request or an entry
   * whenever one of its phrases is, so paraphrases on both sides meet.
   */
  conceptWeight: number
  /** Saturation of repeated query words, as BM25's k3. */
  queryK3: number
}

export const TEXT_CONFIG: TextConfig = {
  k1: 1.2,
  b: 0.75,
  documentFields: { title: 2.5, summary: 1, evidence: 0.6, casework: 0.8 },
  queryFields: { title: 2, problem: 1, outcome: 1, tried: 0.3 },
  bigramWeight: 0.6,
  expansionWeight: 0.4,
  conceptWeight: 1,
  queryK3: 2,
}

interface Posting {
  docs: Int32Array
  /** idf × saturated term frequency, precomputed per document. */
  contributions: Float64Array
}

export interface TextIndex {
  size: number
  ids: readonly Id[]
  positionOf: ReadonlyMap<Id, number>
  averageLength: number
  documentFrequency: ReadonlyMap<string, number>
  postings: ReadonlyMap<string, Posting>
  /** Areas each entry's title and summary speak of (see ThesaurusEntry.areas), by position. */
  impliedAreas: readonly (readonly string[])[]
  config: TextConfig
}

/** Weighted query terms; bigram keys are "stem1 stem2". */
export type TextQuery = ReadonlyMap<string, number>

interface WeightedTerms {
  frequencies: Map<string, number>
  length: number
  /** Framework areas implied by concepts of the title and summary (see ThesaurusEntry.areas). */
  impliedAreas: string[]
}

function addTerm(map: Map<string, number>, term: string, weight: number): void {
  map.set(term, (map.get(term) ?? 0) + weight)
}

function scoredTermsOf(clause: readonly Token[]): string[] {
  return clause.map((t) => t.term).filter(isScoredTerm)
}

export const CONCEPT_PREFIX = '#'

/** Terms of one field: words, adjacent pairs, and concepts (thesaurus entries its phrases trigger). */
function fieldTerms(
  text: string,
  weight: number,
  config: TextConfig,
  thesaurus: readonly CompiledEntry[],
): { terms: Map<string, number>; length: number; concepts: Map<number, number> } {
  const terms = new Map<string, number>()
  let length = 0
  const stream: string[] = []
  for (const clause of tokenizeClauses(text)) {
    const scored = scoredTermsOf(clause)
    for (const term of scored) addTerm(terms, term, weight)
    for (let i = 0; i + 1 < scored.length; i++) addTerm(terms, `${scored[i]} ${scored[i + 1]}`, weight * config.bigramWeight)
    length += scored.length * weight
    stream.push(...clause.map((t) => t.term), '|')
  }
  const concepts = countTriggers(stream, thesaurus)
  for (const [entry, count] of concepts) addTerm(terms, `${CONCEPT_PREFIX}${entry}`, weight * config.conceptWeight * Math.min(count, 2))
  return { terms, length, concepts }
}

export function documentTerms(
  doc: TextDocumentSource,
  config: TextConfig = TEXT_CONFIG,
  thesaurus: readonly CompiledEntry[] = COMPILED_THESAURUS,
): WeightedTerms {
  const out: WeightedTerms = { frequencies: new Map(), length: 0, impliedAreas: [] }
  const implied = new Set<string>()
  // Casework does not lengthen the entry: an expert with a long record is not diluted for it.
  const fields: [text: string, weight: number, lengthens: boolean, impliesAreas: boolean][] = [
    [doc.title, config.documentFields.title, true, true],
    [doc.summary, config.documentFields.summary, true, true],
    [doc.evidence, config.documentFields.evidence, true, false],
    [doc.casework ?? '', config.documentFields.casework, false, false],
  ]
  for (const [text, weight, lengthens, impliesAreas] of fields) {
    if (weight <= 0 && !impliesAreas) continue
    const field = fieldTerms(text, Math.max(weight, 0), config, thesaurus)
    if (weight > 0) for (const [term, tf] of field.terms) addTerm(out.frequencies, term, tf)
    if (lengthens) out.length += field.length
    if (impliesAreas) {
      for (const entryIndex of field.concepts.keys()) for (const area of thesaurus[entryIndex]?.areas ?? []) implied.add(area)
    }
  }
  out.impliedAreas = [...implied].sort()
  return out
}

function inverseDocumentFrequency(size: number, df: number): number {
  return Math.log(1 + (size - df + 0.5) / (df + 0.5))
}

function saturatedFrequency(tf: number, length: number, averageLength: number, config: TextConfig): number {
  const norm = config.k1 * (1 - config.b + (config.b * length) / Math.max(averageLength, 1e-9))
  return (tf * (config.k1 + 1)) / (tf + norm)
}

/**
 * Tokenises and stems every entry once. Build it once per trust (and again when expertise changes),
 * then reuse it for every request: ranking only walks the postings of the query's terms.
 */
export function buildTextIndex(docs: readonly TextDocumentSource[], config: TextConfig = TEXT_CONFIG): TextIndex {
  const perDoc = docs.map((doc) => documentTerms(doc, config, COMPILED_THESAURUS))
  const documentFrequency = new Map<string, number>()
  const postingLists = new Map<string, { docs: number[]; tfs: number[] }>()
  perDoc.forEach((terms, position) => {
    for (const [term, tf] of terms.frequencies) {
      addTerm(documentFrequency, term, 1)
      let list = postingLists.get(term)
      if (list === undefined) {
        list = { docs: [], tfs: [] }
        postingLists.set(term, list)
      }
      list.docs.push(position)
      list.tfs.push(tf)
    }
  })
  const size = docs.length
  const averageLength = size === 0 ? 1 : perDoc.reduce((sum, d) => sum + d.length, 0) / size
  const postings = new Map<string, Posting>()
  for (const [term, list] of postingLists) {
    const idf = inverseDocumentFrequency(size, list.docs.length)
    const contributions = new Float64Array(list.docs.length)
    list.docs.forEach((position, i) => {
      const length = perDoc[position]?.length ?? averageLength
      contributions[i] = idf * saturatedFrequency(list.tfs[i] ?? 0, length, averageLength, config)
    })
    postings.set(term, { docs: Int32Array.from(list.docs), contributions })
  }
  const ids = docs.map((d) => d.id)
  return {
    size,
    ids,
    positionOf: new Map(ids.map((id, position) => [id, position])),
    averageLength,
    documentFrequency,
    postings,
    impliedAreas: perDoc.map((d) => d.impliedAreas),
    config,
  }
}

/** Framework areas implied by the concepts an entry's title and summary speak of. */
export function impliedAreasOf(doc: TextDocumentSource): string[] {
  return documentTerms(doc).impliedAreas
}

function addQueryField(
  raw: Map<string, number>,
  text: string,
  weight: number,
  config: TextConfig,
  thesaurus: readonly CompiledEntry[],
): void {
  if (weight <= 0 || text.trim() === '') return
  const field = fieldTerms(text, weight, config, thesaurus)
  for (const [term, w] of field.terms) addTerm(raw, term, w)
  for (const [entryIndex, count] of field.concepts) {
    const entry = thesaurus[entryIndex]
    if (entry === undefined) continue
    const expansionWeight = config.expansionWeight * weight * Math.min(count, 2)
    for (const term of entry.expansion) {
      addTerm(raw, term, term.includes(' ') ? expansionWeight * config.bigramWeight : expansionWeight)
    }
  }
}

export type RequestText = Pick<MatchRequest, 'title' | 'problem' | 'tried' | 'outcome'>

/** The request's words, weighted by field, saturated, and widened with the education thesaurus. */
export function buildRequestQuery(
  request: RequestText,
  config: TextConfig = TEXT_CONFIG,
  thesaurus: readonly CompiledEntry[] = COMPILED_THESAURUS,
): TextQuery {
  const raw = new Map<string, number>()
  addQueryField(raw, request.title, config.queryFields.title, config, thesaurus)
  addQueryField(raw, request.problem, config.queryFields.problem, config, thesaurus)
  addQueryField(raw, request.outcome, config.queryFields.outcome, config, thesaurus)
  addQueryField(raw, request.tried, config.queryFields.tried, config, thesaurus)
  const query = new Map<string, number>()
  for (const [term, w] of raw) query.set(term, (w * (config.queryK3 + 1)) / (w + config.queryK3))
  return query
}

/** BM25 of the query against every indexed document, by index position. */
export function scoreQuery(index: TextIndex, query: TextQuery): Float64Array {
  const scores = new Float64Array(index.size)
  for (const [term, weight] of query) {
    const posting = index.postings.get(term)
    if (posting === undefined) continue
    const { docs, contributions } = posting
    for (let i = 0; i < docs.length; i++) {
      const position = docs[i] as number
      scores[position] = (scores[position] as number) + weight * (contributions[i] as number)
    }
  }
  return scores
}

/** BM25 of the query against a document that is not in the index, using the index's statistics. */
export function scoreUnindexed(index: TextIndex, query: TextQuery, doc: TextDocumentSource): number {
  const terms = documentTerms(doc, index.config)
  let score = 0
  for (const [term, weight] of query) {
    const tf = terms.frequencies.get(term)
    if (tf === undefined) continue
    const df = (index.documentFrequency.get(term) ?? 0) + 1
    const idf = inverseDocumentFrequency(index.size + 1, df)
    score += weight * idf * saturatedFrequency(tf, terms.length, index.averageLength, index.config)
  }
  return score
}

export function inverseDocumentFrequencyOf(index: TextIndex, term: string): number {
  return inverseDocumentFrequency(index.size, index.documentFrequency.get(term) ?? 0)
}

/** Words worth quoting back to a head: no figures, no scraps. */
function quotable(token: Token): boolean {
  return /^[a-z][a-z'-]{2,}$/.test(token.surface) && !/\d/.test(token.term)
}

/** A single word must be rarer than this (idf) to be worth quoting; common words say nothing. */
const QUOTABLE_WORD_IDF = 1.8

/** Everyday verbs that are rare enough to pass the idf test but say nothing about insight. */
const UNQUOTABLE_WORDS = new Set(['tell', 'told', 'say', 'said', 'says', 'want', 'wanted', 'need', 'needs', 'know',
  'feel', 'felt', 'think', 'take', 'took', 'give', 'gave', 'went', 'come', 'came', 'keep', 'kept', 'start', 'early',
  'good', 'better', 'high', 'higher', 'well', 'every'])

/** Bigrams whose words stand further apart than this in the text ("Year 1 to Year 2") are not quoted. */
const MOST_WORDS_QUOTED = 3

/**
 * The words from `from` to `to` as written, trimmed of punctuation at either end; lower case but for
 * acronyms (EAL, KS2). Null when they stand too far apart to read as one phrase.
 */
function written(words: readonly string[], from: number, to: number): string | null {
  if (to - from + 1 > MOST_WORDS_QUOTED) return null
  const phrase = words
    .slice(from, to + 1)
    .map((w) => (/[A-Z].*[A-Z]/.test(w) ? w : w.toLowerCase()))
    .join(' ')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
  return phrase === '' ? null : phrase
}

/**
 * The request's words that the entry shares, best first, quoted as the entry writes them
 * ("persistent absence", "first-day response", "letters and sounds"); used to explain a suggestion.
 */
export function sharedPhrases(index: TextIndex, query: TextQuery, doc: TextDocumentSource, limit = 3): string[] {
  const found = new Map<string, { surface: string; weight: number }>()
  const consider = (term: string, surface: string | null, bonus: number) => {
    const q = query.get(term)
    if (surface === null || q === undefined || found.has(term)) return
    found.set(term, { surface, weight: q * inverseDocumentFrequencyOf(index, term) * bonus })
  }
  for (const text of [doc.title, doc.summary]) {
    for (const { tokens, words } of writtenClauses(text)) {
      const scored = tokens.filter((t) => isScoredTerm(t.term) && quotable(t))
      scored.forEach((token, i) => {
        const next = scored[i + 1]
        const wordWorthQuoting =
          token.surface.length >= 4 &&
          !UNQUOTABLE_WORDS.has(token.surface) &&
          inverseDocumentFrequencyOf(index, token.term) >= QUOTABLE_WORD_IDF
        if (wordWorthQuoting) {
          consider(token.term, written(words, token.word, token.word), 1)
        }
        if (next !== undefined) consider(`${token.term} ${next.term}`, written(words, token.word, next.word), 1.5)
      })
    }
  }
  const ranked = [...found.entries()].sort((a, b) => b[1].weight - a[1].weight || a[0].localeCompare(b[0]))
  const chosen: string[] = []
  const covered = new Set<string>()
  for (const [term, { surface }] of ranked) {
    const parts = term.split(' ')
    if (parts.every((p) => covered.has(p))) continue
    if (chosen.some((c) => c.includes(surface) || surface.includes(c))) continue
    parts.forEach((p) => covered.add(p))
    chosen.push(surface)
    if (chosen.length === limit) break
  }
  return chosen
}
