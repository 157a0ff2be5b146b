import { describe, expect, it } from 'vitest'
import { scrubber } from './scrub.ts'

const s = scrubber([
  { text: 'Al Smith', replacement: 'a former colleague' },
  { text: 'al.smith@example.org', replacement: '[e-mail removed]' },
  { text: 'Marram reading circles (Year 7)', replacement: '[removed]' },
])

describe('finding an erased person’s name, e-mail and words', () => {
  it.each([
    ['Thanks to Al Smith, reading rose.', 'Thanks to a former colleague, reading rose.'],
    ['al smith led it. AL SMITH again.', 'A former colleague led it. A former colleague again.'],
    ['Write to al.smith@example.org today', 'Write to [e-mail removed] today'],
    ['We tried Marram reading circles (Year 7) first', 'We tried [removed] first'],
    ['Hal Smithers and Al Smithson are other people', 'Hal Smithers and Al Smithson are other people'],
    ['Line one.\nAl Smith wrote this', 'Line one.\nA former colleague wrote this'],
  ])('When the text is %j, then it becomes %j', (before, after) => {
    expect(s.text(before)).toBe(after)
  })

  it('When an audit detail quotes them at any depth, then every string is rewritten and numbers stay', () => {
    expect(s.json({ name: 'Al Smith', days: 3, to: ['al.smith@example.org'], nested: { note: 'Al Smith said so' } })).toEqual({
      name: 'A former colleague', days: 3, to: ['[e-mail removed]'], nested: { note: 'A former colleague said so' },
    })
  })

  it('When there is nothing to look for, then text passes through', () => {
    expect(scrubber([{ text: '  ', replacement: 'x' }]).text('Al Smith')).toBe('Al Smith')
  })
})
