import iconv from 'iconv-lite'
import Papa from 'papaparse'
import type { Phase } from '@ee/shared/common'
import type { SchoolStatus } from '@ee/shared/schools'
import { GRID_LIMITS, gridToLatLng } from './grid.ts'

/**
 * Reading a school list: either a download from Get Information about Schools as it comes (`URN`,
 * `EstablishmentName`, `PhaseOfEducation (name)`, `Easting`, `Northing`, `Trusts (name)`, … in any order,
 * among its 140-odd columns), or the simple layout `urn,name,phase,lat,lng`. Pure: database checks come later.
 */

/** A trust is far smaller; a whole-country file has about 50,000 lines, of which only the trust's are kept. */
export const MAX_ROWS = 5000

const COLUMNS = {
  urn: ['urn'],
  name: ['establishmentname', 'name'],
  phase: ['phaseofeducation (name)', 'phase'],
  type: ['typeofestablishment (name)', 'type'],
  status: ['establishmentstatus (name)', 'status'],
  closedOn: ['closedate', 'closed_on'],
  postcode: ['postcode'],
  easting: ['easting'],
  northing: ['northing'],
  lat: ['lat', 'latitude'],
  lng: ['lng', 'longitude'],
  trustUid: ['trusts (code)', 'trust_id'],
  trustName: ['trusts (name)', 'trust_name'],
  cluster: ['cluster'],
  releaseDaysPerTerm: ['release_days_per_term'],
} as const
type Column = keyof typeof COLUMNS

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

const norm = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ')

export function mapPhase(text: string): Phase | null {
  return PHASES[norm(text)] ?? null
}

/**
 * GIAS gives special schools and pupil referral units the phase "Not applicable": their type says what
 * they are, and it wins over the phase (a "Foundation special school" of phase "Primary" is special).
 */
export function phaseOf(phaseText: string, typeText: string): Phase | null {
  const type = norm(typeText)
  if (type.includes('special')) return 'special'
  if (type.includes('pupil referral') || type.includes('alternative provision')) return 'alternative_provision'
  return mapPhase(phaseText) ?? (type.includes('nursery') ? 'nursery' : null)
}

const STATUSES: Record<string, SchoolStatus> = {
  open: 'open',
  'open, but proposed to close': 'open',
  'open-proposed-to-close': 'open',
  'proposed to open': 'open',
  'proposed-to-open': 'open',
  closed: 'closed',
}

/**
 * GIAS downloads are Windows-1252; a file saved by a spreadsheet may be UTF-8. Invalid UTF-8 means the
 * former. (iconv-lite, because Node's TextDecoder('windows-1252') decodes as Latin-1: 0x92 is not ’.)
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252')
  }
}

/** A small CSV with a header row, names matched without case or surrounding spaces (also read by people's invitations). */
export function readCsv(csv: string): { header: string[]; records: Record<string, string>[] } {
  const result = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  })
  return { header: result.meta.fields ?? [], records: result.data }
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
  /** Why there is no location, when there is none and nothing is wrong with the line otherwise (an existing school keeps its own). */
  locationMissing: string | null
  status: SchoolStatus
  closedOn: string | null
  cluster: string | null
  releaseDaysPerTerm: number | null
  reasons: string[]
}

export type Selector = { trustName?: string; trustUid?: string; urns?: number[] }
export type Layout = 'gias' | 'simple'

export type ParsedCsv =
  | { ok: true; layout: Layout; rows: SchoolCsvRow[]; otherTrusts: number; urnsNotInFile: number[] }
  | { ok: false; path: 'csv' | 'trustName' | 'trustUid' | 'urns'; message: string }

