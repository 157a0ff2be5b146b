/**
 * Text that identifies a pupil (docs/design.md §11, issue 14). The product never needs a child's identity:
 * a Unique Pupil Number or a date of birth next to a name is refused by the server, and the same function
 * warns the head as they type. "A pupil called X" is only a warning: the words are often innocent.
 *
 * UPN (DfE, "Unique pupil numbers" guidance): 13 characters, a check letter, the LA code (3 digits), the
 * establishment number (4), the year of issue (2) and a serial (3); a temporary UPN ends in a letter.
 * The check letter is the sum of characters 2–13 weighted 2–13, modulo 23, read from CHECK_LETTERS; a
 * letter in position 13 counts its place in that same list. A 13-character reference whose check letter
 * is wrong is not a UPN (unless the text calls it one), so phone numbers and order numbers pass.
 */

export const PUPIL_DATA_KINDS = ['upn', 'date_of_birth', 'pupil_name'] as const
export type PupilDataKind = (typeof PUPIL_DATA_KINDS)[number]

export type PupilDataFinding = { kind: PupilDataKind; match: string; index: number }

/** The 23 letters a check letter may be, in order of value (DfE: I, O and S are never used). */
const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ'

const UPN_CANDIDATE = new RegExp(`\\b[${CHECK_LETTERS}]\\d{11}[0-9${CHECK_LETTERS}]\\b`, 'gi')
/** The text itself says it is a UPN: refused whatever its check letter (a mistyped UPN is still one). */
const LABELLED_UPN = /\bu\.?p\.?n\.?\s*(?:no\.?|number)?\s*[:#-]?\s*([a-z]\d{11}[0-9a-z])\b/gi

/** Whether a 13-character string is a UPN with a correct check letter. */
export function isValidUpn(value: string): boolean {
  const upn = value.toUpperCase()
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn)) return false
  let sum = 0
  for (let i = 1; i < 13; i++) {
    const c = upn[i]!
    const v = /\d/.test(c) ? Number(c) : CHECK_LETTERS.indexOf(c)
    if (v < 0) return false
    sum += v * (i + 1)
  }
  return CHECK_LETTERS[sum % 23] === upn[0]
}

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'
const DATE = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})`
/** "DOB 12/03/2016", "d.o.b.: 4 March 2015", "date of birth 2015-03-04", "born on 4th May 2016". */
const LABELLED_DOB = new RegExp(`\\b(?:d\\.?o\\.?b\\.?|date\\s+of\\s+birth|birth\\s*date|birthday|born(?:\\s+on)?)\\s*[:\\-]?\\s*(?:is\\s+|was\\s+)?${DATE}`, 'gi')
/** A forename and surname followed at once by a date: "Amelia Stone (12/03/2016)", "Amelia Stone, 12.03.16". */
const NAME_THEN_DATE = new RegExp(`\\b([A-Z][a-z'’-]+)\\s+([A-Z][a-z'’-]+)\\s*(?:\\(|,|-|–)?\\s*(${DATE})`, 'g')
/** Capitalised words that start sentences or name terms and events, never a pupil. */
const NOT_NAMES = new Set(
  `The This That These Those Our We Year Term Spring Summer Autumn Half Monday Tuesday Wednesday Thursday Friday Saturday Sunday
   January February March April May June July August September October November December Ofsted Inset School Academy Trust
   Inspection Visit Review Meeting Training Day Since From Until Before After On In At By Mock Exams Results Census Data`.split(/\s+/),
)

/** The year of a date as written: two-digit years are 20xx. */
function yearOf(date: string): number | null {
  const four = /\b(\d{4})\b/.exec(date)
  if (four) return Number(four[1])
  const two = /[/.-](\d{2})$/.exec(date.trim())
  return two ? 2000 + Number(two[1]) : null
}

const PUPIL_NAME =
  /\b(?:pupil|child|student|learner|boy|girl|son|daughter)s?\s+(?:called|named|known as)\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?|\b(?:pupil|child|student|learner)\s+[A-Z][a-z'-]+\s+[A-Z][a-z'-]+/g

/**
 * Every pupil-identifying piece of `value`, in order. `today` decides which years a pupil can have been
 * born in (2 to 20 years ago): a name next to such a date is a date of birth, next to this term's date not.
 */
export function findPupilData(value: string, today: Date = new Date()): PupilDataFinding[] {
  const out: PupilDataFinding[] = []
  const seen = new Set<number>()
  const add = (kind: PupilDataKind, match: string, index: number) => {
    if (seen.has(index)) return
    seen.add(index)
    out.push({ kind, match, index })
  }
  for (const m of value.matchAll(LABELLED_UPN)) add('upn', m[0], m.index)
  for (const m of value.matchAll(UPN_CANDIDATE)) if (isValidUpn(m[0])) add('upn', m[0], m.index)
  for (const m of value.matchAll(LABELLED_DOB)) add('date_of_birth', m[0], m.index)
  const thisYear = today.getUTCFullYear()
  for (const m of value.matchAll(NAME_THEN_DATE)) {
    if (NOT_NAMES.has(m[1]!) || NOT_NAMES.has(m[2]!)) continue
    const year = yearOf(m[3]!)
    if (year !== null && year >= thisYear - 20 && year <= thisYear - 2) add('date_of_birth', m[0], m.index)
  }
  for (const m of value.matchAll(PUPIL_NAME)) add('pupil_name', m[0], m.index)
  return out.sort((a, b) => a.index - b.index)
}

/** What to tell the head, per kind: what to remove, and why. Never echoes the text (problems are logged). */
export const PUPIL_DATA_MESSAGES: Record<PupilDataKind, string> = {
  upn: 'This contains a Unique Pupil Number. Remove it: describe the school-level need, never identify a child.',
  date_of_birth: 'This contains a date of birth next to a name. Remove the date of birth and the name: describe the need, not the child.',
  pupil_name: 'This looks like it names a pupil. Describe the school-level need; never name or identify a child.',
}

/** The kinds the server refuses; a pupil's name alone is only a warning. */
export const REFUSED_PUPIL_DATA: readonly PupilDataKind[] = ['upn', 'date_of_birth']

/** The first finding the server refuses, or undefined when the text may be stored. */
export function refusedPupilData(value: string, today?: Date): PupilDataFinding | undefined {
  return findPupilData(value, today).find((f) => REFUSED_PUPIL_DATA.includes(f.kind))
}

/**
 * A zod refinement for free text a person writes about the work (requests, session notes, reflections):
 * `text().trim().max(…).superRefine(noPupilData)`. The 400 names the field and says what to remove.
 */
export function noPupilData(value: string, ctx: { addIssue: (issue: { code: 'custom'; message: string; input: string }) => void }): void {
  const found = refusedPupilData(value)
  if (found) ctx.addIssue({ code: 'custom', message: PUPIL_DATA_MESSAGES[found.kind], input: value })
}
