/**
 * English academic terms (DESIGN §8): autumn 1 Sep–31 Dec, spring 1 Jan–31 Mar (Easter taken as
 * 31 Mar), summer 1 Apr–31 Aug. All arithmetic is on calendar dates in UTC; no time zones leak in.
 */
export type TermName = 'autumn' | 'spring' | 'summer'
export type Term = { name: TermName; start: string; end: string; label: string }

const pad = (n: number) => String(n).padStart(2, '0')
const LABELS: Record<TermName, string> = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' }

export function termOf(isoDate: string): Term {
  const year = Number(isoDate.slice(0, 4))
  const month = Number(isoDate.slice(5, 7))
  if (month >= 9) return make('autumn', year)
  if (month <= 3) return make('spring', year)
  return make('summer', year)
}

function make(name: TermName, year: number): Term {
  const [start, end] =
    name === 'autumn' ? [`${year}-09-01`, `${year}-12-31`] : name === 'spring' ? [`${year}-01-01`, `${year}-03-31`] : [`${year}-04-01`, `${year}-08-31`]
  return { name, start, end, label: `${LABELS[name]} ${year}` }
}

export function previousTerm(term: Term): Term {
  const year = Number(term.start.slice(0, 4))
  if (term.name === 'autumn') return make('summer', year)
  if (term.name === 'summer') return make('spring', year)
  return make('autumn', year - 1)
}

export function nextTerm(term: Term): Term {
  const year = Number(term.start.slice(0, 4))
  if (term.name === 'autumn') return make('spring', year + 1)
  if (term.name === 'spring') return make('summer', year)
  return make('autumn', year)
}

/** The academic year that contains a date: 1 Sep to 31 Aug. */
export function academicYearOf(isoDate: string): { start: string; end: string; label: string } {
  const year = Number(isoDate.slice(0, 4))
  const first = Number(isoDate.slice(5, 7)) >= 9 ? year : year - 1
  return { start: `${first}-09-01`, end: `${first + 1}-08-31`, label: `${first}/${pad((first + 1) % 100)}` }
}

export const toIsoDate = (d: Date) => d.toISOString().slice(0, 10)

/** Adds school days (Monday to Friday) to an instant; holidays are not known to the product. */
export function addSchoolDays(from: Date, days: number): Date {
  const d = new Date(from)
  let left = days
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1)
    const dow = d.getUTCDay()
    if (dow !== 0 && dow !== 6) left--
  }
  return d
}
