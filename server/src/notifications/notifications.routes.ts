import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema } from '@ee/shared/common'
import { AppNotificationSchema, NotificationListQuerySchema, NotificationListSchema, ReadAllResultSchema } from '@ee/shared/notifications'
import { listNotifications, markAllRead, markRead } from './notifications.service.ts'

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['notifications']
  app.get('/notifications', {
    schema: { tags, querystring: NotificationListQuerySchema, response: { 200: NotificationListSchema } },
    onRequest: app.authenticate,
  }, (req) => listNotifications(app.db, req.actor, req.query))

  app.post('/notifications/:id/read', {
    schema: { tags, params: IdParamsSchema, response: { 200: AppNotificationSchema } },
    onRequest: app.authenticate,
  }, (req) => markRead(app.db, req.actor, req.params.id, app.clock.now()))

  app.post('/notifications/read-all', {
    schema: { tags, response: { 200: ReadAllResultSchema } },
    onRequest: app.authenticate,
  }, (req) => markAllRead(app.db, req.actor, app.clock.now()))
}
