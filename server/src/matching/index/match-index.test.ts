import { describe, expect, it } from 'vitest'
import { reuseOrBuildMatchIndex } from './match-index.ts'
import { rankExpertise } from '../rank/rank.ts'
import { makeContext, makeEntry, makeRequest } from '../../../test/matching/fixtures.ts'

describe('reuseOrBuildMatchIndex', () => {
  const entries = [
    makeEntry({ id: 'e1', title: 'Attendance that sticks', areas: ['attendance'] }),
    makeEntry({ id: 'e2', title: 'Phonics keep-up', areas: ['early-reading-phonics'] }),
  ]
  const previous = { entries, index: reuseOrBuildMatchIndex(entries, undefined) }

  it('keeps the index when only what ranking reads live has changed (capacity, commitments, pause)', () => {
    const after = entries.map((e) => ({ ...e, capacityDaysPerTerm: 0, committedDaysInWindowTerm: 2, personPaused: true }))
    expect(reuseOrBuildMatchIndex(after, previous)).toBe(previous.index)
  })

  it('builds afresh when words, tags, people or the set of entries change', () => {
    const changes = [
      entries.map((e, i) => (i === 0 ? { ...e, title: 'Attendance and punctuality' } : e)),
      entries.map((e, i) => (i === 1 ? { ...e, areas: ['reading'] } : e)),
      entries.map((e, i) => (i === 1 ? { ...e, casework: 'Phonics recovery at another school.' } : e)),
      entries.map((e, i) => (i === 0 ? { ...e, schoolId: 'school-elsewhere' } : e)),
      [...entries, makeEntry({ id: 'e3' })],
      entries.slice(1),
    ]
    for (const after of changes) expect(reuseOrBuildMatchIndex(after, previous)).not.toBe(previous.index)
  })

  it('ranks with a kept index exactly as with a new one', () => {
    const after = entries.map((e, i) => (i === 0 ? { ...e, capacityDaysPerTerm: 1 } : e))
    const request = makeRequest()
    const kept = rankExpertise(request, after, makeContext(), { index: reuseOrBuildMatchIndex(after, previous) })
    const fresh = rankExpertise(request, after, makeContext(), { index: reuseOrBuildMatchIndex(after, undefined) })
    expect(kept).toEqual(fresh)
  })
})
