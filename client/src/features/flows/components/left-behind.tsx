import { Badge, Group, List, Stack, Text, Title } from '@mantine/core'
import type { LeftBehind } from '@ee/shared/flows'
import { formatDate } from '../../../lib/format.ts'

/** Schools with nothing given or received, and requests still waiting for an offer, each with its reason. */
export function LeftBehindView({ data }: { data: LeftBehind }) {
  return (
    <Stack gap="md">
      <div>
        <Title order={3} size="h5" mb={4}>Schools ({data.schools.length})</Title>
        {data.schools.length === 0 ? (
          <Text size="sm" c="dimmed">Every school gave or received expertise in {data.period.label}.</Text>
        ) : (
          <List spacing={4} size="sm">
            {data.schools.map((s) => (
              <List.Item key={s.schoolId}>
                <Text span fw={600}>{s.name}</Text>
                {s.cluster ? <Text span c="dimmed"> ({s.cluster})</Text> : null} — {s.reason}
              </List.Item>
            ))}
          </List>
        )}
      </div>
      <div>
        <Title order={3} size="h5" mb={4}>Requests waiting for an offer ({data.requests.length})</Title>
        {data.requests.length === 0 ? (
          <Text size="sm" c="dimmed">No request has waited 14 days or more without an offer.</Text>
        ) : (
          <List spacing={6} size="sm">
            {data.requests.map((r) => (
              <List.Item key={r.requestId}>
                <Group gap={6} wrap="wrap" align="baseline">
                  <Badge size="sm" color="red.9" variant="outline">{r.reason}</Badge>
                  <Text span fw={600}>{r.title}</Text>
                  {r.confidential && <Badge size="xs" variant="light" color="gray">Confidential</Badge>}
                  <Text span c="dimmed">{r.schoolName}, published {formatDate(r.publishedAt)}</Text>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </div>
    </Stack>
  )
}
