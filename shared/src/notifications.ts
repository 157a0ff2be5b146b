import { z } from 'zod'
import { IdSchema } from './common.ts'

export const NOTIFICATION_KINDS = [
  'invitation_received',
  'invitation_declined',
  'invitation_expired',
  'offer_received',
  'offer_withdrawn',
  'offer_accepted',
  'offer_declined',
  'offer_closed',
  'release_pending',
  'release_approved',
  'release_refused',
  'engagement_completed',
  'engagement_cancelled',
  'request_stale',
  'case_published',
] as const
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS)
export type NotificationKind = z.infer<typeof NotificationKindSchema>

export const AppNotificationSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** An app path such as /requests/…, never an external address. */
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
})
export type AppNotification = z.infer<typeof AppNotificationSchema>

export const NotificationListQuerySchema = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})
export type NotificationListQuery = z.input<typeof NotificationListQuerySchema>

export const NotificationListSchema = z.object({ items: z.array(AppNotificationSchema), unread: z.number().int() })
export type NotificationList = z.infer<typeof NotificationListSchema>

export const ReadAllResultSchema = z.object({ updated: z.number().int() })
