import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, ts } from './columns.ts'
import { people } from './trusts.ts'

/**
 * Links that let a person choose a new password. Only the token's sha256 is kept (like invitations);
 * a link works once, for 30 minutes, and asking again voids the earlier ones.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: id(),
    personId: uuid().notNull().references(() => people.id),
    tokenHash: text().notNull(),
    /** Who asked: the person themselves (null) or their trust administrator. */
    requestedById: uuid().references(() => people.id),
    expiresAt: ts().notNull(),
    usedAt: ts(),
    /** Set when a newer link replaced this one before it was used. */
    voidedAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('password_resets_token').on(t.tokenHash), index('password_resets_person').on(t.personId)],
)
