import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core'
import { Link } from 'react-router'
import { OFFER_STATUS_LABELS, type OfferStatus } from '@ee/shared/offers'
import { type CommissioningRequest, REQUEST_STATUS_LABELS } from '@ee/shared/requests'
import { formatDate } from '../../../lib/format.ts'
import { REQUEST_STATUS_COLOURS, paths } from '../status.ts'

export function RequestStatusBadge({ status }: { status: CommissioningRequest['status'] }) {
  return <Badge color={REQUEST_STATUS_COLOURS[status]} variant="light">{REQUEST_STATUS_LABELS[status]}</Badge>
}

export function RequestCard({ request: r }: { request: CommissioningRequest }) {
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={`request-${r.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={paths.detail(r.id)} fw={600} size="lg" id={`request-${r.id}`}>{r.title}</Anchor>
          <RequestStatusBadge status={r.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {r.schoolName} · {r.expertsWanted} {r.expertsWanted === 1 ? 'expert' : 'experts'} × {r.daysPerExpert} {r.daysPerExpert === 1 ? 'day' : 'days'} · {formatDate(r.window.start)} to {formatDate(r.window.end)} ({r.termLabel})
        </Text>
        {r.problem && <Text size="sm" lineClamp={2}>{r.problem}</Text>}
        <Group gap={6}>
          {r.areas.map((a) => (
            <Badge key={a.slug} variant="outline" color="gray">{a.name}</Badge>
          ))}
          {r.confidentiality === 'invited' && <Badge color="grape" variant="light">Invitation only</Badge>}
          {r.stale && <Badge color="orange" variant="light">No offers for 14 days</Badge>}
          {r.status === 'open' && r.viewer.isOwner && r.liveOffers > 0 && <Badge color="blue">{r.liveOffers} {r.liveOffers === 1 ? 'offer' : 'offers'} to decide</Badge>}
          {r.viewer.myOffer && <Badge color="violet" variant="light">Your offer: {OFFER_STATUS_LABELS[r.viewer.myOffer.status as OfferStatus] ?? r.viewer.myOffer.status}</Badge>}
        </Group>
      </Stack>
    </Paper>
  )
}
