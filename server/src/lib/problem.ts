import { waitInWords } from '@ee/shared/problem'

export type FieldError = { path: string; message: string }

/**
 * An error meant for the person using the product: its title and detail are written for a
 * headteacher and reach the client as application/problem+json. Anything else is a 500.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title)
  }
}

export const notFound = (what: string): never => {
  throw new Problem(404, '/problems/not-found', 'Not found', `We could not find that ${what}. It may have been removed, or the link may be wrong.`)
}
export const forbidden = (detail: string): never => {
  throw new Problem(403, '/problems/forbidden', 'Not allowed', detail)
}
export const conflict = (detail: string): never => {
  throw new Problem(409, '/problems/conflict', 'That cannot be done now', detail)
}
export const unauthorized = (detail = 'Please sign in to continue.'): never => {
  throw new Problem(401, '/problems/unauthorized', 'Sign-in needed', detail)
}
export const invalid = (errors: FieldError[], detail = 'Please check the highlighted fields.'): never => {
  throw new Problem(400, '/problems/validation', 'Some fields need attention', detail, errors)
}

/** A rate-limited answer; the caller (or @fastify/rate-limit) sets `Retry-After` to the same seconds (docs/design.md §10). */
export const tooManyRequests = (retryAfterSeconds: number, detail = 'Too many attempts.') =>
  new Problem(429, '/problems/too-many-attempts', 'Too many attempts', `${detail} Please wait ${waitInWords(retryAfterSeconds)} and try again.`)
