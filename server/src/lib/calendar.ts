import { addDays, eachDayOfInterval, isWeekend } from 'date-fns'
import {
  type DateRange, type TermDates, type TermName, type YearDates,
  academicYearContaining, academicYearLabel, defaultYear, isoDay, parseDay,
} from './default-calendar.ts'

export type { Closure, TermName, YearDates } from './default-calendar.ts'

/** A term of a trust's calendar, as everything else in the product reads it. */
export type Term = TermDates & {
  /** The academic year it belongs to: 2026 for 2026/27. */
  academicYear: number
  /** "Spring 2027": the season and the calendar year the term starts in. */
  label: string
}

const LABELS: Record<TermName, string> = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' }

/**
 * A trust's school year: its terms with their half-terms and its closure days, per academic year.
 * Years the trust has not stored read England's default (default-calendar.ts); stored years win.
 *
 * The terms tile time: a date in a holiday belongs to the term before it (the Christmas holiday to
 * autumn, the summer holiday to summer), so "this term" is always a term. A school day is a Monday
 * to Friday inside a term, outside its half-term and not a closure day.
 */
export class Calendar {
  private readonly years = new Map<number, { terms: Term[]; closures: Set<string> }>()
  /** Days already asked about: an import splits many windows over the same few hundred days. */
  private readonly schoolDays = new Map<string, boolean>()

  constructor(private readonly stored: ReadonlyMap<number, YearDates> = new Map()) {}

  /** The year's dates and whether they are England's default rather than the trust's own. */
  yearDates(year: number): YearDates & { isDefault: boolean } {
    const own = this.stored.get(year)
    return { ...(own ?? defaultYear(year)), isDefault: !own }
  }

  private year(year: number) {
    let known = this.years.get(year)
    if (!known) {
      const dates = this.yearDates(year)
      known = {
        terms: dates.terms.map((t) => ({ ...t, academicYear: year, label: `${LABELS[t.name]} ${t.start.slice(0, 4)}` })),
        closures: new Set(dates.closures.map((c) => c.date)),
      }
      this.years.set(year, known)
    }
    return known
  }

  termsOfYear(year: number): Term[] {
    return this.year(year).terms
  }

  /** The term a date (YYYY-MM-DD or a timestamp) falls in, holidays counted with the term before. */
  termOf(iso: string): Term {
    const date = iso.slice(0, 10)
    const y = academicYearContaining(date)
    const candidates = [...this.termsOfYear(y - 1), ...this.termsOfYear(y), ...this.termsOfYear(y + 1)]
    let found = candidates[0]!
    for (const t of candidates) if (t.start <= date) found = t
    return found
  }

  nextTerm(term: Term): Term {
    const terms = this.termsOfYear(term.academicYear)
    const i = terms.findIndex((t) => t.name === term.name)
    return i < terms.length - 1 ? terms[i + 1]! : this.termsOfYear(term.academicYear + 1)[0]!
  }

  previousTerm(term: Term): Term {
    const terms = this.termsOfYear(term.academicYear)
    const i = terms.findIndex((t) => t.name === term.name)
    return i > 0 ? terms[i - 1]! : this.termsOfYear(term.academicYear - 1).at(-1)!
  }

  /** The days a term owns: from its first day to the day before the next term starts. */
  spanOf(term: Term): DateRange {
    return { start: term.start, end: isoDay(addDays(parseDay(this.nextTerm(term).start), -1)) }
  }

  /** The academic year holding a date: 1 September to 31 August. */
  academicYearOf(iso: string): DateRange & { year: number; label: string } {
    const year = academicYearContaining(iso.slice(0, 10))
    return { year, start: `${year}-09-01`, end: `${year + 1}-08-31`, label: academicYearLabel(year) }
  }

  isSchoolDay(iso: string): boolean {
    const date = iso.slice(0, 10)
    let known = this.schoolDays.get(date)
    if (known === undefined) {
      const term = this.termOf(date)
      known = !isWeekend(parseDay(date)) && date <= term.end && !(date >= term.halfTerm.start && date <= term.halfTerm.end) &&
        !this.year(term.academicYear).closures.has(date)
      if (this.schoolDays.size < 20_000) this.schoolDays.set(date, known)
    }
    return known
  }

  /** School days from `from` to `to`, both included (0 when `to` is before `from`). */
  schoolDaysBetween(from: string, to: string): number {
    if (to.slice(0, 10) < from.slice(0, 10)) return 0
    return eachDayOfInterval({ start: parseDay(from), end: parseDay(to) }).filter((d) => this.isSchoolDay(isoDay(d))).length
  }

  /**
   * The instant `n` school days after `from`, at the same time of day: the day after `from` is the
   * first counted. An invitation sent on the last day before Christmas expires well into January.
   */
  addSchoolDays(from: Date, n: number): Date {
    let d = new Date(from)
    let left = n
    // A calendar with no school days at all cannot loop forever: three years is far past any answer.
    for (let guard = 0; left > 0 && guard < 1100; guard++) {
      d = addDays(d, 1)
      if (this.isSchoolDay(isoDay(d))) left--
    }
    return d
  }

  /** Terms whose days (see spanOf) meet the window, in order. */
  termsCovering(window: DateRange): Term[] {
    const out: Term[] = []
    for (let t = this.termOf(window.start); t.start <= window.end.slice(0, 10); t = this.nextTerm(t)) out.push(t)
    return out
  }

  /**
   * Shares `days` between the terms a window covers, in proportion to the window's school days in
   * each. Whole days by largest remainder: each term gets the floor of its exact share, and the days
   * left go one each to the terms with the largest remainders (the earlier term on a tie), so the
   * shares always add up to `days`. A window with no school days charges its first term.
   */
  splitDays(days: number, window: DateRange): { term: Term; days: number }[] {
    const terms = this.termsCovering(window)
    const school = terms.map((t) => {
      const span = this.spanOf(t)
      const from = window.start.slice(0, 10) > span.start ? window.start : span.start
      const to = window.end.slice(0, 10) < span.end ? window.end : span.end
      return this.schoolDaysBetween(from, to)
    })
    const total = school.reduce((a, b) => a + b, 0)
    if (total === 0) return [{ term: terms[0]!, days }]
    const exact = school.map((s) => (days * s) / total)
    const shares = exact.map(Math.floor)
    let left = days - shares.reduce((a, b) => a + b, 0)
    const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i)
    for (const { i } of order) {
      if (left <= 0) break
      shares[i]!++
      left--
    }
    const out = terms.map((term, i) => ({ term, days: shares[i]! })).filter((s) => s.days > 0)
    return out.length ? out : [{ term: terms[0]!, days }]
  }
}

/** England's default calendar: for code and tests that have no trust. */
export const defaultCalendar = new Calendar()
