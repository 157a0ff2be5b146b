import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Progress, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { EXTENSION_STATUS_LABELS, RELEASE_STATUS_LABELS } from '@ee/shared/engagements'
import { EXTENSION_LIFECYCLE, RELEASE_LIFECYCLE, allows } from '@ee/shared/lifecycles'
import type { ExtensionRelease, HandoverAsk, Release } from '@ee/shared/releases'
import { Page } from '../../components/page.tsx'
import { EmptyState, QueryState } from '../../components/states.tsx'
import { formatDate, formatDays } from '../../lib/format.ts'
import { releaseQueries, useDecideExtensionRelease, useDecideRelease } from './api.ts'
import { problemMessage } from '../../lib/problem.ts'
import { DialogActions } from '../../components/dialog-actions.tsx'
import { CsvDownload } from '../../components/csv-download.tsx'

function ReleaseCard({ release: r, onRefuse }: { release: Release; onRefuse: () => void }) {
  const decide = useDecideRelease()
  const [error, setError] = useState<string | null>(null)
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={`release-${r.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} id={`release-${r.id}`}>{r.expert.name} to {r.receiverSchool.name}</Text>
          <Badge color={r.release === 'pending' ? 'orange' : r.release === 'approved' ? 'teal' : 'red'} variant="light">{RELEASE_STATUS_LABELS[r.release]}</Badge>
        </Group>
        <Text size="sm">
          {formatDays(r.days)} in {r.termLabel} on <Anchor component={Link} to={`/engagements/${r.id}`}>{r.request.title}</Anchor>
        </Text>
        <Text size="sm" c="dimmed">Your school has released {formatDays(r.termUsedDays)} in {r.termLabel} so far.</Text>
        {r.decidedAt && <Text size="sm" c="dimmed">Decided {formatDate(r.decidedAt)}{r.decidedBy ? ` by ${r.decidedBy}` : ' automatically, within your release days'}</Text>}
        {error && <Alert color="red" role="alert">{error}</Alert>}
        {allows(RELEASE_LIFECYCLE, r.release, 'approve', 'providing') && (
          <Group gap="xs">
            <Button
              loading={decide.isPending}
              aria-label={`Approve release of ${r.expert.name}`}
              onClick={() =>
                decide.mutate({ id: r.id, decision: 'approve' }, {
                  onSuccess: () => notifications.show({ color: 'green', title: 'Release approved', message: `${r.expert.name} can begin.` }),
                  onError: (err) => setError(problemMessage(err, { fallback: 'Something went wrong.' })),
                })
              }
            >
              Approve release
            </Button>
            <Button variant="default" onClick={onRefuse} aria-label={`Refuse release of ${r.expert.name}`}>Refuse release</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  )
}

/** More days on work one of my staff is doing elsewhere: past the budget, my decision (the same as a first release). */
function ExtensionCard({ extension: x }: { extension: ExtensionRelease }) {
  const decide = useDecideExtensionRelease()
  const [error, setError] = useState<string | null>(null)
  const act = (decision: 'approve' | 'refuse') => { setError(null); decide.mutate({ id: x.id, decision }, {
    onSuccess: () => notifications.show({ color: 'green', title: decision === 'approve' ? 'More days released' : 'More days refused', message: `${x.receiverSchool.name} and ${x.expert.name} have been told.` }),
    onError: (err) => setError(problemMessage(err, { fallback: 'Something went wrong.' })),
  }) }
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={`extension-${x.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} id={`extension-${x.id}`}>{formatDays(x.days)} more for {x.expert.name} at {x.receiverSchool.name}</Text>
          <Badge color={x.status === 'pending' ? 'orange' : x.status === 'approved' ? 'teal' : 'red'} variant="light">{EXTENSION_STATUS_LABELS[x.status]}</Badge>
        </Group>
        <Text size="sm">
          {x.termLabel ? `In ${x.termLabel} on ` : 'On '}<Anchor component={Link} to={`/engagements/${x.engagementId}`}>{x.request.title}</Anchor>
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{x.reason}</Text>
        {x.termLabel && <Text size="sm" c="dimmed">Your school has released {formatDays(x.termUsedDays)} in {x.termLabel} so far.</Text>}
        {error && <Alert color="red" role="alert">{error}</Alert>}
        {allows(EXTENSION_LIFECYCLE, x.status, 'approve', 'providing') && (
          <Group gap="xs">
            <Button loading={decide.isPending} onClick={() => act('approve')} aria-label={`Release ${x.days} more days of ${x.expert.name}`}>Release more days</Button>
            <Button variant="default" loading={decide.isPending} onClick={() => act('refuse')} aria-label={`Refuse ${x.days} more days of ${x.expert.name}`}>Refuse</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  )
}

/** Work of my staff whose expert has gone, where the receiving head asks me for a colleague (docs/decisions/012-people-who-leave.md). */
function HandoverCard({ handover: h }: { handover: HandoverAsk }) {
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={`handover-${h.engagementId}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} id={`handover-${h.engagementId}`}>A colleague to take over from {h.expert.name} at {h.receiverSchool.name}</Text>
          <Badge color={h.colleagueNamed ? 'teal' : 'orange'} variant="light">{h.colleagueNamed ? 'Colleague named' : 'Waiting for you'}</Badge>
        </Group>
        <Text size="sm">
          {formatDays(h.daysLeft)} left on <Anchor component={Link} to={`/engagements/${h.engagementId}`}>{h.request.title}</Anchor>; asked {formatDate(h.askedAt)}.
        </Text>
        {!h.colleagueNamed && (
          <Group><Button component={Link} to={`/engagements/${h.engagementId}`} aria-label={`Name a colleague to take over from ${h.expert.name}`}>Name a colleague</Button></Group>
        )}
      </Stack>
    </Paper>
  )
}

export function ReleasesPage() {
  const [params, setParams] = useSearchParams()
  const status = params.get('status') === 'decided' ? 'decided' : params.get('status') === 'all' ? 'all' : 'pending'
  const query = useQuery(releaseQueries.list({ status }))
  const decide = useDecideRelease()
  const [refusing, setRefusing] = useState<Release | null>(null)
  const [reason, setReason] = useState('')
  const shown = (xs: ExtensionRelease[]) => xs.filter((x) => status === 'all' || (status === 'pending') === (x.status === 'pending'))
  return (
    <Page title="Releases" description="Your staff commissioned by other schools. Within your school’s release days they are approved automatically; beyond them, you decide.">
      <CsvDownload path="/releases" query={{ status }} label="these releases" />
      <QueryState query={query}>
        {(data) => (
          <Stack gap="lg">
            <Paper withBorder p="md" radius="md" aria-label="Release days this term">
              <Stack gap={6}>
                <Title order={2} size="h4">{data.summary.termLabel}</Title>
                <Text size="sm">
                  {formatDays(data.summary.approvedDays)} released of {formatDays(data.summary.capDays)} without asking
                  {data.summary.pendingDays ? `; ${formatDays(data.summary.pendingDays)} waiting for you` : ''}.
                </Text>
                <Progress
                  value={data.summary.capDays ? Math.min(100, (data.summary.approvedDays / data.summary.capDays) * 100) : 100}
                  color={data.summary.approvedDays > data.summary.capDays ? 'orange' : 'teal'}
                  aria-label={`${data.summary.approvedDays} of ${data.summary.capDays} release days used`}
                />
              </Stack>
            </Paper>
            {data.handovers.length > 0 && (
              <section aria-labelledby="handovers-heading">
                <Title order={2} size="h4" id="handovers-heading" mb="xs">Colleagues asked for</Title>
                <Stack gap="sm">{data.handovers.map((h) => <HandoverCard key={h.engagementId} handover={h} />)}</Stack>
              </section>
            )}
            <SegmentedControl
              aria-label="Which releases"
              value={status}
              onChange={(v) => setParams({ status: v }, { replace: true })}
              data={[{ value: 'pending', label: 'Waiting for me' }, { value: 'decided', label: 'Decided' }, { value: 'all', label: 'All' }]}
            />
            {data.items.length === 0 ? (
              <EmptyState title={status === 'pending' ? 'No releases waiting for you' : 'No releases yet'}>
                When another school commissions one of your staff beyond your release days, you decide here.
              </EmptyState>
            ) : (
              <Stack gap="sm">{data.items.map((r) => <ReleaseCard key={r.id} release={r} onRefuse={() => setRefusing(r)} />)}</Stack>
            )}
            {shown(data.extensions).length > 0 && (
              <section aria-labelledby="extensions-heading">
                <Title order={2} size="h4" id="extensions-heading" mb="xs">More days asked for</Title>
                <Stack gap="sm">{shown(data.extensions).map((x) => <ExtensionCard key={x.id} extension={x} />)}</Stack>
              </section>
            )}
          </Stack>
        )}
      </QueryState>
      <Modal opened={refusing !== null} onClose={() => setRefusing(null)} title={refusing ? `Refuse the release of ${refusing.expert.name}?` : ''}>
        {refusing && (
          <Stack>
            <Text size="sm">The engagement is cancelled and {refusing.receiverSchool.name} is told, so they can choose someone else.</Text>
            <Textarea label="A reason for them (optional)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
            <DialogActions onCancel={() => setRefusing(null)} cancelLabel="Keep it" busy={decide.isPending} color="red" onConfirm={() => decide.mutate({ id: refusing.id, decision: 'refuse', reason }, { onSettled: () => { setRefusing(null); setReason('') } })}>Refuse release</DialogActions>
          </Stack>
        )}
      </Modal>
    </Page>
  )
}
