import type { DirectoryCursor } from './directory.repo.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const RANK = /^\d{1,3}(\.\d{1,9})?$/
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/

/** Opaque to clients: base64url of the sort key of the last entry on the page. */
export function encodeCursor(cursor: DirectoryCursor): string {
  const parts = cursor.by === 'rank' ? ['r', cursor.rank, cursor.id] : ['u', cursor.updated, cursor.id]
  return Buffer.from(parts.join('|'), 'utf8').toString('base64url')
}

/** Undefined for anything this server did not make (or made for the other sort order). */
export function decodeCursor(text: string, by: DirectoryCursor['by']): DirectoryCursor | undefined {
  const [kind, key, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|')
  if (rest.length || !key || !id || !UUID.test(id)) return undefined
  if (by === 'rank' && kind === 'r' && RANK.test(key)) return { by, rank: key, id }
  if (by === 'updated' && kind === 'u' && STAMP.test(key)) return { by, updated: key, id }
  return undefined
}
