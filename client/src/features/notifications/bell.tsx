import { ActionIcon, Indicator, Tooltip } from '@mantine/core'
import { IconBell } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { notificationQueries } from './api.ts'

/** The header's bell: the unread count, and the way to the notifications page. */
export function NotificationsBell() {
  const { data } = useQuery(notificationQueries.list())
  const unread = data?.unread ?? 0
  const label = unread ? `Notifications, ${unread} unread` : 'Notifications'
  return (
    <Tooltip label={label}>
      <Indicator label={unread > 99 ? '99+' : unread} size={18} disabled={unread === 0} color="red" offset={4}>
        <ActionIcon component={Link} to="/notifications" variant="subtle" size="lg" aria-label={label}>
          <IconBell size={22} aria-hidden />
        </ActionIcon>
      </Indicator>
    </Tooltip>
  )
}
