import { z } from 'zod'

/** Half of a surrogate pair: a high one not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * What PostgreSQL cannot keep in a text column (a NUL byte) or in jsonb (half of a UTF-16 surrogate
 * pair, e.g. a broken emoji): refused at the schema, so no such input ever reaches the database as a
 * 500 (docs/design.md §9). Returns what to tell the person, or undefined when the text can be stored.
 */
export function unstorableCharacter(value: string): string | undefined {
  if (value.includes('\u0000')) return 'a null byte'
  if (LONE_SURROGATE.test(value)) return 'half of a character, such as a broken emoji'
  return undefined
}

/**
 * Every string a request carries (body, query string, params) starts here instead of `z.string()`:
 * the same checks as z.string() plus one refinement that names what to remove.
 */
export const text = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).superRefine((value, ctx) => {
    const what = unstorableCharacter(value)
    if (what) ctx.addIssue({ code: 'custom', message: `This contains a character that cannot be stored (${what}); remove it`, input: value })
  })

/** Any 8-4-4-4-12 hex id, as PostgreSQL's uuid type accepts (not only RFC 4122 v4). */
/** A missing value falls through to the error map (shared/src/messages.ts), which says what to add. */
const unlessMissing = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? undefined : message)

export const IdSchema = z.guid({ error: (issue) => (issue.input === undefined || issue.input === '' ? undefined : 'Must be a valid id') })
export type Id = z.infer<typeof IdSchema>
export const IdParamsSchema = z.object({ id: IdSchema })

export const PHASES = ['nursery', 'primary', 'secondary', 'all_through', 'post16', 'special', 'alternative_provision'] as const
export const PhaseSchema = z.enum(PHASES)
export type Phase = z.infer<typeof PhaseSchema>

export const MODES = ['fresh_eyes', 'feedback', 'implementation', 'coaching', 'joint_practice'] as const
export const ModeSchema = z.enum(MODES)
export type Mode = z.infer<typeof ModeSchema>

export const ROLES = ['headteacher', 'teacher', 'central', 'admin'] as const
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

export const PHASE_LABELS: Record<Phase, string> = {
  nursery: 'Nursery',
  primary: 'Primary',
  secondary: 'Secondary',
  all_through: 'All-through',
  post16: 'Post-16',
  special: 'Special',
  alternative_provision: 'Alternative provision',
}

export const MODE_LABELS: Record<Mode, string> = {
  fresh_eyes: 'Fresh eyes',
  feedback: 'Independent feedback',
  implementation: 'Implementation support',
  coaching: 'Coaching',
  joint_practice: 'Joint practice',
}

export const ROLE_LABELS: Record<Role, string> = {
  headteacher: 'Headteacher',
  teacher: 'Teacher',
  central: 'Central team',
  admin: 'Trust administrator',
}

/** A calendar date as `YYYY-MM-DD`, checked to be a real day. */
export const IsoDateSchema = z.iso.date({ error: unlessMissing('Use a date like 2027-01-12') })
export const IsoDateTimeSchema = z.iso.datetime({ offset: true, error: unlessMissing('Use a date and time like 2026-11-02T09:00:00Z') })

export const DateWindowSchema = z
  .object({ start: IsoDateSchema, end: IsoDateSchema })
  .refine((w) => w.end >= w.start, { message: 'The window must end on or after its start', path: ['end'] })

export const SlugSchema = text()
  .trim()
  .min(2, 'Use at least 2 characters')
  .max(60, 'Use at most 60 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and hyphens, like early-reading')

export const SubjectSchema = text()
  .trim()
  .toLowerCase()
  .min(2, 'Use at least 2 characters')
  .max(40, 'Use at most 40 characters')
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'Use a lower-case word such as english or design-technology')

export const EmailSchema = text().trim().toLowerCase().max(254, 'Use at most 254 characters').pipe(z.email({ message: 'Enter an e-mail address like name@school.org' }))

/** Length only; how guessable it is, is shared/src/password-policy.ts (checked on the server and, lazily, in the browser). */
export const PasswordSchema = text()
  .min(12, 'Use at least 12 characters')
  .max(128, 'Use at most 128 characters')

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}

const CURSOR_MESSAGE = 'That cursor is not one this server gave; start again from the first page'
/** Where the next page starts, exactly as the last answer's `nextCursor` gave it (opaque). */
export const CursorSchema = z.string().max(100, CURSOR_MESSAGE).regex(/^[A-Za-z0-9_-]+$/, CURSOR_MESSAGE)

/** How a list answers: a page of JSON (the default), or every page as one CSV file (`format=csv`). */
export const ListFormatSchema = z.enum(['json', 'csv'], { message: 'Choose json or csv' })
export type ListFormat = z.infer<typeof ListFormatSchema>
/** The query of a short list that is not paged (the five nearest cases): only its format. */
export const ListFormatQuerySchema = z.object({ format: ListFormatSchema.optional() })

/**
 * `limit` and `cursor` of a list (IN-2): no list answers more than `max` items at a time; a client
 * follows `nextCursor` until it is null. `format=csv` answers every page, with the same filters, as CSV.
 */
export function pageQuery(max: number, byDefault: number) {
  return z.object({
    format: ListFormatSchema.optional(),
    limit: z.coerce
      .number<number | string>({ message: 'Give limit as a whole number' })
      .int('Give limit as a whole number')
      .min(1, 'Ask for at least 1')
      .max(max, `Ask for at most ${max} at a time`)
      .default(byDefault),
    cursor: CursorSchema.optional(),
  })
}
export type PageQuery = { limit: number; cursor?: string | undefined }

/** Most lists: 50 at a time, at most 100. Reference lists (areas, schools, clusters) come 500 at a time. */
export const LIST_PAGE_MAX = 100
export const REFERENCE_PAGE_MAX = 500
export const ListPageQuerySchema = pageQuery(LIST_PAGE_MAX, 50)
export const ReferencePageQuerySchema = pageQuery(REFERENCE_PAGE_MAX, REFERENCE_PAGE_MAX)

export const OkSchema = z.object({ ok: z.literal(true) })
