/**
 * What one person (or, signed out, one address) may do in a minute before the answer is 429 with
 * Retry-After (docs/design.md §10). Production runs with exactly these; a test config may raise them
 * (Config.rateLimits) so that suites making hundreds of calls as one person do not trip them.
 */
export const RATE_LIMITS = {
  /** Answers of 404: a busy head follows a stale link now and then; a script guessing ids misses all the time. */
  notFoundPerMinute: 60,
  /** POST, PUT, PATCH and DELETE by one signed-in person, across every route. */
  writesPerMinute: 120,
} as const

export type RateLimits = { notFoundPerMinute: number; writesPerMinute: number }
