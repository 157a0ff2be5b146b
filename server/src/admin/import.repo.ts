import type { PgTable } from 'drizzle-orm/pg-core'
import type { Executor } from '../db/client.ts'
import { engagementExtensions, invitations, notificationPreferences, notifications, trustClosures, trustTerms } from '../db/schema/index.ts'
import { chunks } from './admin.repo.ts'

/** The tables only a whole trust's bundle (an export) fills: see import.service.ts. */
const inserter = <T extends PgTable>(table: T) => async (ex: Executor, rows: T['$inferInsert'][]) => {
  for (const chunk of chunks(rows)) await ex.insert(table).values(chunk)
}

export const insertTrustTerms = inserter(trustTerms)
export const insertTrustClosures = inserter(trustClosures)
export const insertExtensions = inserter(engagementExtensions)
export const insertInvitations = inserter(invitations)
export const insertNotifications = inserter(notifications)
export const insertNotificationPreferences = inserter(notificationPreferences)
