import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { Page } from '../../components/page.tsx'
import { EmptyState, QueryState } from '../../components/states.tsx'
import { formatAgo } from '../../lib/format.ts'
import { notificationQueries, useMarkAllRead, useMarkRead } from './api.ts'
import { NotificationPreferences } from './notification-preferences.tsx'
import { CsvDownload } from '../../components/csv-download.tsx'

export function NotificationsPage() {
  const query = useQuery(notificationQueries.list())
  const markRead = useMarkRead()
  const markAll = useMarkAllRead()
  return (
    <Page
      title="Notifications"
      action={query.data && query.data.unread > 0 ? <Button variant="default" onClick={() => markAll.mutate()} loading={markAll.isPending}>Mark all as read</Button> : undefined}
    >
      <CsvDownload path="/notifications" label="all notifications" />
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title="Nothing yet">Invitations, offers, decisions and releases will show here.</EmptyState>
          ) : (
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {data.items.map((n) => (
                <Paper key={n.id} component="li" withBorder p="md" radius="md" bg={n.read ? undefined : 'indigo.0'}>
                  <Stack gap={4}>
                    <Group justify="space-between" wrap="nowrap" align="flex-start">
                      {n.link ? (
                        <Anchor component={Link} to={n.link} fw={600} onClick={() => !n.read && markRead.mutate(n.id)}>{n.title}</Anchor>
                      ) : (
                        <Text fw={600}>{n.title}</Text>
                      )}
                      <Group gap="xs" wrap="nowrap">
                        {!n.read && <Badge size="sm">New</Badge>}
                        <Text size="xs" c="dimmed">{formatAgo(n.createdAt)}</Text>
                      </Group>
                    </Group>
                    <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{n.body}</Text>
                    {!n.read && (
                      <Group>
                        <Button size="xs" variant="subtle" onClick={() => markRead.mutate(n.id)} aria-label={`Mark “${n.title}” as read`}>Mark as read</Button>
                      </Group>
                    )}
                  </Stack>
                </Paper>
              ))}
            </Stack>
          )
        }
      </QueryState>
      <NotificationPreferences />
    </Page>
  )
}
