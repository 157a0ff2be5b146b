import { z } from 'zod'
import { IdSchema, ListPageQuerySchema, text } from './common.ts'

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
  'extension_proposed',
  'extension_decided',
  'expert_away',
  'colleague_asked',
  'colleague_named',
] as const
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS)
export type NotificationKind = z.infer<typeof NotificationKindSchema>

/** How a kind of notification reaches a person: an e-mail at once, one daily digest e-mail, or in the app only. */
export const DELIVERIES = ['immediate', 'digest', 'in_app'] as const
export const DeliverySchema = z.enum(DELIVERIES, { message: 'Choose immediate, digest or in_app' })
export type Delivery = z.infer<typeof DeliverySchema>
export const DELIVERY_LABELS: Record<Delivery, string> = {
  immediate: 'E-mail me at once',
  digest: 'Daily digest e-mail',
  in_app: 'In the app only',
}

/**
 * What each kind is called on the preferences screen, and its default: what someone has to act on
 * (an invitation to help, an offer, a release) comes at once; news that needs no answer comes in the digest.
 */
export const NOTIFICATION_KIND_INFO: Record<NotificationKind, { label: string; delivery: Delivery }> = {
  invitation_received: { label: 'A head invites me to help', delivery: 'immediate' },
  invitation_declined: { label: 'An expert I invited declines', delivery: 'digest' },
  invitation_expired: { label: 'An invitation expires unanswered', delivery: 'digest' },
  offer_received: { label: 'A new offer of help on my request', delivery: 'immediate' },
  offer_withdrawn: { label: 'An offer on my request is withdrawn', delivery: 'digest' },
  offer_accepted: { label: 'My offer is accepted', delivery: 'immediate' },
  offer_declined: { label: 'My offer is declined', delivery: 'immediate' },
  offer_closed: { label: 'A request I offered on closes', delivery: 'digest' },
  release_pending: { label: 'A release of my staff waits for my decision', delivery: 'immediate' },
  release_approved: { label: 'My release is approved', delivery: 'immediate' },
  release_refused: { label: 'My release is refused', delivery: 'immediate' },
  engagement_completed: { label: 'An engagement is completed', delivery: 'digest' },
  engagement_cancelled: { label: 'An engagement is cancelled', delivery: 'digest' },
  request_stale: { label: 'My request has no offer after 14 days', delivery: 'digest' },
  case_published: { label: 'A case from my work is published', delivery: 'digest' },
  extension_proposed: { label: 'An expert asks for more days on work for my school', delivery: 'immediate' },
  extension_decided: { label: 'A request for more days is agreed, declined or released', delivery: 'immediate' },
  expert_away: { label: 'An expert leaves, pauses or comes back with work under way', delivery: 'immediate' },
  colleague_asked: { label: 'A head asks my school for a colleague to take work over', delivery: 'immediate' },
  colleague_named: { label: 'A school names a colleague to take work over', delivery: 'immediate' },
}

export const NotificationPreferenceSchema = z.object({ kind: NotificationKindSchema, label: z.string(), delivery: DeliverySchema })
export const NotificationPreferencesSchema = z.object({ kinds: z.array(NotificationPreferenceSchema) })
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>

/** `{kind: delivery, …}`: only the kinds named change; the others keep their choice. */
export const UpdateNotificationPreferencesBodySchema = z.record(text().max(60), DeliverySchema).superRefine((body, ctx) => {
  if (!body || typeof body !== 'object') return
  for (const key of Object.keys(body)) {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(key)) ctx.addIssue({ code: 'custom', path: [key], message: `There is no kind of notification called “${key}”` })
  }
}, { when: () => true })
export type UpdateNotificationPreferencesBody = Partial<Record<NotificationKind, Delivery>>

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
}).extend(ListPageQuerySchema.shape)
export type NotificationListQuery = z.input<typeof NotificationListQuerySchema>

export const NotificationListSchema = z.object({ items: z.array(AppNotificationSchema), nextCursor: z.string().nullable(), unread: z.number().int() })
export type NotificationList = z.infer<typeof NotificationListSchema>

export const ReadAllResultSchema = z.object({ updated: z.number().int() })
