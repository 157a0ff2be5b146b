/**
 * Finds an erased person's name, e-mail and words wherever they were copied (a notification, an e-mail,
 * an audit detail, a case, a colleague's reflection) and replaces them. Matching ignores case and takes
 * whole words only, so "Al" is found in "thanks to Al." but not in "always".
 */
export type Needle = { text: string; replacement: string }

/** Shorter copied words are too likely to be someone else's too ("Thank you"): only names and e-mails are looked for at any length. */
export const MIN_COPIED_TEXT = 12

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A replacement that starts a sentence starts with a capital: "A former colleague transformed…". */
function sentenceCase(replacement: string, whole: string, at: number): string {
  return /(^|[.!?]\s+|\n\s*)$/.test(whole.slice(0, at)) ? replacement.charAt(0).toLocaleUpperCase() + replacement.slice(1) : replacement
}

export type Scrubber = {
  /** The needles, longest first, for a database pre-filter (ILIKE '%…%'). */
  readonly texts: readonly string[]
  text: (value: string) => string
  /** Every string inside a JSON value (an audit detail), keys included. */
  json: (value: unknown) => unknown
}

export function scrubber(needles: readonly Needle[]): Scrubber {
  const byKey = new Map<string, string>()
  for (const n of needles) {
    const text = n.text.trim()
    if (text && !byKey.has(text.toLocaleLowerCase())) byKey.set(text.toLocaleLowerCase(), n.replacement)
  }
  const texts = [...byKey.keys()].sort((a, b) => b.length - a.length)
  const pattern = texts.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${texts.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null
  const text = (value: string) => (pattern ? value.replace(pattern, (m: string, at: number) => sentenceCase(byKey.get(m.toLocaleLowerCase()) ?? m, value, at)) : value)
  const json = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value)
    if (Array.isArray(value)) return value.map(json)
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [text(k), json(v)]))
    return value
  }
  return { texts, text, json }
}
