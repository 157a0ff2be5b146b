import type { Mode, Phase } from '../types.ts'

const ACRONYMS: Readonly<Record<string, string>> = { send: 'SEND', eal: 'EAL', pe: 'PE', pshe: 'PSHE', re: 'RE' }

/** "families-and-community" → "families and community"; "send" → "SEND". */
export function areaLabel(slug: string, names?: Readonly<Record<string, string>>): string {
  const named = names?.[slug]
  if (named !== undefined) return /^[A-Z]{2}|^English\b/.test(named) ? named : named.charAt(0).toLowerCase() + named.slice(1)
  return slug
    .split('-')
    .map((word) => ACRONYMS[word] ?? word)
    .join(' ')
}

export const PHASE_WORDS: Record<Phase, string> = {
  nursery: 'nursery',
  primary: 'primary',
  secondary: 'secondary',
  all_through: 'all-through',
  post16: 'post-16',
  special: 'special school',
  alternative_provision: 'alternative provision',
}

export const MODE_WORDS: Record<Mode, string> = {
  fresh_eyes: 'fresh eyes',
  feedback: 'independent feedback',
  implementation: 'implementation support',
  coaching: 'coaching',
  joint_practice: 'joint practice',
}

/** "a", "a and b", "a, b and c" */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/** One decimal, British style: 4.6 */
export function oneDecimal(x: number): string {
  return (Math.round(x * 10) / 10).toFixed(1)
}
