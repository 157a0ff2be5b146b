import { type AnyPgColumn, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, ts } from './columns.ts'
import { trusts } from './trusts.ts'

export const areas = pgTable(
  'areas',
  {
    id: id(),
    trustId: uuid().notNull().references(() => trusts.id),
    slug: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    parentId: uuid().references((): AnyPgColumn => areas.id),
    position: integer().notNull().default(0),
    /** A retired area stays on old records but cannot be chosen anew. */
    retiredAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('areas_trust_slug').on(t.trustId, t.slug), index('areas_parent').on(t.parentId)],
)
