import type { z } from 'zod'
import { MODE_LABELS, PHASE_LABELS, ROLE_LABELS } from './common.ts'

/**
 * The one error map (issue #13): every check a zod schema makes, said in words a headteacher uses and
 * naming the field as the form does. A schema's own message (`.max(160, 'Use at most 160 characters')`)
 * still wins; this map speaks for every check that has none. The server's validator and every form's
 * resolver pass it explicitly: `schema.safeParse(value, PLAIN_ENGLISH)`.
 *
 * Never in a message: "Invalid input", "expected", or a type name (string, boolean, array, object,
 * undefined, null, NaN…): `server/src/messages.api.test.ts` walks every route and fails on them.
 */

/** What each field is called, as a noun phrase a sentence can start with ("the evidence of impact"). */
const LABELS: Record<string, string> = {
  // requests
  title: 'the title',
  problem: 'what you see',
  tried: 'what you have tried',
  outcome: 'what success looks like',
  areas: 'the areas',
  subjects: 'the subjects',
  phases: 'the phases',
  modes: 'the kinds of help',
  expertsWanted: 'the number of experts wanted',
  daysPerExpert: 'the days per expert',
  window: 'the window for the work',
  'window.start': 'the date the window starts',
  'window.end': 'the date the window ends',
  confidentiality: 'who may read it',
  version: 'the version you edited',
  autoInvite: 'whether to invite the next suggestion automatically',
  objectType: 'the kind of record',
  objectId: 'the record',
  // expertise
  summary: 'the summary',
  evidence: 'the evidence of impact',
  capacityDaysPerTerm: 'the days you can give per term',
  termDays: 'the days in a particular term',
  'termDays.autumn': 'the days in the autumn term',
  'termDays.spring': 'the days in the spring term',
  'termDays.summer': 'the days in the summer term',
  active: '“Open to new work”',
  paused: '“Pause all my availability”',
  // offers, engagements, releases
  expertiseId: 'your expertise',
  message: 'how you would help',
  days: 'the number of days',
  proposedStart: 'the date you could start',
  proposedEnd: 'the date you could finish',
  note: 'the note',
  date: 'the date',
  impact: 'the impact',
  reflection: 'your reflection',
  shareWithTrust: '“Share the case with the whole trust”',
  reason: 'the reason',
  // people, sign-in
  email: 'the e-mail address',
  password: 'the password',
  currentPassword: 'your current password',
  newPassword: 'the new password',
  repeat: 'the new password again',
  token: 'the link',
  name: 'the name',
  role: 'the role',
  schoolId: 'the school',
  personId: 'the person',
  colleagueId: 'the colleague',
  // areas, schools, clusters, calendar
  slug: 'the slug',
  description: 'the description',
  parentId: 'the strand',
  position: 'the position',
  retired: '“Retired”',
  releaseDaysPerTerm: 'the release days per term',
  cluster: 'the cluster',
  clusterId: 'the cluster',
  schoolIds: 'the schools',
  intoId: 'the cluster to merge into',
  csv: 'the CSV file',
  terms: 'the terms',
  'terms.name': 'the name',
  'terms.start': 'the start date',
  'terms.end': 'the end date',
  'terms.halfTerm': 'the half-term',
  'terms.halfTerm.start': 'the start of half-term',
  'terms.halfTerm.end': 'the end of half-term',
  closures: 'the closure days',
  'closures.date': 'the date',
  'closures.label': 'the description',
  year: 'the year',
  // lists and filters
  q: 'the search words',
  limit: 'how many to show',
  cursor: 'the page',
  status: 'the status',
  as: 'whose engagements',
  mine: '“Mine only”',
  area: 'the area',
  phase: 'the phase',
  mode: 'the kind of help',
  subject: 'the subject',
  school: 'the school',
  from: 'the start of the period',
  to: 'the end of the period',
  period: 'the period',
  format: 'the format',
  panel: 'the list of suggestions',
  person: 'the person',
  expertise: 'the expertise',
  hasFreeDays: '“Has free days this term”',
  unread: '“Unread only”',
  id: 'the address',
  trustName: 'the trust name',
  trustUid: 'the trust identifier',
  urns: 'the URNs',
  // a trust bundle (admin import)
  ref: 'the ref',
  urn: 'the URN',
  lat: 'the latitude',
  lng: 'the longitude',
  trust: 'the trust',
  schools: 'the schools',
  people: 'the people',
  requests: 'the requests',
  offers: 'the offers',
  engagements: 'the engagements',
}

/** What one entry of a list is called: `terms[1].start` reads "the date the term starts, term 2". */
const ITEM_NOUNS: Record<string, string> = {
  areas: 'area',
  subjects: 'subject',
  phases: 'phase',
  modes: 'kind of help',
  schoolIds: 'school',
  terms: 'term',
  closures: 'closure',
  schools: 'school',
  people: 'person',
  expertise: 'expertise entry',
  requests: 'request',
  offers: 'offer',
  engagements: 'engagement',
  urns: 'URN',
}

