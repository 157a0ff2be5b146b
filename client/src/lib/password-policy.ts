import type { passwordProblem } from '@ee/shared/password-policy'
import type { z } from 'zod'

/**
 * The server's password policy (shared/src/password-policy.ts), loaded only when a page that sets a
 * password first checks one: its word lists weigh a few megabytes and stay out of the main bundle.
 */
let policy: Promise<{ passwordProblem: typeof passwordProblem }> | undefined
export const loadPasswordPolicy = () => (policy ??= import('@ee/shared/password-policy'))

/** For a form schema's `superRefine`: puts the policy's reason, if any, on the password field. */
export async function checkPassword(ctx: z.RefinementCtx, path: string, password: string, userInputs: readonly string[] = []): Promise<void> {
  const problem = (await loadPasswordPolicy()).passwordProblem(password, userInputs)
  if (problem) ctx.addIssue({ code: 'custom', path: [path], message: problem })
}
