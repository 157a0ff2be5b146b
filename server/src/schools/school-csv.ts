import Papa from 'papaparse'
import type { Phase } from '@ee/shared/common'

/**
 * Reading a school list in the DfE "Get Information about Schools" layout
 * (urn,name,phase,type,local_authority,postcode,lat,lng,…). Pure: database checks come later.
 */

export const REQUIRED_COLUMNS = ['urn', 'name', 'phase', 'lat', 'lng'] as const
export const MAX_ROWS = 5000

const PHASES: Record<string, Phase> = {
  nursery: 'nursery',
  primary: 'primary',
  'middle deemed primary': 'primary',
  secondary: 'secondary',
  // GIAS middle schools are mostly "deemed secondary"; when the file does not say, we take secondary.
  middle: 'secondary',
  'middle deemed secondary': 'secondary',
  'all-through': 'all_through',
  all_through: 'all_through',
  'all through': 'all_through',
  '16-plus': 'post16',
  '16 plus': 'post16',
  post16: 'post16',
  'post-16': 'post16',
  special: 'special',
  'alternative-provision': 'alternative_provision',
  alternative_provision: 'alternative_provision',
  'alternative provision': 'alternative_provision',
}

export function mapPhase(text: string): Phase | null {
  return PHASES[text.trim().toLowerCase().replace(/\s+/g, ' ')] ?? null
}

export type SchoolCsvRow = {
  line: number
  urn: number | null
  name: string
  phase: Phase | null
  type: string
  postcode: string
  lat: number | null
  lng: number | null
  cluster: string | null
  releaseDaysPerTerm: number | null
  reasons: string[]
}

export type ParsedCsv<T> = { ok: true; rows: T[] } | { ok: false; message: string }

/** Header names are matched without case or surrounding spaces. */
export function readCsv(csv: string): { header: string[]; records: Record<string, string>[] } {
  const result = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  })
  return { header: result.meta.fields ?? [], records: result.data }
}

function coordinate(value: string | undefined, label: string, limit: number, reasons: string[]): number | null {
  const text = (value ?? '').trim()
  if (!text) {
    reasons.push(`The ${label} is missing`)
    return null
  }
  const n = Number(text)
  if (!Number.isFinite(n) || n < -limit || n > limit) {
    reasons.push(`The ${label} "${text}" is not a number between -${limit} and ${limit}`)
    return null
  }
  return n
}

export function parseSchoolsCsv(csv: string): ParsedCsv<SchoolCsvRow> {
  const { header, records } = readCsv(csv)
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c))
  if (missing.length) {
    return { ok: false, message: `The file needs the columns ${REQUIRED_COLUMNS.join(', ')} in its first line; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.` }
  }
  if (records.length === 0) return { ok: false, message: 'The file has a header but no schools.' }
  if (records.length > MAX_ROWS) return { ok: false, message: `The file has ${records.length} schools; import at most ${MAX_ROWS} at a time.` }

  const firstLineOfUrn = new Map<number, number>()
  const rows = records.map((r, i): SchoolCsvRow => {
    const line = i + 2
    const reasons: string[] = []
    const urnText = (r.urn ?? '').trim()
    let urn: number | null = null
    if (!urnText) reasons.push('The URN is missing')
    else if (!/^\d{1,8}$/.test(urnText) || Number(urnText) === 0) reasons.push(`The URN "${urnText}" is not a whole number of up to 8 digits`)
    else {
      urn = Number(urnText)
      const first = firstLineOfUrn.get(urn)
      if (first !== undefined) reasons.push(`URN ${urn} appears twice in the file (also on line ${first})`)
      else firstLineOfUrn.set(urn, line)
    }
    const name = (r.name ?? '').trim()
    if (!name) reasons.push('The school name is missing')
    else if (name.length > 200) reasons.push('The school name is longer than 200 characters')
    const phaseText = (r.phase ?? '').trim()
    const phase = phaseText ? mapPhase(phaseText) : null
    if (!phaseText) reasons.push('The phase is missing')
    else if (!phase) reasons.push(`The phase "${phaseText}" is not one we know (primary, secondary, all-through, middle, nursery, 16-plus, special or alternative-provision)`)
    const lat = coordinate(r.lat, 'latitude', 90, reasons)
    const lng = coordinate(r.lng, 'longitude', 180, reasons)
    const releaseText = (r.release_days_per_term ?? '').trim()
    let releaseDaysPerTerm: number | null = null
    if (releaseText) {
      if (/^\d{1,3}$/.test(releaseText) && Number(releaseText) <= 200) releaseDaysPerTerm = Number(releaseText)
      else reasons.push(`The release days "${releaseText}" are not a whole number from 0 to 200`)
    }
    return {
      line, urn, name: name.slice(0, 200), phase, type: (r.type ?? '').trim().slice(0, 120),
      postcode: (r.postcode ?? '').trim().toUpperCase().slice(0, 10), lat, lng,
      cluster: (r.cluster ?? '').trim().slice(0, 80) || null, releaseDaysPerTerm, reasons,
    }
  })
  return { ok: true, rows }
}