function columnIndexes(header: string[]): Partial<Record<Column, number>> {
  const names = header.map(norm)
  const out: Partial<Record<Column, number>> = {}
  for (const [column, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const i = names.findIndex((n) => aliases.includes(n))
    if (i >= 0) out[column] = i
  }
  return out
}

function dateOf(text: string): string | null {
  const t = text.trim()
  const uk = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(t)
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)
  const [y, m, d] = uk ? [uk[3]!, uk[2]!, uk[1]!] : iso ? [iso[1]!, iso[2]!, iso[3]!] : []
  if (!y) return null
  const date = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`
  return Number.isNaN(Date.parse(date)) ? null : date
}

function num(text: string, label: string, [min, max]: readonly [number, number], what: string, reasons: string[]): number | null {
  const n = Number(text)
  if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(n)) reasons.push(`${label} "${text}" is not a number`)
  else if (n < min || n > max) reasons.push(`${label} ${text} is outside ${what} (${min.toLocaleString('en-GB')} to ${max.toLocaleString('en-GB')})`)
  else return n
  return null
}

/** Reads the trust's lines of the file. Lines of other trusts are counted, not checked. */
export function parseSchoolsCsv(csv: string, selector: Selector = {}): ParsedCsv {
  let header: string[] | null = null
  let at: Partial<Record<Column, number>> = {}
  let failure: ParsedCsv | null = null
  let lineNo = 0
  let otherTrusts = 0
  let layout: Layout = 'simple'
  const rows: SchoolCsvRow[] = []
  const firstLineOfUrn = new Map<number, number>()
  const seenUrns = new Set<number>()
  const wantedName = selector.trustName !== undefined ? norm(selector.trustName) : undefined
  const wantedUrns = selector.urns ? new Set(selector.urns) : undefined

  Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), {
    skipEmptyLines: 'greedy',
    step: (result, parser) => {
      lineNo += 1
      const cells = result.data
      if (header === null) {
        header = cells
        at = columnIndexes(cells)
        layout = at.easting !== undefined || cells.map(norm).includes('establishmentname') ? 'gias' : 'simple'
        failure = checkHeader(at, layout, selector)
        if (failure) parser.abort()
        return
      }
      const get = (c: Column) => (at[c] === undefined ? '' : (cells[at[c]] ?? '').trim())
      const urnText = get('urn')
      if (wantedUrns) {
        if (!/^\d{1,8}$/.test(urnText) || !wantedUrns.has(Number(urnText))) return void (otherTrusts += 1)
        seenUrns.add(Number(urnText))
      } else if (wantedName !== undefined && norm(get('trustName')) !== wantedName) return void (otherTrusts += 1)
      else if (selector.trustUid !== undefined && get('trustUid') !== selector.trustUid) return void (otherTrusts += 1)
      if (rows.length === MAX_ROWS) {
        failure = { ok: false, path: 'csv', message: `More than ${MAX_ROWS.toLocaleString('en-GB')} schools of the file are your trust's; import at most ${MAX_ROWS.toLocaleString('en-GB')} at a time.` }
        parser.abort()
        return
      }
      rows.push(readRow(lineNo, get, layout, firstLineOfUrn))
    },
  })
  if (failure) return failure
  if (header === null) return { ok: false, path: 'csv', message: 'The file is empty.' }
  if (rows.length === 0) {
    if (lineNo <= 1) return { ok: false, path: 'csv', message: 'The file has a header but no schools.' }
    const [path, message] = selector.urns
      ? (['urns', 'None of these URNs is in the file.'] as const)
      : selector.trustUid !== undefined
        ? (['trustUid', `No school in the file has the trust UID ${selector.trustUid} (column "Trusts (code)").`] as const)
        : (['trustName', `No school in the file belongs to a trust named "${selector.trustName}" (column "Trusts (name)"). Check the spelling as GIAS writes it.`] as const)
    return { ok: false, path, message }
  }
  const urnsNotInFile = selector.urns ? selector.urns.filter((u) => !seenUrns.has(u)) : []
  return { ok: true, layout, rows, otherTrusts, urnsNotInFile }
}

