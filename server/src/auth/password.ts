import { hash, verify } from '@node-rs/argon2'
import { passwordProblem } from '@ee/shared/password-policy'
import { invalid } from '../lib/problem.ts'

/** OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB, 2 iterations, 1 lane. */
const PARAMS = { algorithm: 2 /* Algorithm.Argon2id: a const enum, not importable under verbatimModuleSyntax */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

/** argon2id draws a fresh random salt for every call, so equal passwords never share a hash. */
export const hashPassword = (password: string) => hash(password, PARAMS)

/** Used for unknown e-mails so that a wrong address takes as long as a wrong password. */
let dummyHash: Promise<string> | undefined

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hashPassword('not-a-real-password-just-for-timing')
    await verify(await dummyHash, password).catch(() => false)
    return false
  }
  return verify(stored, password).catch(() => false)
}

/**
 * The password policy (shared/src/password-policy.ts) for a password a person chooses: 400 naming
 * the field with the reason. Bundle imports set fixture passwords without it.
 */
export function assertPasswordPolicy(password: string, path: string, userInputs: readonly string[]): void {
  const problem = passwordProblem(password, userInputs)
  if (problem) invalid([{ path, message: problem }])
}

/**
 * Sessions issued at or before `cutoff` are void (plugins/auth.ts compares `ims` with
 * tokensValidAfter); a session issued for the caller right after must fall strictly later.
 */
export async function afterCutoff(cutoff: Date): Promise<void> {
  while (Date.now() <= cutoff.getTime()) await new Promise((resolve) => setTimeout(resolve, 1))
}
