import type { AppNotification } from '@ee/shared/notifications'
import { csvTable } from '../lib/csv.ts'

export const notificationsCsv = csvTable<AppNotification>('notifications', [
  ['When', (n) => n.createdAt.slice(0, 16).replace('T', ' ')],
  ['Title', (n) => n.title],
  ['Message', (n) => n.body],
  ['Read', (n) => (n.read ? 'Yes' : 'No')],
])
