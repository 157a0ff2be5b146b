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
