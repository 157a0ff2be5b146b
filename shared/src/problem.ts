import { z } from 'zod'

/** RFC 9457 problem details, with `errors[]` naming each field that failed validation. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})
export type Problem = z.infer<typeof ProblemSchema>

/** `['schools', 3, 'lat']` → `schools[3].lat`: the field path a person reads in an error list. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' || /^\d+$/.test(String(s)) ? `[${String(s)}]` : i === 0 ? String(s) : `.${String(s)}`))
    .join('')
}

/**
 * A wait of `seconds` in the words a person reads ("45 seconds", "1 minute", "15 minutes"), rounded up
 * so nobody is told to come back before the lock or limit has passed. Used by the server's 429 detail
 * and by the sign-in page, which reads the `Retry-After` header.
 */
export function waitInWords(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds))
  if (s < 60) return `${s} ${s === 1 ? 'second' : 'seconds'}`
  const m = Math.ceil(s / 60)
  if (m < 60) return `${m} ${m === 1 ? 'minute' : 'minutes'}`
  const h = Math.ceil(m / 60)
  return `${h} ${h === 1 ? 'hour' : 'hours'}`
}
