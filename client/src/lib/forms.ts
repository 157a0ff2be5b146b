import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import type { FieldValues, Path, Resolver, UseFormSetError } from 'react-hook-form'
import type { z } from 'zod'
import { PLAIN_ENGLISH } from '@ee/shared/messages'
import { ApiError } from './api.ts'
import { problemMessage } from './problem.ts'

/**
 * Every form's resolver: the shared schema, parsed with the one plain-English error map the server
 * uses (shared/src/messages.ts), so the form shows the words the server would send.
 */
export function formResolver<T extends z.ZodType<unknown, FieldValues>, Context = unknown>(schema: T): Resolver<z.input<T>, Context, z.output<T>> {
  return zodResolver(schema, PLAIN_ENGLISH)
}

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

/** A form's call to the server: `attempt` runs it; what fails lands on the fields, or in `formError`. */
export function useFormProblem<T extends FieldValues>(setError: UseFormSetError<T>) {
  const [formError, setFormError] = useState<string | null>(null)
  const attempt = async (call: () => Promise<unknown>) => {
    setFormError(null)
    try {
      await call()
    } catch (err) {
      setFormError(applyProblem(err, setError))
    }
  }
  return { formError, attempt }
}
