import type { FlowPeriod, FlowsFilter } from '@ee/shared/flows'
import { type Calendar, defaultCalendar, toIsoDate } from '../lib/terms.ts'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const ukDate = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`

/** The terms whose first day falls inside [from, to]: the ones whose engagements and capacity the period counts. */
export function termsStartingWithin(from: string, to: string, calendar: Calendar = defaultCalendar): FlowPeriod['terms'] {
  let term = calendar.termOf(from)
  if (term.start < from) term = calendar.nextTerm(term)
  const terms: FlowPeriod['terms'] = []
  while (term.start <= to) {
    terms.push({ start: term.start, label: term.label, name: term.name })
    term = calendar.nextTerm(term)
  }
  return terms
}

/**
 * Turns the filter's period into dates, by the app's clock and the trust's calendar; the default is
 * this academic term. A term's period runs from its first day to the day before the next term, so
 * the holiday after it (and whatever is published then) belongs to it.
 */
export function resolvePeriod(filter: Pick<FlowsFilter, 'period' | 'from' | 'to'>, now: Date, calendar: Calendar = defaultCalendar): FlowPeriod {
  const today = toIsoDate(now)
  const kind = filter.period ?? (filter.from !== undefined || filter.to !== undefined ? 'custom' : 'this-term')
  let range: { from: string; to: string; label: string }
  if (kind === 'this-term' || kind === 'last-term') {
    const term = kind === 'this-term' ? calendar.termOf(today) : calendar.previousTerm(calendar.termOf(today))
    const span = calendar.spanOf(term)
    range = { from: span.start, to: span.end, label: term.label }
  } else if (kind === 'academic-year') {
    const year = calendar.academicYearOf(today)
    range = { from: year.start, to: year.end, label: `Academic year ${year.label}` }
  } else {
    const from = filter.from!
    const to = filter.to!
    range = { from, to, label: `${ukDate(from)} to ${ukDate(to)}` }
  }
  return { kind, ...range, terms: termsStartingWithin(range.from, range.to, calendar) }
}

/** Published inside the period: from its first day 00:00 UTC up to, not including, the day after its last. */
export function publishedBounds(period: Pick<FlowPeriod, 'from' | 'to'>): { from: Date; before: Date } {
  const before = new Date(`${period.to}T00:00:00Z`)
  before.setUTCDate(before.getUTCDate() + 1)
  return { from: new Date(`${period.from}T00:00:00Z`), before }
}

/** Whole days a request has waited, as a head would count them. */
export const daysBetween = (earlier: Date, later: Date) => Math.floor((later.getTime() - earlier.getTime()) / 86_400_000)
