import { Alert, Anchor, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import { OFFER_LIFECYCLE, REQUEST_LIFECYCLE, allows } from '@ee/shared/lifecycles'
import { OFFER_STATUS_LABELS, type Offer } from '@ee/shared/offers'
import type { CommissioningRequest } from '@ee/shared/requests'
import { EmptyState, QueryState } from '../../../components/states.tsx'
import { formatAgo, formatDate, formatDays, formatKm } from '../../../lib/format.ts'
import { offerQueries, useAcceptOffer, useDeclineOffer } from '../api.ts'
import { OFFER_STATUS_COLOURS } from '../status.ts'
import { DialogActions } from '../../../components/dialog-actions.tsx'
import { problemMessage } from '../../../lib/problem.ts'
import { CsvDownload } from '../../../components/csv-download.tsx'

const CLOSED_REASONS: Record<string, string> = {
  declined: 'Declined by you',
  filled: 'Closed: every place was filled',
  expired: 'Invitation expired unanswered',
  invitation_declined: 'The expert declined the invitation',
  request_withdrawn: 'Closed: request withdrawn',
}

function OfferCard({ offer: o, canDecide, onAccept, onDecline }: { offer: Offer; canDecide: boolean; onAccept: () => void; onDecline: () => void }) {
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={`offer-${o.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text fw={600} id={`offer-${o.id}`}>{o.expert.name}</Text>
            <Text size="sm" c="dimmed">{o.school?.name ?? '—'}{o.distanceKm !== null ? ` · ${formatKm(o.distanceKm)}` : ''}</Text>
          </div>
          <Badge color={OFFER_STATUS_COLOURS[o.status]} variant="light">{OFFER_STATUS_LABELS[o.status]}</Badge>
        </Group>
        <Anchor component={Link} to={`/expertise/${o.expertise.id}`} size="sm">{o.expertise.title}</Anchor>
        <Text size="sm"><strong>Evidence:</strong> {o.expertise.evidence}</Text>
        {o.message && <Text size="sm" style={{ whiteSpace: 'pre-line' }}>“{o.message}”</Text>}
        {o.status === 'invited' && <Text size="sm" c="dimmed">Invited {formatDate(o.invitedAt)}; answer due by {formatDate(o.expiresAt)}.</Text>}
        <Group gap={6}>
          <Badge variant="outline" color="gray">{formatDays(o.days)} offered</Badge>
          <Badge variant="outline" color={o.freeDays >= o.days ? 'gray' : 'red'}>{formatDays(o.freeDays)} free this term</Badge>
          <Badge variant="outline" color="gray">
            {o.pastImpact.count ? `Impact ${o.pastImpact.average}/5 from ${o.pastImpact.count}` : 'No past engagements'}
          </Badge>
        </Group>
        {(o.proposedStart || o.proposedEnd) && <Text size="sm">Proposed: {formatDate(o.proposedStart)} to {formatDate(o.proposedEnd)}</Text>}
        <Text size="xs" c="dimmed">Last active {formatAgo(o.expert.lastActiveAt)}</Text>
        {o.closedReason && <Text size="sm" c="dimmed">{CLOSED_REASONS[o.closedReason] ?? o.closedReason}</Text>}
        {o.engagementId && <Anchor component={Link} to={`/engagements/${o.engagementId}`} size="sm">Open the engagement</Anchor>}
        {canDecide && allows(OFFER_LIFECYCLE, o.status, 'decline', 'head') && (
          <Group gap="xs" mt="xs">
            {allows(OFFER_LIFECYCLE, o.status, 'accept', 'head') && <Button size="sm" onClick={onAccept} aria-label={`Accept offer from ${o.expert.name}`}>Accept offer</Button>}
            <Button size="sm" variant="default" onClick={onDecline} aria-label={`${o.status === 'invited' ? 'Withdraw invitation to' : 'Decline offer from'} ${o.expert.name}`}>
              {o.status === 'invited' ? 'Withdraw invitation' : 'Decline offer'}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  )
}

/** The head's view: every offer side by side, with accept and decline. */
export function OffersPanel({ request }: { request: CommissioningRequest }) {
  const query = useQuery(offerQueries.forRequest(request.id))
  const accept = useAcceptOffer()
  const decline = useDeclineOffer()
  const [accepting, setAccepting] = useState<{ offer: Offer; key: string } | null>(null)
  const [declining, setDeclining] = useState<Offer | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const canDecide = allows(REQUEST_LIFECYCLE, request.status, 'accept', 'head')

  const close = () => {
    setAccepting(null)
    setDeclining(null)
    setNote('')
    setError(null)
  }

  return (
    <section aria-labelledby="offers-heading">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="offers-heading">Offers</Title>
          <Text size="sm" c="dimmed">{request.placesFilled} of {request.expertsWanted} {request.expertsWanted === 1 ? 'place' : 'places'} filled</Text>
        </Group>
        <CsvDownload path={`/requests/${request.id}/offers`} label="the offers" />
        <QueryState query={query}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title="No offers yet">
                {request.status === 'draft' ? 'Publish the request so colleagues can offer help, or invite someone directly.' : 'Invite colleagues directly below, or wait for offers; you will be told when one arrives.'}
              </EmptyState>
            ) : (
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                {data.items.map((o) => (
                  <OfferCard key={o.id} offer={o} canDecide={canDecide} onAccept={() => setAccepting({ offer: o, key: crypto.randomUUID() })} onDecline={() => setDeclining(o)} />
                ))}
              </SimpleGrid>
            )
          }
        </QueryState>
      </Stack>

      <Modal opened={accepting !== null} onClose={close} title={accepting ? `Accept the offer from ${accepting.offer.expert.name}?` : ''}>
        {accepting && (
          <Stack>
            <Text size="sm">
              This commissions {accepting.offer.expert.name} for {formatDays(accepting.offer.days)}. Their own school may need to approve their release first.
            </Text>
            <Textarea label="A note for them (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
            {error && <Alert color="red" role="alert" title="Not accepted">{error}</Alert>}
            <DialogActions
              onCancel={close}
              busy={accept.isPending}
              onConfirm={() =>
                accept.mutate(
                  { id: accepting.offer.id, note, key: accepting.key },
                  {
                    onSuccess: (r) => {
                      notifications.show({ color: 'green', title: 'Offer accepted', message: r.release === 'pending' ? 'Their school has been asked to approve the release.' : 'The engagement can begin.' })
                      close()
                    },
                    onError: (err) => setError(problemMessage(err)),
                  },
                )
              }
            >
              Accept offer
            </DialogActions>
          </Stack>
        )}
      </Modal>

      <Modal opened={declining !== null} onClose={close} title={declining ? (declining.status === 'invited' ? `Withdraw the invitation to ${declining.expert.name}?` : `Decline the offer from ${declining.expert.name}?`) : ''}>
        {declining && (
          <Stack>
            <Text size="sm">We will thank them for their generosity and let them know.</Text>
            <Textarea label="A reason for them (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
            {error && <Alert color="red" role="alert" title="Not done">{error}</Alert>}
            <DialogActions onCancel={close} busy={decline.isPending} color="red" onConfirm={() => decline.mutate({ id: declining.id, reason: note }, { onSuccess: close, onError: (err) => setError(problemMessage(err)) })}>
              {declining.status === 'invited' ? 'Withdraw invitation' : 'Decline offer'}
            </DialogActions>
          </Stack>
        )}
      </Modal>
    </section>
  )
}
