import { describe, expect, it } from 'vitest'
import { academicYearOf, addSchoolDays, nextTerm, overlaps, previousTerm, termOf } from './terms.ts'

describe("English academic terms (England's default calendar)", () => {
  it.each([
    ['2026-09-02', 'Autumn 2026', '2026-09-02', '2026-12-18'],
    ['2026-12-31', 'Autumn 2026', '2026-09-02', '2026-12-18'],
    ['2027-01-04', 'Spring 2027', '2027-01-04', '2027-03-25'],
    ['2027-03-31', 'Spring 2027', '2027-01-04', '2027-03-25'],
    ['2027-04-12', 'Summer 2027', '2027-04-12', '2027-07-22'],
    ['2027-08-31', 'Summer 2027', '2027-04-12', '2027-07-22'],
  ])('%s falls in %s', (date, label, start, end) => {
    expect(termOf(date)).toMatchObject({ label, start, end })
  })

  it('steps back and forward through the year', () => {
    const autumn = termOf('2026-10-10')
    expect(previousTerm(autumn).label).toBe('Summer 2026')
    expect(nextTerm(autumn).label).toBe('Spring 2027')
    expect(previousTerm(termOf('2027-02-01')).label).toBe('Autumn 2026')
    expect(nextTerm(termOf('2027-05-01')).label).toBe('Autumn 2027')
  })

  it('knows the academic year', () => {
    expect(academicYearOf('2026-11-29')).toMatchObject({ start: '2026-09-01', end: '2027-08-31', label: '2026/27' })
    expect(academicYearOf('2027-07-01').label).toBe('2026/27')
  })

  it('counts school days, skipping weekends', () => {
    // Friday 27 Nov 2026 + 5 school days = Friday 4 Dec 2026
    expect(addSchoolDays(new Date('2026-11-27T10:00:00Z'), 5).toISOString()).toBe('2026-12-04T10:00:00.000Z')
    expect(addSchoolDays(new Date('2026-11-28T10:00:00Z'), 1).toISOString().slice(0, 10)).toBe('2026-11-30')
  })
})

describe('overlaps', () => {
  it.each([
    ['2027-01-05', '2027-02-01', '2027-01-01', '2027-03-31', true],
    ['2026-10-01', '2026-12-20', '2027-01-01', '2027-03-31', false],
    ['2026-12-01', '2027-01-01', '2027-01-01', '2027-03-31', true],
  ])('%s–%s against %s–%s is %s', (a, b, c, d, expected) => {
    expect(overlaps(a, b, c, d)).toBe(expected)
  })
})
