import type { PageQuery } from '@ee/shared/common'
import { invalid } from './problem.ts'

/**
 * Lists answer a page at a time (IN-2; docs/design.md §7). The cursor is opaque to clients: the
 * position of the next row in the list's own order, as base64url. A cursor this server did not make
 * is a 400 naming `cursor`, never a 500.
 */
const PREFIX = 'p'
const MAX_POSITION = 10_000_000

export const encodeCursor = (position: number) => Buffer.from(`${PREFIX}${position}`, 'utf8').toString('base64url')

export function positionOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  const position = text.startsWith(PREFIX) && /^\d{1,8}$/.test(text.slice(1)) ? Number(text.slice(1)) : NaN
  if (!Number.isInteger(position) || position < 0 || position > MAX_POSITION) {
    invalid([{ path: 'cursor', message: 'That cursor is not one this server gave; start again from the first page' }])
  }
  return position
}

/** What a repository needs to read one page: one row more than the page, to know whether another follows. */
export const pageWindow = (query: PageQuery) => ({ offset: positionOf(query.cursor), limit: query.limit + 1 })

/** The page from rows read with `pageWindow(query)`. */
export function pageFromWindow<T>(rows: readonly T[], query: PageQuery): { items: T[]; nextCursor: string | null } {
  const offset = positionOf(query.cursor)
  return { items: rows.slice(0, query.limit), nextCursor: rows.length > query.limit ? encodeCursor(offset + query.limit) : null }
}

/**
 * The page of a list already read whole, for lists bounded by what they describe (a trust's areas, one
 * request's offers, a view over a term): the answer is bounded even where the read is not.
 */
export function pageOf<T>(all: readonly T[], query: PageQuery): { items: T[]; nextCursor: string | null } {
  const offset = positionOf(query.cursor)
  return pageFromWindow(all.slice(offset, offset + query.limit + 1), query)
}

/** How many rows, from the list's start, a repository that reads from the top must read for this page. */
export const rowsUpTo = (query: PageQuery) => positionOf(query.cursor) + query.limit + 1
