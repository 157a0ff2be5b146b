import { ApiError } from './api.ts'

/**
 * The sentence to show for a failed call: the server's problem detail (or title), or `fallback` when
 * the error never reached the server's translator. `fieldFirst` puts the first field error ahead, for
 * forms that show one line rather than errors on their fields.
 */
export function problemMessage(error: unknown, { fallback = 'Something went wrong. Please try again.', fieldFirst = false }: { fallback?: string; fieldFirst?: boolean } = {}): string {
  if (!(error instanceof ApiError)) return fallback
  return (fieldFirst ? error.problem.errors?.[0]?.message : undefined) ?? error.problem.detail ?? error.problem.title
}
