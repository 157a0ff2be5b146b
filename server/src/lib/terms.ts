/**
 * English academic terms by England's default calendar (lib/default-calendar.ts), for code
 * and tests that have no trust at hand. Code serving a trust reads the trust's own calendar
 * (calendar/calendar.service.ts: calendarFor) and calls the same methods on it.
 */
import { type Term, defaultCalendar } from './calendar.ts'

export { Calendar, defaultCalendar, type Term, type TermName } from './calendar.ts'

export const termOf = (isoDate: string): Term => defaultCalendar.termOf(isoDate)
export const previousTerm = (term: Term): Term => defaultCalendar.previousTerm(term)
export const nextTerm = (term: Term): Term => defaultCalendar.nextTerm(term)
export const academicYearOf = (isoDate: string) => defaultCalendar.academicYearOf(isoDate)
export const addSchoolDays = (from: Date, days: number): Date => defaultCalendar.addSchoolDays(from, days)

export const toIsoDate = (d: Date) => d.toISOString().slice(0, 10)

/** True when the inclusive ISO date ranges overlap. */
export function overlaps(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
  return aStart.slice(0, 10) <= bEnd.slice(0, 10) && bStart.slice(0, 10) <= aEnd.slice(0, 10)
}
