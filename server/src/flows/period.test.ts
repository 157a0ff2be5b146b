import { describe, expect, it } from 'vitest'
import { FlowsQuerySchema } from '@ee/shared/flows'
import { daysBetween, publishedBounds, resolvePeriod, termsStartingWithin } from './period.ts'

const at = (iso: string) => new Date(iso)

describe('the period of a flows view', () => {
  it.each([
    // A term's period runs from its first day to the day before the next term starts (England's default dates).
    ['2027-02-15T12:00:00Z', 'this-term', '2027-01-04', '2027-04-11', 'Spring 2027'],
    ['2027-02-15T12:00:00Z', 'last-term', '2026-09-02', '2027-01-03', 'Autumn 2026'],
    ['2026-09-03T00:00:00Z', 'last-term', '2026-04-13', '2026-09-01', 'Summer 2026'],
    // The last day of the summer holiday is still summer; New Year's Day is still autumn.
    ['2026-09-01T00:00:00Z', 'this-term', '2026-04-13', '2026-09-01', 'Summer 2026'],
    ['2027-01-01T00:00:00Z', 'this-term', '2026-09-02', '2027-01-03', 'Autumn 2026'],
    ['2027-08-31T23:59:59Z', 'this-term', '2027-04-12', '2027-08-31', 'Summer 2027'],
    ['2027-02-15T12:00:00Z', 'academic-year', '2026-09-01', '2027-08-31', 'Academic year 2026/27'],
    ['2026-09-01T00:00:00Z', 'academic-year', '2026-09-01', '2027-08-31', 'Academic year 2026/27'],
  ] as const)('On %s, %s runs from %s to %s (%s)', (now, period, from, to, label) => {
    expect(resolvePeriod({ period }, at(now))).toMatchObject({ kind: period, from, to, label })
  })

  it('With no period, it is this term; with dates only, it is custom', () => {
    expect(resolvePeriod({}, at('2026-11-05T10:00:00Z'))).toMatchObject({ kind: 'this-term', label: 'Autumn 2026' })
    expect(resolvePeriod({ from: '2026-12-01', to: '2027-01-31' }, at('2026-11-05T10:00:00Z'))).toEqual({
      kind: 'custom', from: '2026-12-01', to: '2027-01-31', label: '1 Dec 2026 to 31 Jan 2027', terms: [{ start: '2027-01-04', label: 'Spring 2027', name: 'spring' }],
    })
  })

  it('Counts the terms that start inside the period, none when it sits within one term', () => {
    expect(termsStartingWithin('2026-09-01', '2027-08-31').map((t) => t.label)).toEqual(['Autumn 2026', 'Spring 2027', 'Summer 2027'])
    expect(termsStartingWithin('2027-02-01', '2027-02-28')).toEqual([])
    expect(termsStartingWithin('2026-09-03', '2027-04-12').map((t) => t.start)).toEqual(['2027-01-04', '2027-04-12'])
  })

  it('Takes in everything published on the last day, and counts whole days waited', () => {
    expect(publishedBounds({ from: '2027-01-01', to: '2027-03-31' })).toEqual({ from: at('2027-01-01T00:00:00Z'), before: at('2027-04-01T00:00:00Z') })
    expect(daysBetween(at('2027-01-25T00:00:00Z'), at('2027-02-15T12:00:00Z'))).toBe(21)
    expect(daysBetween(at('2027-02-15T13:00:00Z'), at('2027-02-15T12:00:00Z'))).toBe(-1)
  })
})

describe('the flows query', () => {
  it('Reads an empty filter as no filter and refuses half a custom period', () => {
    expect(FlowsQuerySchema.parse({ area: '', cluster: '', format: 'csv' })).toEqual({ format: 'csv' })
    const result = FlowsQuerySchema.safeParse({ period: 'custom', from: '2027-01-01' })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['to', 'Choose the last day of the period']])
  })
})
