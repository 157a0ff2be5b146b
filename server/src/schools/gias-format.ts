import iconv from 'iconv-lite'
import Papa from 'papaparse'
import { latLngToGrid } from './grid.ts'

/**
 * Writes schools as a Get Information about Schools download looks: its own column names and order
 * (a subset of its 140-odd columns), the phase and status words it uses, dates as DD-MM-YYYY and
 * British National Grid Easting/Northing instead of latitude and longitude. For tests and demos.
 */
export const GIAS_COLUMNS = [
  'URN', 'LA (code)', 'LA (name)', 'EstablishmentNumber', 'EstablishmentName', 'TypeOfEstablishment (name)',
  'EstablishmentStatus (name)', 'OpenDate', 'CloseDate', 'PhaseOfEducation (name)', 'StatutoryLowAge', 'StatutoryHighAge',
  'Street', 'Town', 'Postcode', 'SchoolWebsite', 'Trusts (code)', 'Trusts (name)', 'Easting', 'Northing',
] as const

export type GiasSchool = {
  urn: number | string
  name: string
  /** Our phase words (primary, secondary, all-through, middle, nursery, 16-plus, special, alternative-provision) or GIAS's own. */
  phase: string
  type?: string
  postcode?: string
  lat?: number | null
  lng?: number | null
  trustId?: string | number | null
  trustName?: string | null
  /** open, closed, open-proposed-to-close, proposed-to-open (as in ../shared/data) or GIAS's own words. */
  status?: string
  closedOn?: string | null
  localAuthority?: string
}

const PHASE_WORDS: Record<string, string> = {
  primary: 'Primary', secondary: 'Secondary', 'all-through': 'All-through', middle: 'Middle deemed secondary',
  nursery: 'Nursery', '16-plus': '16 plus', special: 'Not applicable', 'alternative-provision': 'Not applicable',
}
const STATUS_WORDS: Record<string, string> = {
  open: 'Open', closed: 'Closed', 'open-proposed-to-close': 'Open, but proposed to close', 'proposed-to-open': 'Proposed to open',
}

export function giasRecord(s: GiasSchool): Record<(typeof GIAS_COLUMNS)[number], string> {
  const grid = s.lat != null && s.lng != null ? latLngToGrid({ lat: s.lat, lng: s.lng }) : null
  const closed = s.closedOn ? s.closedOn.split('-').reverse().join('-') : ''
  return {
    URN: String(s.urn), 'LA (code)': '', 'LA (name)': s.localAuthority ?? '', EstablishmentNumber: '', EstablishmentName: s.name,
    'TypeOfEstablishment (name)': s.type ?? '', 'EstablishmentStatus (name)': STATUS_WORDS[s.status ?? 'open'] ?? s.status ?? 'Open',
    OpenDate: '', CloseDate: closed, 'PhaseOfEducation (name)': PHASE_WORDS[s.phase] ?? s.phase, StatutoryLowAge: '', StatutoryHighAge: '',
    Street: '', Town: '', Postcode: s.postcode ?? '', SchoolWebsite: '', 'Trusts (code)': s.trustId != null ? String(s.trustId) : '',
    'Trusts (name)': s.trustName ?? '', Easting: grid ? String(grid.easting) : '', Northing: grid ? String(grid.northing) : '',
  }
}

/** The CSV text (CRLF lines, as GIAS writes them). Encode it with `toWindows1252` for a byte-true download. */
export function giasCsv(schools: GiasSchool[]): string {
  return Papa.unparse({ fields: [...GIAS_COLUMNS], data: schools.map((s) => GIAS_COLUMNS.map((c) => giasRecord(s)[c])) }, { newline: '\r\n' })
}

/** Windows-1252 bytes of the text, as GIAS serves its downloads. */
export function toWindows1252(text: string): Uint8Array {
  return iconv.encode(text, 'win1252')
}
