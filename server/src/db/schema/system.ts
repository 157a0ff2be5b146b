import { sql } from 'drizzle-orm'
import { bigserial, check, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
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
    /** How it was to reach the person when it was made: `immediate`, `digest` or `in_app`. */
    delivery: text().notNull().default('immediate'),
    /** When a `digest` item went out in the day's digest e-mail. */
    digestedAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_person').on(t.personId, t.readAt),
    index('notifications_digest_due').on(t.personId, t.createdAt).where(sql`${t.delivery} = 'digest' AND ${t.digestedAt} IS NULL`),
  ],
)

/** A person's choice per kind of notification; no row means the kind's default. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    personId: uuid().notNull().references(() => people.id),
    kind: text().notNull(),
    delivery: text().notNull(),
    updatedAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'notification_preferences_pk', columns: [t.personId, t.kind] }),
    check('notification_preferences_delivery', sql`${t.delivery} in ('immediate', 'digest', 'in_app')`),
  ],
)

/** One digest per person per day: the primary key makes the daily job safe to run in several processes. */
export const notificationDigests = pgTable(
  'notification_digests',
  {
    personId: uuid().notNull().references(() => people.id),
    day: date({ mode: 'string' }).notNull(),
    items: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'notification_digests_pk', columns: [t.personId, t.day] })],
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
    /** An app path; the worker appends it as a link built from PUBLIC_URL when it sends. */
    link: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    nextAttemptAt: ts().notNull().defaultNow(),
    sentAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [index('email_outbox_due').on(t.sentAt, t.nextAttemptAt)],
)

/** Append-only record of who did what to which object: ee_app may not update or delete it (migration 0021). */
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
  (t) => [
    index('audit_trust_time').on(t.trustId, t.createdAt),
    index('audit_object').on(t.objectId),
    index('audit_trust_actor_time').on(t.trustId, t.actorId, t.createdAt),
  ],
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
