const DEFAULT_LENGTH = 220

/** Rough English stem for locating a query word in text: "phonics" and "phonic" both find "phonic…". */
function stem(word: string): string {
  const w = word.toLowerCase()
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) return w.slice(0, -suffix.length)
  }
  return w
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * A short passage of the evidence for a result card: around the first word of the query when there
 * is one, else its beginning; cut at word boundaries, with an ellipsis where text was left out.
 */
export function evidenceExcerpt(text: string, q?: string, length = DEFAULT_LENGTH): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= length) return clean
  let start = 0
  const words = (q ?? '').match(/[\p{L}\p{N}]{3,}/gu) ?? []
  if (words.length) {
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])(${words.map((w) => escape(stem(w))).join('|')})`, 'iu')
    const hit = pattern.exec(clean)
    if (hit) start = Math.max(0, hit.index + hit[1]!.length - Math.floor(length / 4))
  }
  start = Math.min(start, clean.length - length)
  if (start > 0) {
    const space = clean.indexOf(' ', start)
    start = space === -1 || space - start > 20 ? start : space + 1
  }
  let end = Math.min(clean.length, start + length)
  if (end < clean.length) {
    const space = clean.lastIndexOf(' ', end)
    if (space > start + length / 2) end = space
  }
  return `${start > 0 ? '… ' : ''}${clean.slice(start, end).replace(/[\s,;:.]+$/, '')}${end < clean.length ? ' …' : ''}`
}
