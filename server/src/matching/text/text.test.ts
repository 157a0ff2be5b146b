import { describe, expect, it } from 'vitest'
import { buildRequestQuery, buildTextIndex, impliedAreasOf, scoreQuery, sharedPhrases } from './text.ts'

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

  it('When the shared words stand either side of a small word, then the quote keeps the word between, as written', () => {
    const phonics = { id: 'phonics', title: 'Letters and Sounds keep-up in Year 1', summary: 'Children’s reading books at home matched to EAL learners.', evidence: '' }
    const withPhonics = buildTextIndex([...docs, phonics])
    const query = buildRequestQuery({ title: 'Letters sounds', problem: 'children reading books home', tried: '', outcome: '' })
    const quoted = sharedPhrases(withPhonics, query, phonics, 5)
    expect(quoted).toContain('letters and sounds')
    for (const phrase of quoted) expect(`${phonics.title} ${phonics.summary}`.toLowerCase().replace('’', "'")).toContain(phrase.replace('’', "'"))
  })
})
