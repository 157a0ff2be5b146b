import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as en from '@zxcvbn-ts/language-en'

/**
 * The one password policy (OWASP ASVS 5 ch. 6, NCSC password guidance): at least 12 characters, no
 * composition rules, and checked by zxcvbn-ts against its common-password, word and name lists.
 * Used by the server for every password a person chooses (accepting an invitation, resetting,
 * changing) and lazily by the client, so both say the same thing. Bundle imports (fixtures) do not
 * pass through it.
 *
 * The lists weigh a few megabytes: the client imports this module with `import()` only on the
 * pages that set a password.
 */
export const PASSWORD_MIN_LENGTH = 12
/** zxcvbn's 0–4 scale; 3 is "safely unguessable" (about 10^10 guesses), the usual threshold. */
const MIN_SCORE = 3

let factory: ZxcvbnFactory | undefined
const zxcvbn = () =>
  (factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  }))

const ADD_WORDS = 'Add another word or two that are not obviously connected, or make it longer.'

/**
 * Why this password will not do, in words for the person choosing it, or null when it is fine.
 * `userInputs` are things about the person (name, e-mail) that a password must not lean on.
 */
export function passwordProblem(password: string, userInputs: readonly string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words together are easy to remember and hard to guess.`
  }
  const flat = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
  const whole = userInputs.map((s) => flat(s.split('@')[0]!)).filter((s) => s.length >= 4)
  if (whole.some((s) => flat(password).includes(s))) return `Do not build your password from your name or e-mail address. ${ADD_WORDS}`
  const inputs = userInputs.flatMap((s) => [s, ...s.split(/[@.\s_-]+/)]).filter((s) => s.length >= 3)
  const result = zxcvbn().check(password, inputs)
  const only = result.sequence.length === 1 ? result.sequence[0] : undefined
  const dictionary = only?.pattern === 'dictionary' ? String(only.dictionaryName) : null
  if (dictionary?.startsWith('passwords')) {
    return 'This is one of the most common passwords, so it is among the first anyone trying to break in would guess. Choose something else: a few unrelated words together work well.'
  }
  if (result.sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs')) {
    if (result.score < MIN_SCORE || dictionary) return `Do not build your password from your name or e-mail address. ${ADD_WORDS}`
  }
  if (dictionary) return `This is a single word or name that appears in dictionaries. ${ADD_WORDS}`
  if (result.score >= MIN_SCORE) return null
  const warning = result.feedback.warning
  if (warning && /common/i.test(warning)) return `This is too close to a common password. ${ADD_WORDS}`
  return `This password would be too easy to guess.${warning ? ` ${warning}` : ''} ${ADD_WORDS}`
}
