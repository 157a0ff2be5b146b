const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })

/** `2027-01-12` or an ISO instant → `12 Jan 2027`. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—'
  const d = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : value
  return Number.isNaN(d.getTime()) ? '—' : dateFormat.format(d)
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—'
  const d = typeof value === 'string' ? new Date(value) : value
  return Number.isNaN(d.getTime()) ? '—' : dateTimeFormat.format(d)
}

const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' })

/** `3 days ago`, `yesterday`, `last month`. */
export function formatAgo(value: string | Date | null | undefined, now = new Date()): string {
  if (!value) return 'not yet active'
  const d = typeof value === 'string' ? new Date(value) : value
  const seconds = (d.getTime() - now.getTime()) / 1000
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3600], ['minute', 60]]
  for (const [unit, size] of steps) if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit)
  return 'just now'
}

export function formatDays(days: number): string {
  return `${days % 1 === 0 ? days : days.toFixed(1)} ${days === 1 ? 'day' : 'days'}`
}

/**
 * A term by name from its first day (`2027-01-04` → `Spring 2027`): terms start in September to
 * December, January to March, or April to June, whatever the trust's calendar. Not for other dates:
 * the server names the term of any date by the trust's calendar.
 */
export function termName(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4))
  const month = Number(isoDate.slice(5, 7))
  return month >= 9 ? `Autumn ${year}` : month <= 3 ? `Spring ${year}` : `Summer ${year}`
}

export function formatKm(km: number | null | undefined): string {
  if (km === null || km === undefined) return ''
  return km < 1 ? 'under 1 km away' : `${Math.round(km)} km away`
}
