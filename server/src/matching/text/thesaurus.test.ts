import { describe, expect, it } from 'vitest'
import { COMPILED_THESAURUS, countTriggers, EDUCATION_THESAURUS } from './thesaurus.ts'
import { phraseTerms } from './tokenize.ts'

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
