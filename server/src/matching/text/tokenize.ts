import { stem } from './stemmer.ts'

export interface Token {
  /** Stemmed form, the unit of matching. */
  term: string
  /** The word as written, lower-cased; reasons quote it. */
  surface: string
  /** Position of the written word in its clause; parts of "first-day" share one. */
  word: number
}

/** Words that carry no insight. Negations are kept out of this list: thesaurus phrases need them. */
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further had has
  have having he her here hers herself him himself his how i if in into is it its itself just me more
  most my myself of off on once only or other our ours ourselves out over own same she should so some
  such than that the their theirs them themselves then there these they this those through to too under
  until up very was we were what when where which while who whom why will with would you your yours
  yourself yourselves us many much every one two three four five six seven eight nine ten etc via
  within across per using use used help helped helping would get got make made lot lots`
    .split(/\s+/)
    .filter(Boolean),
)

/** Kept in the token stream for phrases ("do not speak"), never scored on their own. */
export const NEGATIONS = new Set(['no', 'not', 'nor', 'cannot', 'without', 'never', 'non', 'nt'])

/** Abbreviations heads write, unfolded to the words the expertise text uses. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ks1: 'key stage 1',
  ks2: 'key stage 2',
  ks3: 'key stage 3',
  ks4: 'key stage 4',
  ks5: 'key stage 5',
  eyfs: 'early years foundation stage',
  maths: 'mathematics',
  math: 'mathematics',
  sencos: 'senco',
  ects: 'ect',
  tas: 'teaching assistants',
  cpd: 'professional development',
  pp: 'pupil premium',
  fsm: 'free school meals',
  ehcps: 'ehcp',
  dsl: 'designated safeguarding lead',
  dsls: 'designated safeguarding lead',
  slt: 'senior leadership',
  pshe: 'pshe',
  rse: 'relationships sex education',
  sats: 'sats',
  aac: 'augmentative alternative communication',
  slcn: 'speech language communication needs',
  ebsa: 'emotionally based school avoidance',
  yr: 'year',
}

/** Prefixes that change meaning when joined by a hyphen: "non-verbal" is not "verbal". */
const JOINING_PREFIXES = new Set(['non'])

function foldWord(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s$/, '')
    .replace(/'/g, '')
}

/**
 * Splits text into clauses (bigrams never cross punctuation), then words.
 * Each clause is a list of tokens, stopwords removed, negations kept.
 */
type WordTokens = readonly { term: string; surface: string }[]

/** Tokens of each written word, memoised: a trust writes with a vocabulary of a few thousand words. */
const wordCache = new Map<string, WordTokens>()
const WORD_CACHE_LIMIT = 200_000

function tokensOfWord(chunk: string): WordTokens {
  const cached = wordCache.get(chunk)
  if (cached !== undefined) return cached
  const tokens: Token[] = []
  const word = foldWord(chunk).replace(/[^a-z0-9'+-]/g, '')
  if (word !== '') pushWord(tokens, word, 0)
  const result = tokens.map(({ term, surface }) => ({ term, surface }))
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear()
  wordCache.set(chunk, result)
  return result
}

/** Punctuation that ends a clause: bigrams never cross it. */
const CLAUSE_BREAK = /[.,;:!?()[\]{}"“”/\n\r•–—]+/

export function tokenizeClauses(text: string): Token[][] {
  const clauses: Token[][] = []
  for (const clause of text.split(CLAUSE_BREAK)) {
    const tokens: Token[] = []
    const chunks = clause.split(/\s+/)
    for (let position = 0; position < chunks.length; position++) {
      const chunk = chunks[position] ?? ''
      if (chunk === '') continue
      for (const t of tokensOfWord(chunk)) tokens.push({ term: t.term, surface: t.surface, word: position })
    }
    if (tokens.length > 0) clauses.push(tokens)
  }
  return clauses
}

/**
 * Clauses with their tokens and the words as written (a token's `word` indexes `words`), so that
 * what is quoted back to a head is what the author wrote: "letters and sounds", not "letters sounds".
 */
export function writtenClauses(text: string): { tokens: Token[]; words: string[] }[] {
  const clauses: { tokens: Token[]; words: string[] }[] = []
  for (const clause of text.split(CLAUSE_BREAK)) {
    const [tokens] = tokenizeClauses(clause)
    if (tokens !== undefined) clauses.push({ tokens, words: clause.split(/\s+/) })
  }
  return clauses
}

function pushWord(tokens: Token[], word: string, position: number): void {
  const parts = word.split('-').filter(Boolean)
  const first = parts[0]
  if (parts.length > 1 && first !== undefined && JOINING_PREFIXES.has(first)) {
    tokens.push({ term: stem(parts.join('')), surface: word, word: position })
    for (const part of parts.slice(1)) pushSimple(tokens, part, word, position)
    return
  }
  for (const part of parts) pushSimple(tokens, part, word, position)
}

function pushSimple(tokens: Token[], part: string, surface: string, position: number): void {
  const clean = part.replace(/[^a-z0-9]/g, '')
  if (clean === '') return
  const expanded = ABBREVIATIONS[clean]
  if (expanded !== undefined && expanded !== clean) {
    for (const w of expanded.split(' ')) pushSimple(tokens, w, surface, position)
    return
  }
  if (clean === 'cant' || clean === 'dont' || clean === 'doesnt' || clean === 'wont') {
    tokens.push({ term: 'not', surface, word: position })
    return
  }
  if (STOPWORDS.has(clean)) return
  if (NEGATIONS.has(clean)) {
    tokens.push({ term: clean === 'cannot' || clean === 'nt' ? 'not' : clean, surface, word: position })
    return
  }
  tokens.push({ term: stem(clean), surface, word: position })
}

export function isScoredTerm(term: string): boolean {
  return !NEGATIONS.has(term)
}

/** Stemmed terms of a short phrase, with negations kept: used to build thesaurus phrases. */
export function phraseTerms(phrase: string): string[] {
  return tokenizeClauses(phrase).flat().map((t) => t.term)
}
