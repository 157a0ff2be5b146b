import { describe, expect, it } from 'vitest'
import { stem } from './stemmer.ts'
import { buildRequestQuery, buildTextIndex, impliedAreasOf, scoreQuery, sharedPhrases } from './text.ts'
import { COMPILED_THESAURUS, countTriggers, EDUCATION_THESAURUS } from './thesaurus.ts'
import { phraseTerms, tokenizeClauses } from './tokenize.ts'

describe('stem (Porter)', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['relational', 'relat'],
    ['hopping', 'hop'],
    ['conditional', 'condit'],
    ['generalizations', 'gener'],
    ['reading', 'read'],
    ['readers', 'reader'],
    ['attendance', 'attend'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected)
  })

  it('folds British -ise spellings into the American ones', () => {
    expect(stem('organisation')).toBe(stem('organization'))
    expect(stem('prioritise')).toBe(stem('prioritize'))
  })
})

describe('tokenizeClauses', () => {
  it('drops stopwords, keeps negations and stems the rest', () => {
    expect(tokenizeClauses('Pupils who do not speak').flat().map((t) => t.term)).toEqual(['pupil', 'not', 'speak'])
  })

  it('splits clauses at punctuation so word pairs never cross a full stop', () => {
    expect(tokenizeClauses('Reading at home. Families struggle.').map((c) => c.map((t) => t.term))).toEqual([
      ['read', 'home'],
      ['famili', 'struggl'],
    ])
  })

  it('keeps "non-" words whole, so "non-verbal" is not "verbal"', () => {
    expect(tokenizeClauses('non-verbal reasoning').flat().map((t) => t.term)).toEqual(['nonverb', 'verbal', 'reason'])
  })

  it('unfolds abbreviations heads write', () => {
    expect(phraseTerms('KS3 maths')).toEqual(['kei', 'stage', '3', 'mathemat'])
  })
})

describe('education thesaurus', () => {
  const triggered = (text: string) =>
    [...countTriggers(phraseTerms(text), COMPILED_THESAURUS).keys()].map((i) => EDUCATION_THESAURUS[i]?.when[0])

  it.each([
    ['Too few of our children read at home', 'read at home'],
    ['We keep losing good teachers', 'losing teachers'],
    ['Parents from our Roma community rarely come into school', 'roma'],
    ['Children start Reception with very limited language', 'limited language'],
    ['Communication systems for pupils who do not speak', 'do not speak'],
    ['Times tables are not secure by Year 4', 'times tables'],
  ])('links "%s" to the concept of "%s"', (text, concept) => {
    expect(triggered(text)).toContain(concept)
  })

  it('does not read "non-verbal reasoning" as pupils who do not speak', () => {
    expect(triggered('CAT4 verbal and non-verbal reasoning')).not.toContain('do not speak')
  })

  it('has no phrase that collapses to a lone stopword-stripped fragment', () => {
    for (const entry of COMPILED_THESAURUS) for (const phrase of entry.triggers) expect(phrase.length).toBeGreaterThan(0)
  })
})

describe('BM25 text index', () => {
  const docs = [
    { id: 'pleasure', title: 'Reading for pleasure and family literacy', summary: 'Class libraries, book talk and family reading mornings.', evidence: 'Pupils reading at home weekly rose from 40% to 75%.' },
    { id: 'fluency', title: 'Reading fluency in Key Stage 2', summary: 'Echo reading and repeated reading.', evidence: 'Words per minute rose.' },
    { id: 'attendance', title: 'Improving attendance', summary: 'First-day calls and family support.', evidence: 'Persistent absence fell.' },
  ]
  const index = buildTextIndex(docs)
  const rank = (title: string, problem = '') => {
    const scores = scoreQuery(index, buildRequestQuery({ title, problem, tried: '', outcome: '' }))
    return [...index.ids].sort((a, b) => (scores[index.positionOf.get(b) ?? 0] ?? 0) - (scores[index.positionOf.get(a) ?? 0] ?? 0))
  }

  it('ranks the entry that shares the request words first', () => {
    expect(rank('Persistent absence')[0]).toBe('attendance')
  })

  it('matches a paraphrase through the thesaurus', () => {
    expect(rank('Too few of our children read at home', 'They say they do not like reading.')[0]).toBe('pleasure')
  })

  it('scores a document with no shared words as 0', () => {
    const scores = scoreQuery(index, buildRequestQuery({ title: 'Governors and budgets', problem: '', tried: '', outcome: '' }))
    expect(scores[index.positionOf.get('fluency') ?? 0]).toBe(0)
  })

  it('infers areas from what an entry speaks of', () => {
    expect(impliedAreasOf({ id: 'x', title: 'Makaton and PECS for pupils who do not speak', summary: '', evidence: '' })).toContain('send')
  })

  it('quotes the shared words as the entry writes them', () => {
    const query = buildRequestQuery({ title: 'First-day response to absence', problem: 'family support', tried: '', outcome: '' })
    expect(sharedPhrases(index, query, docs[2] as (typeof docs)[number])).toEqual(['first-day', 'family support'])
  })
})