/** When a field is missing altogether, what to do: said in full where "Add <the label>" would not be enough. */
const MISSING: Record<string, string> = {
  evidence: 'Add the evidence of impact: what changed, where, and how you know',
  title: 'Add a title',
  problem: 'Describe what you see: the problem as it shows up in your school',
  summary: 'Add a summary: what you could do for another school, and how',
  reflection: 'Add your reflection: what was done, and what changed',
  message: 'Say how you would help: what you have done before, and what you would do here',
  areas: 'Choose at least one area',
  modes: 'Choose at least one kind of help',
  expertiseId: 'Choose which of your expertise you are offering',
  expertsWanted: 'Say how many experts you want',
  daysPerExpert: 'Say how many days each expert should give',
  capacityDaysPerTerm: 'Say how many days you can give per term',
  days: 'Say how many days',
  window: 'Add the window: the dates the work should start and end',
  email: 'Enter an e-mail address, like name@school.org',
  password: 'Enter the password',
  currentPassword: 'Enter your current password',
  newPassword: 'Choose a new password',
  token: 'This link is not complete. Open it again from your e-mail',
  impact: 'Rate the impact from 1 to 5',
  name: 'Add a name',
  role: 'Choose a role',
  csv: 'Choose a CSV file, or paste its contents',
  terms: 'Give the three terms: autumn, spring and summer',
  reason: 'Say why',
}

/** Words for the codes a field may take, as the forms show them. */
const VALUE_LABELS: Record<string, string> = {
  ...PHASE_LABELS,
  ...MODE_LABELS,
  ...ROLE_LABELS,
  trust: 'everyone in the trust',
  invited: 'only people I invite',
  autumn: 'Autumn',
  spring: 'Spring',
  summer: 'Summer',
}

type Issue = z.core.$ZodRawIssue

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const count = (n: number | bigint) => (typeof n === 'bigint' ? n.toString() : n.toLocaleString('en-GB'))
const plural = (n: number | bigint, one: string, many: string) => `${count(n)} ${Number(n) === 1 ? one : many}`
const words = (key: string) => key.replace(/Id$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase()
const quoted = (s: string) => `“${s.length > 40 ? `${s.slice(0, 40)}…` : s}”`

/** The field's own key: the last named segment of the path (`terms[1].start` → `start`). */
function keyOf(path: readonly PropertyKey[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string
  return undefined
}

/**
 * The field a path names, as the form names it: "the evidence of impact", "the start date of term 2",
 * "area 3". The whole form when the path is empty.
 */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const named = path.filter((p): p is string => typeof p === 'string')
  if (named.length === 0) return 'the form'
  const key = named.at(-1)!
  // The most particular label known: `terms.halfTerm.start`, then `halfTerm.start`, then `start`.
  const own = named.map((_, i) => LABELS[named.slice(i).join('.')]).find(Boolean) ?? `the ${words(key)}`
  // Where the field sits in a list: the innermost list whose entry holds it ("the date of closure 2").
  for (let i = path.length - 1; i >= 1; i--) {
    const at = path[i]
    if (typeof at !== 'number') continue
    const list = path[i - 1]
    const listKey = typeof list === 'string' ? list : ''
    const entry = ITEM_NOUNS[listKey] ? `${ITEM_NOUNS[listKey]} ${at + 1}` : `entry ${at + 1} of ${LABELS[listKey] ?? `the ${words(listKey)}`}`
    return i === path.length - 1 ? entry : `${own} of ${entry}`
  }
  return own
}

const isEmpty = (input: unknown) => input === undefined || input === null || (typeof input === 'number' && Number.isNaN(input))

function missing(issue: Issue, label: string): string {
  const path = issue.path ?? []
  const key = keyOf(path)
  const inList = path.some((p) => typeof p === 'number')
  if (key && !inList && MISSING[key]) return MISSING[key]
  if (!key) return 'The form is empty: fill it in and send it again'
  if (issue.code === 'invalid_type' && issue.expected === 'boolean') return `Answer yes or no to ${label}`
  if (issue.code === 'invalid_type' && (issue.expected === 'array' || issue.expected === 'set')) return `Choose ${label}`
  return `Add ${label}`
}

/** "a whole number": the kind of value a field takes, in a head's words. */
function kindOf(expected: string): string {
  switch (expected) {
    case 'string':
      return 'written as text'
    case 'number':
      return 'a number'
    case 'int':
      return 'a whole number'
    case 'array':
    case 'set':
    case 'tuple':
      return 'a list'
    case 'date':
      return 'a date, like 2027-03-01'
    default:
      return 'filled in as the form asks'
  }
}

function valueWords(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? (VALUE_LABELS[v] ?? words(v)) : String(v)))
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)!}`
}

/** "the areas of school 2" → "areas of school 2", for "Choose at most 10 areas of school 2". */
const listWords = (label: string) => (label.startsWith('the ') ? label.slice(4) : `for ${label}`)

function tooBig(issue: Extract<Issue, { code: 'too_big' }>, label: string, Label: string): string {
  const max = issue.maximum
  switch (issue.origin) {
    case 'string':
      return issue.exact ? `${Label} must be exactly ${plural(max, 'character', 'characters')}` : `${Label} can be at most ${plural(max, 'character', 'characters')}`
    case 'array':
    case 'set':
      return issue.exact ? `${Label} must have exactly ${plural(max, 'entry', 'entries')}` : `Choose at most ${count(max)} ${listWords(label)}`
    case 'date':
      return `${Label} must be on or before ${String(max)}`
    case 'file':
      return `${Label} is too large`
    default:
      return issue.inclusive === false ? `${Label} must be less than ${count(max)}` : `${Label} can be at most ${count(max)}`
  }
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>, label: string, Label: string): string {
  const min = issue.minimum
  switch (issue.origin) {
    case 'string':
      if (Number(min) === 1) return missing(issue, label)
      return issue.exact ? `${Label} must be exactly ${plural(min, 'character', 'characters')}` : `${Label} needs at least ${plural(min, 'character', 'characters')}`
    case 'array':
    case 'set':
      if (issue.exact) return `${Label} must have exactly ${plural(min, 'entry', 'entries')}`
      return Number(min) === 1 ? `Choose at least one of ${label}` : `Choose at least ${count(min)} ${listWords(label)}`
    case 'date':
      return `${Label} must be on or after ${String(min)}`
    default:
      return issue.inclusive === false ? `${Label} must be more than ${count(min)}` : `${Label} must be at least ${count(min)}`
  }
}

function badFormat(issue: Extract<Issue, { code: 'invalid_format' }>, label: string, Label: string): string {
  switch (issue.format) {
    case 'email':
      return 'Enter an e-mail address, like name@school.org'
    case 'date':
      return `${Label} must be a date, like 2027-03-01`
    case 'datetime':
      return `${Label} must be a date and time, like 2027-03-01T09:00:00Z`
    case 'time':
      return `${Label} must be a time, like 09:00`
    case 'uuid':
    case 'guid':
      if (issue.input === '') return missing(issue, label)
      return `${Label} is not one we know. Choose it again from the list`
    case 'cuid':
    case 'cuid2':
    case 'ulid':
    case 'nanoid':
      return `${Label} is not one we know. Choose it again from the list`
    case 'url':
      return `${Label} must be a web address, like https://school.org`
    case 'starts_with':
      return `${Label} must start with ${quoted(String(issue.prefix))}`
    case 'ends_with':
      return `${Label} must end with ${quoted(String(issue.suffix))}`
    case 'includes':
      return `${Label} must include ${quoted(String(issue.includes))}`
    default:
      return `${Label} is not written the way the form asks. Check it and try again`
  }
}

