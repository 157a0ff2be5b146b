import type { FastifyReply } from 'fastify'
import Papa from 'papaparse'
import type { PageQuery } from '@ee/shared/common'
import { pageOf } from './page.ts'
import { Problem } from './problem.ts'

/**
 * Every list answers `?format=csv` (docs/design.md §7): the same filters as its JSON, every page, as
 * one file a spreadsheet opens.
 */

/**
 * A cell a spreadsheet would run as a formula (CSV injection, OWASP): = + - @, tab and carriage return.
 * papaparse's own pattern (`/^[=+\-@\t\r].*$/`) misses a cell whose text runs onto a second line, so
 * the test is on the first character alone.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/** The rows of one CSV file: numbers stay numbers; any text that starts like a formula gets a leading `'`. */
export function toCsv(fields: readonly string[], data: readonly (readonly unknown[])[]): string {
  return Papa.unparse({ fields: [...fields], data: data.map((row) => [...row]) }, { escapeFormulae: FORMULA_START, newline: '\r\n' })
}

/** `people-2027-01-12.csv`: the list and the day it was taken. */
export const csvFilename = (list: string, now: Date) => `${list}-${now.toISOString().slice(0, 10)}.csv`

/** UTF-8 with a byte-order mark, so that Excel reads names with accents as they are. */
export function sendCsv(reply: FastifyReply, filename: string, body: string): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(`\uFEFF${body}\r\n`)
}

/** One column of a list's CSV: its heading and what it holds for one item. */
export type CsvColumn<T> = readonly [heading: string, value: (item: T) => unknown]
/** A list's CSV: the file's name (before the date) and its columns. */
export type CsvTable<T> = { name: string; columns: readonly CsvColumn<T>[] }

export const csvTable = <T>(name: string, columns: readonly CsvColumn<T>[]): CsvTable<T> => ({ name, columns })

export function tableCsv<T>(table: CsvTable<T>, items: readonly T[]): string {
  return toCsv(table.columns.map(([heading]) => heading), items.map((item) => table.columns.map(([, value]) => cell(value(item)))))
}

function cell(value: unknown): unknown {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.join('; ')
  return value
}

/** More rows than one file should carry: the person narrows the list and downloads each part. */
export const MAX_CSV_ROWS = 200_000

type Page<T> = { items: T[]; nextCursor: string | null }
export type ListQuery = PageQuery & { format?: 'json' | 'csv' | undefined }

/**
 * Reads every page of a list with the filters of `query`, `pageSize` at a time (the list's own
 * maximum), following `nextCursor` as a client would.
 */
export async function everyPage<Q extends ListQuery, T>(query: Q, pageSize: number, read: (query: Q) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = []
  let cursor: string | undefined
  do {
    const page = await read({ ...query, limit: pageSize, cursor })
    all.push(...page.items)
    if (all.length > MAX_CSV_ROWS) {
      throw new Problem(422, '/problems/too-many-rows', 'Too many rows for one file',
        `This list has more than ${MAX_CSV_ROWS.toLocaleString('en-GB')} rows. Narrow it with the filters (a school, a status) and download each part.`)
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return all
}

/** A page reader over a list that is read whole (bounded by what it describes): read once, however many pages. */
export function wholeList<T>(readAll: () => Promise<readonly T[]>): (query: PageQuery) => Promise<Page<T>> {
  let all: Promise<readonly T[]> | undefined
  return async (query) => pageOf(await (all ??= readAll()), query)
}

/**
 * A list route's answer: its page as JSON, or with `format=csv` every page as a CSV file. Items go
 * into the file exactly as JSON gives them (a confidential request's title included).
 *
 * Typed as the JSON page so a route's handler matches its response schema; the CSV branch answers the
 * reply itself, which Fastify awaits as sent (a reply is a thenable) and does not serialise.
 */
export async function answerList<Q extends ListQuery, P extends Page<unknown>>(
  reply: FastifyReply,
  query: Q,
  read: (query: Q) => Promise<P>,
  csv: { table: CsvTable<P['items'][number]>; pageSize: number; now: Date },
): Promise<P> {
  if (query.format !== 'csv') return read(query)
  const items = await everyPage(query, csv.pageSize, read)
  return sendCsv(reply, csvFilename(csv.table.name, csv.now), tableCsv(csv.table, items)) as unknown as P
}
