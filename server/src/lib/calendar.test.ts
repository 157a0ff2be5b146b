import { describe, expect, it } from 'vitest'
import { Calendar, defaultCalendar } from './calendar.ts'
import { defaultYear, easterSunday, isoDay } from './default-calendar.ts'

describe("England's default calendar", () => {
  it('finds Easter by the computus', () => {
    expect(['2026', '2027', '2028', '2029', '2038'].map((y) => isoDay(easterSunday(Number(y))))).toEqual([
      '2026-04-05', '2027-03-28', '2028-04-16', '2029-04-01', '2038-04-25',
    ])
  })

  it('gives 2026/27 the dates most local authorities published', () => {
    expect(defaultYear(2026)).toEqual({
      terms: [
        { name: 'autumn', start: '2026-09-02', end: '2026-12-18', halfTerm: { start: '2026-10-26', end: '2026-10-30' } },
        // Easter on 28 March: the break starts on Easter Monday, and spring ends the day before Good Friday.
        { name: 'spring', start: '2027-01-04', end: '2027-03-25', halfTerm: { start: '2027-02-15', end: '2027-02-19' } },
        { name: 'summer', start: '2027-04-12', end: '2027-07-22', halfTerm: { start: '2027-05-31', end: '2027-06-04' } },
      ],
      closures: [{ date: '2027-05-03', label: 'Early May bank holiday' }],
    })
  })

  it('gives 2027/28 its own dates: a Saturday New Year and a late Easter', () => {
    expect(defaultYear(2027)).toEqual({
      terms: [
        { name: 'autumn', start: '2027-09-01', end: '2027-12-17', halfTerm: { start: '2027-10-25', end: '2027-10-29' } },
        // 1 Jan 2028 is a Saturday, so Monday 3 January is the substitute bank holiday.
        { name: 'spring', start: '2028-01-04', end: '2028-04-07', halfTerm: { start: '2028-02-14', end: '2028-02-18' } },
        // Easter on 16 April: Holy Week and Easter week are the break.
        { name: 'summer', start: '2028-04-24', end: '2028-07-21', halfTerm: { start: '2028-05-29', end: '2028-06-02' } },
      ],
      closures: [{ date: '2028-05-01', label: 'Early May bank holiday' }],
    })
  })
})

describe('Calendar', () => {
  const cal = defaultCalendar

  it.each([
    ['2026-09-02', 'Autumn 2026'],
    ['2026-12-25', 'Autumn 2026'], // the Christmas holiday belongs to the term before it
    ['2027-01-04', 'Spring 2027'],
    ['2027-04-01', 'Spring 2027'], // the Easter break too
    ['2027-04-12', 'Summer 2027'],
    ['2027-08-20', 'Summer 2027'],
    ['2026-09-01', 'Summer 2026'], // the last day of the summer holiday
  ])('puts %s in %s', (date, label) => {
    expect(cal.termOf(date).label).toBe(label)
  })

  it('steps through terms and knows the academic year', () => {
    const autumn = cal.termOf('2026-10-10')
    expect(cal.previousTerm(autumn).label).toBe('Summer 2026')
    expect(cal.nextTerm(autumn).label).toBe('Spring 2027')
    expect(cal.nextTerm(cal.termOf('2027-05-01')).label).toBe('Autumn 2027')
    expect(cal.academicYearOf('2027-07-01')).toEqual({ year: 2026, start: '2026-09-01', end: '2027-08-31', label: '2026/27' })
  })

  it('counts school days across Christmas: an invitation sent on the last day of autumn expires in January', () => {
    expect(cal.addSchoolDays(new Date('2026-12-18T10:00:00Z'), 5).toISOString()).toBe('2027-01-08T10:00:00.000Z')
    expect(cal.schoolDaysBetween('2026-12-14', '2027-01-08')).toBe(10)
  })

  it('counts school days across a half-term and skips closure days', () => {
    expect(cal.addSchoolDays(new Date('2026-10-23T15:00:00Z'), 5).toISOString()).toBe('2026-11-06T15:00:00.000Z')
    expect(cal.schoolDaysBetween('2026-10-19', '2026-11-06')).toBe(10)
    // Monday 3 May 2027 is the early-May bank holiday
    expect(cal.isSchoolDay('2027-05-03')).toBe(false)
    expect(cal.schoolDaysBetween('2027-04-26', '2027-05-07')).toBe(9)
  })

  it("follows a trust's own dates where it has them", () => {
    const own = new Calendar(new Map([[2026, {
      ...defaultYear(2026),
      closures: [{ date: '2027-01-04', label: 'INSET day' }, { date: '2027-01-05', label: 'INSET day' }],
    }]]))
    expect(own.yearDates(2026).isDefault).toBe(false)
    expect(own.yearDates(2027).isDefault).toBe(true)
    expect(own.addSchoolDays(new Date('2026-12-18T10:00:00Z'), 5).toISOString().slice(0, 10)).toBe('2027-01-12')
  })

  it('splits a window spanning two terms by its school days in each, keeping the total', () => {
    // 9 school days in spring (15–25 Mar), none over Easter, 10 in summer (12–23 Apr): 5 days → 2 + 3
    const split = cal.splitDays(5, { start: '2027-03-15', end: '2027-04-23' })
    expect(split.map((s) => [s.term.label, s.days])).toEqual([['Spring 2027', 2], ['Summer 2027', 3]])
    expect(cal.splitDays(4, { start: '2027-01-11', end: '2027-02-26' }).map((s) => [s.term.label, s.days])).toEqual([['Spring 2027', 4]])
    // Totals stay exact whatever the proportions
    for (const days of [0, 1, 2, 3, 7, 10]) {
      expect(cal.splitDays(days, { start: '2026-12-01', end: '2027-07-01' }).reduce((a, s) => a + s.days, 0)).toBe(days)
    }
  })

  it('charges a window with no school days to its first term', () => {
    expect(cal.splitDays(3, { start: '2026-12-21', end: '2027-01-01' }).map((s) => [s.term.label, s.days])).toEqual([['Autumn 2026', 3]])
  })
})
