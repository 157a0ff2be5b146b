import { describe, expect, it } from 'vitest'
import { stem } from './stemmer.ts'

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
