// English academic terms (DESIGN §8): autumn 1 Sep–31 Dec, spring 1 Jan–31 Mar, summer 1 Apr–31 Aug.

export type TermSeason = 'autumn' | 'spring' | 'summer'

export interface AcademicTerm {
  season: TermSeason
  /** Calendar year the term falls in. */
  year: number
  /** ISO dates, inclusive. */
  start: string
  end: string
  /** "Spring 2027" */
  name: string
}

const SEASON_NAMES: Record<TermSeason, string> = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' }

/** The term an ISO date (YYYY-MM-DD or a timestamp) falls in. */
export function termOf(isoDate: string): AcademicTerm {
  const year = Number(isoDate.slice(0, 4))
  const month = Number(isoDate.slice(5, 7))
  const season: TermSeason = month >= 9 ? 'autumn' : month <= 3 ? 'spring' : 'summer'
  const bounds: Record<TermSeason, [string, string]> = {
    autumn: [`${year}-09-01`, `${year}-12-31`],
    spring: [`${year}-01-01`, `${year}-03-31`],
    summer: [`${year}-04-01`, `${year}-08-31`],
  }
  const [start, end] = bounds[season]
  return { season, year, start, end, name: `${SEASON_NAMES[season]} ${year}` }
}

/** True when the inclusive ISO date ranges overlap. */
export function overlaps(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
  return aStart.slice(0, 10) <= bEnd.slice(0, 10) && bStart.slice(0, 10) <= aEnd.slice(0, 10)
}
