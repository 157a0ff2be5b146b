import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { MODE_LABELS, PHASE_LABELS } from '@ee/shared/common'
import type { ExpertiseCard as Card } from '@ee/shared/expertise'
import { formatAgo, formatDays, formatKm } from '../../../lib/format.ts'

export const lastActive = (iso: string | null) => (iso ? `active ${formatAgo(iso)}` : 'not active yet')

/** One result of the directory: who, where, how far, in which areas, the evidence, and the days free. */
export function ExpertiseCard({ card }: { card: Card }) {
  const { expertise: e, person, school } = card
  const headingId = `expertise-${e.id}`
  return (
    <Paper component="article" withBorder p="md" radius="md" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={2} size="h4" id={headingId}>
            <Anchor component={Link} to={`/expertise/${e.id}`}>{e.title}</Anchor>
          </Title>
          <Badge color={card.daysFree > 0 ? 'teal.9' : 'gray.8'} variant="outline" tt="none" style={{ flexShrink: 0 }}>
            {card.daysFree > 0 ? `${formatDays(card.daysFree)} free this term` : 'No days free this term'}
          </Badge>
        </Group>
        <Text size="sm">
          <Text span fw={600}>{person.name}</Text>
          {school && <> · {school.name}{school.clusterName ? ` (${school.clusterName})` : ''}</>}
          {card.distanceKm !== null && <> · {formatKm(card.distanceKm)}</>}
          <Text span c="dimmed"> · {lastActive(person.lastActiveAt)}</Text>
        </Text>
        {card.areas.length > 0 && (
          <Group gap={6} aria-label="Areas">
            {card.areas.map((a) => (
              <Badge key={a.slug} variant="outline" color="indigo.9" tt="none">{a.name}</Badge>
            ))}
          </Group>
        )}
        <Text size="sm">
          <Text span fw={600}>Evidence: </Text>
          {card.evidenceExcerpt}
        </Text>
        <Text size="xs" c="dimmed">
          {[...e.phases.map((p) => PHASE_LABELS[p]), ...e.modes.map((m) => MODE_LABELS[m]), ...e.subjects].join(' · ')}
        </Text>
      </Stack>
    </Paper>
  )
}
