import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  AppNotificationSchema,
  NotificationListSchema,
  NotificationPreferencesSchema,
  ReadAllResultSchema,
  type UpdateNotificationPreferencesBody,
} from '@ee/shared/notifications'
import { api } from '../../lib/api.ts'
import { notificationKeys } from '../../lib/query-keys.ts'

export const notificationQueries = {
  /** Polled: the bell's count stays fresh while the page is open. */
  list: () => queryOptions({ queryKey: notificationKeys.list(), queryFn: () => api.get('/notifications', NotificationListSchema, { limit: 50 }), refetchInterval: 60_000 }),
  preferences: () => queryOptions({ queryKey: notificationKeys.preferences(), queryFn: () => api.get('/me/notification-preferences', NotificationPreferencesSchema) }),
}

export function useUpdatePreferences() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: UpdateNotificationPreferencesBody) => api.put('/me/notification-preferences', NotificationPreferencesSchema, body),
    onSuccess: (data) => qc.setQueryData(notificationQueries.preferences().queryKey, data),
  })
}

export function useMarkRead() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.post(`/notifications/${id}/read`, AppNotificationSchema),
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  })
}

export function useMarkAllRead() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () => api.post('/notifications/read-all', ReadAllResultSchema),
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  })
}
