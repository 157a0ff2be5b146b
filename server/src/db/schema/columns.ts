import { sql } from 'drizzle-orm'
import { customType, timestamp, uuid } from 'drizzle-orm/pg-core'

export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

export const id = () => uuid().primaryKey().defaultRandom()
export const createdAt = () => timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow()
export const ts = () => timestamp({ withTimezone: true, mode: 'date' })

/** SQL list for a CHECK constraint: `col in ('a','b')`. Values are our own enums, never user input. */
export const oneOf = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))
