import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema, LIST_PAGE_MAX } from '@ee/shared/common'
import {
  AppNotificationSchema,
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationPreferencesSchema,
  ReadAllResultSchema,
  UpdateNotificationPreferencesBodySchema,
} from '@ee/shared/notifications'
import { answerList } from '../lib/csv.ts'
import { notificationsCsv } from './notifications.csv.ts'
import { listNotifications, markAllRead, markRead } from './notifications.service.ts'
import { getNotificationPreferences, updateNotificationPreferences } from './preferences.service.ts'

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['notifications']
  app.get('/notifications', {
    config: { access: 'signed-in' },
    schema: { tags, querystring: NotificationListQuerySchema, response: { 200: NotificationListSchema } },
    onRequest: app.authenticate,
  }, (req, reply) => answerList(reply, req.query, (q) => listNotifications(app.db, req.actor, q), { table: notificationsCsv, pageSize: LIST_PAGE_MAX, now: app.clock.now() }))

  app.post('/notifications/:id/read', {
    config: { access: 'signed-in' },
    schema: { tags, params: IdParamsSchema, response: { 200: AppNotificationSchema } },
    onRequest: app.authenticate,
  }, (req) => markRead(app.db, req.actor, req.params.id, app.clock.now()))

  app.post('/notifications/read-all', {
    config: { access: 'signed-in' },
    schema: { tags, response: { 200: ReadAllResultSchema } },
    onRequest: app.authenticate,
  }, (req) => markAllRead(app.db, req.actor, app.clock.now()))

  app.get('/me/notification-preferences', {
    config: { access: 'signed-in' },
    schema: { tags, description: 'How each kind of notification reaches me: immediate (e-mail at once), digest (one daily e-mail) or in_app.', response: { 200: NotificationPreferencesSchema } },
    onRequest: app.authenticate,
  }, (req) => getNotificationPreferences(app.db, req.actor))

  app.put('/me/notification-preferences', {
    config: { access: 'signed-in' },
    schema: { tags, description: 'Change the delivery of the kinds named, e.g. {"offer_received": "digest"}; the others keep theirs.', body: UpdateNotificationPreferencesBodySchema, response: { 200: NotificationPreferencesSchema } },
    onRequest: app.authenticate,
  }, (req) => updateNotificationPreferences(app.db, req.actor, req.body))
}