/** The error map itself: one zod issue in, one sentence out. */
export function plainEnglish(issue: Issue): string {
  const path = issue.path ?? []
  const label = fieldLabel(path)
  const Label = capital(label)
  switch (issue.code) {
    case 'invalid_type':
      if (isEmpty(issue.input)) return missing(issue, label)
      if (path.length === 0) return 'Send the form’s fields together, as the form does'
      if (issue.expected === 'boolean') return `Answer yes or no to ${label}`
      return `${Label} must be ${kindOf(issue.expected)}`
    case 'too_big':
      return tooBig(issue, label, Label)
    case 'too_small':
      return tooSmall(issue, label, Label)
    case 'invalid_format':
      return badFormat(issue, label, Label)
    case 'not_multiple_of':
      return issue.divisor === 0.5 ? `${Label} must be in whole or half days` : `${Label} must be a multiple of ${count(issue.divisor)}`
    case 'unrecognized_keys': {
      const keys = issue.keys.slice(0, 5).map(quoted).join(', ')
      const where = path.length === 0 ? 'this form has' : `${label} has`
      return issue.keys.length === 1 ? `Remove ${keys}: ${where} no such field` : `Remove ${keys}: ${where} no such fields`
    }
    case 'invalid_value':
      if (isEmpty(issue.input)) return issue.values.length === 1 ? `${Label} must be ${valueWords(issue.values)}` : `Choose ${label}: ${valueWords(issue.values)}`
      return issue.values.length === 1 ? `${Label} must be ${valueWords(issue.values)}` : `Choose ${label} from: ${valueWords(issue.values)}`
    case 'invalid_union':
      if (isEmpty(issue.input)) return missing(issue, label)
      return `${Label} is not filled in the way the form asks. Check it and try again`
    case 'invalid_key':
    case 'invalid_element':
      return `${Label} has an entry that is not filled in the way the form asks`
    case 'custom':
      return `${Label} is not right. Check it and try again`
    default:
      return `${Label} is not right. Check it and try again`
  }
}

/** The parse options every caller passes: `Schema.safeParse(body, PLAIN_ENGLISH)`, `zodResolver(Schema, PLAIN_ENGLISH)`. */
export const PLAIN_ENGLISH = { error: plainEnglish } as const

/** Words a message must never contain (the test's rule, kept beside the map it checks). */
export const JARGON = /invalid input|expected|received|\b(string|boolean|object|array|undefined|null|nan|bigint|int|integer|float|uuid|guid|regex|enum|tuple|infinity)\b/i
