import { describe, expect, it } from 'vitest'
import { phraseTerms, tokenizeClauses } from './tokenize.ts'

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
