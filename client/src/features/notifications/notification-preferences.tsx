import { Alert, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { DELIVERIES, DELIVERY_LABELS, DeliverySchema, type NotificationKind } from '@ee/shared/notifications'
import { QueryState } from '../../components/states.tsx'
import { notificationQueries, useUpdatePreferences } from './api.ts'
import { problemMessage } from '../../lib/problem.ts'

const OPTIONS = DELIVERIES.map((d) => ({ value: d, label: DELIVERY_LABELS[d] }))

/** One choice per kind of notification: an e-mail at once, the daily digest, or in the app only. Saved on change. */
export function NotificationPreferences() {
  const query = useQuery(notificationQueries.preferences())
  const update = useUpdatePreferences()
  const save = (kind: NotificationKind, label: string, value: string | null) => {
    const delivery = DeliverySchema.safeParse(value)
    if (!delivery.success) return
    update.mutate(
      { [kind]: delivery.data },
      { onSuccess: () => notifications.show({ color: 'green', title: 'Saved', message: `${label}: ${DELIVERY_LABELS[delivery.data].toLowerCase()}.` }) },
    )
  }
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="notification-preferences">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="notification-preferences">How notifications reach you</Title>
          <Text size="sm" c="dimmed">Everything shows here in the app. Choose which also come by e-mail at once, and which wait for one daily digest (sent after 4 pm).</Text>
        </div>
        {update.isError && (
          <Alert color="red" title="Your choice was not saved" role="alert">
            {problemMessage(update.error, { fallback: 'Please try again.' })}
          </Alert>
        )}
        <QueryState query={query}>
          {(data) => (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {data.kinds.map((k) => (
                <NativeSelect
                  key={k.kind}
                  label={k.label}
                  data={OPTIONS}
                  value={k.delivery}
                  disabled={update.isPending}
                  onChange={(e) => save(k.kind, k.label, e.currentTarget.value)}
                />
              ))}
            </SimpleGrid>
          )}
        </QueryState>
      </Stack>
    </Paper>
  )
}
