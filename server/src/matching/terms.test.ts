import { describe, expect, it } from 'vitest'
import { overlaps, termOf } from './terms.ts'

describe('termOf', () => {
  it.each([
    ['2027-01-11', 'Spring 2027', '2027-01-01', '2027-03-31'],
    ['2027-03-31', 'Spring 2027', '2027-01-01', '2027-03-31'],
    ['2027-04-01', 'Summer 2027', '2027-04-01', '2027-08-31'],
    ['2026-09-01', 'Autumn 2026', '2026-09-01', '2026-12-31'],
    ['2026-12-01T09:00:00Z', 'Autumn 2026', '2026-09-01', '2026-12-31'],
  ])('puts %s in %s', (date, name, start, end) => {
    expect(termOf(date)).toMatchObject({ name, start, end })
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
