import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { ApiError } from './api.ts'
import { problemMessage } from './problem.ts'

/**
 * Puts a server problem's field errors on the form's fields; answers the message for the form as a
 * whole (shown above the submit button) when the problem is not about one field.
 */
export function applyProblem<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>): string | null {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.'
  const fieldErrors = error.problem.errors ?? []
  for (const e of fieldErrors) setError(e.path.replace(/\[(\d+)\]/g, '.$1') as Path<T>, { type: 'server', message: e.message })
  if (fieldErrors.length) return null
  return problemMessage(error)
}
