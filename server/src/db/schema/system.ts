import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, ts } from './columns.ts'
import { people, trusts } from './trusts.ts'

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    trustId: uuid().notNull().references(() => trusts.id),
    personId: uuid().notNull().references(() => people.id),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull().default(''),
    link: text(),
    readAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_person').on(t.personId, t.readAt)],
)

/** Transactional outbox: written in the same transaction as the change it announces. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: id(),
    trustId: uuid().references(() => trusts.id),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    nextAttemptAt: ts().notNull().defaultNow(),
    sentAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [index('email_outbox_due').on(t.sentAt, t.nextAttemptAt)],
)

/** Append-only record of who did what to which object. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    trustId: uuid(),
    actorId: uuid(),
    action: text().notNull(),
    objectType: text().notNull(),
    objectId: text(),
    outcome: text().notNull().default('success'),
    detail: jsonb(),
    requestId: text(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_trust_time').on(t.trustId, t.createdAt), index('audit_object').on(t.objectId)],
)

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    personId: uuid().notNull(),
    key: text().notNull(),
    route: text().notNull(),
    bodyHash: text().notNull(),
    status: integer(),
    response: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.key] })],
)
