import { addDays, format, getDay, lastDayOfMonth, nextMonday, previousFriday, subDays } from 'date-fns'

/**
 * England's usual school year, as a pure function of the academic year (the year its autumn term
 * starts in). A trust that has not stored its own dates for a year reads these. The rule:
 *
 * - Autumn starts on the first Wednesday on or after 1 September (Monday and Tuesday are the usual
 *   INSET days); its half-term is the last full Monday–Friday week of October; it ends on the last
 *   Friday on or before 20 December.
 * - Spring starts on the first Monday after 1 January, or on the Tuesday when that Monday is the
 *   substitute bank holiday for a New Year's Day that fell at a weekend; its half-term is the week of
 *   the first Monday on or after 12 February.
 * - The Easter break is two weeks around Easter (Easter Sunday by the Gregorian computus): Holy Week
 *   and Easter week, except that when Easter falls in March the break starts on Easter Monday so the
 *   spring term is not cut short. Spring ends on the last weekday before the break that is not Good
 *   Friday; summer starts on the Monday after the break.
 * - Summer's half-term is the week of the late-May bank holiday (the last Monday of May); summer ends
 *   on the last weekday on or before 22 July. The early-May bank holiday (the first Monday of May)
 *   is a closure day. Christmas, New Year, Good Friday and Easter Monday always fall in holidays.
 *
 * For 2026/27 this gives: autumn 2 Sep–18 Dec 2026 (half-term 26–30 Oct), spring 4 Jan–25 Mar 2027
 * (half-term 15–19 Feb), summer 12 Apr–22 Jul 2027 (half-term 31 May–4 Jun, closed 3 May), which is
 * what most English local authorities published. All dates are ISO calendar dates (YYYY-MM-DD) read
 * as UTC days; no time zone ever enters.
 */
export const TERM_NAMES = ['autumn', 'spring', 'summer'] as const
export type TermName = (typeof TERM_NAMES)[number]
export type DateRange = { start: string; end: string }
export type TermDates = DateRange & { name: TermName; halfTerm: DateRange }
export type Closure = { date: string; label: string }
export type YearDates = { terms: TermDates[]; closures: Closure[] }

/** A calendar date as a Date at 00:00 UTC, and back. */
export const parseDay = (iso: string): Date => new Date(`${iso.slice(0, 10)}T00:00:00Z`)
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10)
const day = (y: number, month: number, date: number) => new Date(Date.UTC(y, month - 1, date))

const onOrAfter = (d: Date, weekday: number) => addDays(d, (weekday - getDay(d) + 7) % 7)
const onOrBefore = (d: Date, weekday: number) => subDays(d, (getDay(d) - weekday + 7) % 7)
const lastWeekdayOnOrBefore = (d: Date) => (getDay(d) === 0 ? subDays(d, 2) : getDay(d) === 6 ? subDays(d, 1) : d)
const week = (monday: Date): DateRange => ({ start: isoDay(monday), end: isoDay(addDays(monday, 4)) })

/** Easter Sunday of a year: the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): Date {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const date = ((h + l - 7 * m + 114) % 31) + 1
  return day(year, month, date)
}

/** The default dates of academic year `year` (e.g. 2026 for 2026/27). */
export function defaultYear(year: number): YearDates {
  const next = year + 1

  const autumnStart = onOrAfter(day(year, 9, 1), 3)
  const octoberHalfTerm = onOrBefore(subDays(lastDayOfMonth(day(year, 10, 1)), 4), 1)
  const autumnEnd = onOrBefore(day(year, 12, 20), 5)

  const newYear = day(next, 1, 1)
  const firstMonday = nextMonday(newYear)
  const weekendNewYear = getDay(newYear) === 0 || getDay(newYear) === 6
  const springStart = weekendNewYear && isoDay(firstMonday) <= `${next}-01-03` ? addDays(firstMonday, 1) : firstMonday
  const februaryHalfTerm = onOrAfter(day(next, 2, 12), 1)

  const easter = easterSunday(next)
  const breakStart = easter.getUTCMonth() === 2 ? addDays(easter, 1) : subDays(easter, 6)
  const goodFriday = subDays(easter, 2)
  let springEnd = previousFriday(breakStart)
  if (isoDay(springEnd) === isoDay(goodFriday)) springEnd = subDays(springEnd, 1)
  const summerStart = addDays(breakStart, 14)

  const earlyMay = onOrAfter(day(next, 5, 1), 1)
  const lateMay = onOrBefore(day(next, 5, 31), 1)
  const summerEnd = lastWeekdayOnOrBefore(day(next, 7, 22))

  return {
    terms: [
      { name: 'autumn', start: isoDay(autumnStart), end: isoDay(autumnEnd), halfTerm: week(octoberHalfTerm) },
      { name: 'spring', start: isoDay(springStart), end: isoDay(springEnd), halfTerm: week(februaryHalfTerm) },
      { name: 'summer', start: isoDay(summerStart), end: isoDay(summerEnd), halfTerm: week(lateMay) },
    ],
    closures: [{ date: isoDay(earlyMay), label: 'Early May bank holiday' }],
  }
}

/** "2026/27" */
export const academicYearLabel = (year: number) => `${year}/${format(day(year + 1, 1, 1), 'yy')}`

/** The academic year (autumn's calendar year) whose 1 September–31 August holds a date. */
export const academicYearContaining = (iso: string) => Number(iso.slice(0, 4)) - (Number(iso.slice(5, 7)) >= 9 ? 0 : 1)
