import type { PutCalendarYearBody } from '@ee/shared/calendar'
import { format } from 'date-fns'
import type { FieldError } from '../lib/problem.ts'
import { TERM_NAMES, academicYearLabel, parseDay } from '../lib/default-calendar.ts'

/** 12 Jan 2027 */
export const ukDate = (iso: string) => format(parseDay(iso), 'd MMM yyyy')

/**
 * What is wrong with a year's calendar, each problem at its field: the three terms in order
 * (autumn, spring, summer), each ending after it starts, none overlapping the one before, each
 * half-term inside its term, closure days inside a term and not repeated, every date inside the
 * academic year (1 September to 31 August).
 */
export function calendarYearProblems(year: number, body: PutCalendarYearBody): FieldError[] {
  const errors: FieldError[] = []
  const first = `${year}-09-01`
  const last = `${year + 1}-08-31`
  const inYear = (path: string, iso: string) => {
    if (iso < first || iso > last) {
      errors.push({ path, message: `Use a date in the academic year ${academicYearLabel(year)} (${ukDate(first)} to ${ukDate(last)})` })
      return false
    }
    return true
  }
  body.terms.forEach((t, i) => {
    const at = `terms[${i}]`
    const expected = TERM_NAMES[i]!
    if (t.name !== expected) errors.push({ path: `${at}.name`, message: `The terms go autumn, spring, summer: this one should be ${expected}` })
    const datesOk = [inYear(`${at}.start`, t.start), inYear(`${at}.end`, t.end), inYear(`${at}.halfTerm.start`, t.halfTerm.start), inYear(`${at}.halfTerm.end`, t.halfTerm.end)].every(Boolean)
    if (!datesOk) return
    if (t.end < t.start) errors.push({ path: `${at}.end`, message: `The ${expected} term must end on or after it starts (${ukDate(t.start)})` })
    if (t.halfTerm.end < t.halfTerm.start) {
      errors.push({ path: `${at}.halfTerm.end`, message: `The half-term must end on or after it starts (${ukDate(t.halfTerm.start)})` })
    }
    const inside = `inside the ${expected} term (${ukDate(t.start)} to ${ukDate(t.end)})`
    if (t.halfTerm.start < t.start || t.halfTerm.start > t.end) errors.push({ path: `${at}.halfTerm.start`, message: `Start the half-term ${inside}` })
    if (t.halfTerm.end < t.start || t.halfTerm.end > t.end) errors.push({ path: `${at}.halfTerm.end`, message: `End the half-term ${inside}` })
    const before = body.terms[i - 1]
    if (before && t.start <= before.end) {
      errors.push({ path: `${at}.start`, message: `Start the ${expected} term after the ${TERM_NAMES[i - 1]} term ends (${ukDate(before.end)})` })
    }
  })
  const seen = new Set<string>()
  body.closures.forEach((c, j) => {
    const path = `closures[${j}].date`
    if (!inYear(path, c.date)) return
    if (seen.has(c.date)) errors.push({ path, message: `${ukDate(c.date)} is already a closure day` })
    seen.add(c.date)
    if (!body.terms.some((t) => c.date >= t.start && c.date <= t.end)) {
      errors.push({ path, message: `${ukDate(c.date)} is not in term time: closure days are days a school would otherwise be open` })
    }
  })
  return errors
}