function checkHeader(at: Partial<Record<Column, number>>, layout: Layout, selector: Selector): ParsedCsv | null {
  const required: [Column, string][] =
    layout === 'gias'
      ? [['urn', 'URN'], ['name', 'EstablishmentName'], ['phase', 'PhaseOfEducation (name)'], ['easting', 'Easting'], ['northing', 'Northing']]
      : [['urn', 'urn'], ['name', 'name'], ['phase', 'phase'], ['lat', 'lat'], ['lng', 'lng']]
  const missing = required.filter(([c]) => at[c] === undefined).map(([, label]) => label)
  if (missing.length) {
    const message =
      layout === 'gias'
        ? `The file needs the GIAS columns URN, EstablishmentName, PhaseOfEducation (name), Easting and Northing; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`
        : `The file needs the columns of a Get Information about Schools download (URN, EstablishmentName, PhaseOfEducation (name), Easting, Northing), or urn, name, phase, lat, lng; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`
    return { ok: false, path: 'csv', message }
  }
  if (selector.trustName !== undefined && at.trustName === undefined) {
    return { ok: false, path: 'trustName', message: 'The file has no "Trusts (name)" column to find your trust by; give a list of URNs instead.' }
  }
  if (selector.trustUid !== undefined && at.trustUid === undefined) {
    return { ok: false, path: 'trustUid', message: 'The file has no "Trusts (code)" column to find your trust by; give a list of URNs instead.' }
  }
  const noSelector = selector.trustName === undefined && selector.trustUid === undefined && selector.urns === undefined
  if (noSelector && layout === 'gias') {
    return { ok: false, path: 'trustName', message: "This file lists schools of many trusts: give your trust's name, its UID or a list of URNs to say which are yours." }
  }
  return null
}

function readRow(line: number, get: (c: Column) => string, layout: Layout, firstLineOfUrn: Map<number, number>): SchoolCsvRow {
  const reasons: string[] = []
  const urnText = get('urn')
  let urn: number | null = null
  if (!urnText) reasons.push('The URN is missing')
  else if (!/^\d{1,8}$/.test(urnText) || Number(urnText) === 0) reasons.push(`The URN "${urnText}" is not a whole number of up to 8 digits`)
  else {
    urn = Number(urnText)
    const first = firstLineOfUrn.get(urn)
    if (first !== undefined) reasons.push(`URN ${urn} appears twice in the file (also on line ${first})`)
    else firstLineOfUrn.set(urn, line)
  }
  const name = get('name')
  if (!name) reasons.push('The school name is missing')
  else if (name.length > 200) reasons.push('The school name is longer than 200 characters')
  const phaseText = get('phase')
  const type = get('type')
  const phase = phaseOf(phaseText, type)
  if (!phase) {
    reasons.push(
      phaseText
        ? `The phase "${phaseText}"${type ? ` of a "${type}"` : ''} is not one we know (primary, secondary, all-through, middle, nursery, 16 plus, special or alternative provision)`
        : 'The phase is missing',
    )
  }
  const statusText = get('status')
  const status = statusText ? STATUSES[norm(statusText)] : 'open'
  if (!status) reasons.push(`The status "${statusText}" is not one we know (Open or Closed)`)

  let lat: number | null = null
  let lng: number | null = null
  let locationMissing: string | null = null
  if (layout === 'gias') {
    const [e, n] = [get('easting'), get('northing')]
    if (!e && !n) locationMissing = 'The Easting and Northing are missing'
    else if (!e || !n) reasons.push(!e ? 'The Easting is missing' : 'The Northing is missing')
    else {
      const easting = num(e, 'Easting', GRID_LIMITS.easting, 'Great Britain', reasons)
      const northing = num(n, 'Northing', GRID_LIMITS.northing, 'Great Britain', reasons)
      if (easting !== null && northing !== null) ({ lat, lng } = gridToLatLng({ easting, northing }))
    }
  } else {
    const [la, ln] = [get('lat'), get('lng')]
    if (!la && !ln) locationMissing = 'The latitude and longitude are missing'
    else if (!la || !ln) reasons.push(!la ? 'The latitude is missing' : 'The longitude is missing')
    else {
      lat = num(la, 'The latitude', [-90, 90], 'the range', reasons)
      lng = num(ln, 'The longitude', [-180, 180], 'the range', reasons)
    }
  }
  const releaseText = get('releaseDaysPerTerm')
  let releaseDaysPerTerm: number | null = null
  if (releaseText) {
    if (/^\d{1,3}$/.test(releaseText) && Number(releaseText) <= 200) releaseDaysPerTerm = Number(releaseText)
    else reasons.push(`The release days "${releaseText}" are not a whole number from 0 to 200`)
  }
  return {
    line, urn, name: name.slice(0, 200), phase, type: type.slice(0, 120),
    postcode: get('postcode').toUpperCase().replace(/\s+/g, ' ').slice(0, 10), lat, lng, locationMissing,
    status: status ?? 'open', closedOn: status === 'closed' ? dateOf(get('closedOn')) : null,
    cluster: get('cluster').slice(0, 80) || null, releaseDaysPerTerm, reasons,
  }
}
