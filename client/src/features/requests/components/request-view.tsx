import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import { MODE_LABELS, PHASE_LABELS } from '@ee/shared/common'
import { REQUEST_LIFECYCLE, actionsFrom } from '@ee/shared/lifecycles'
import { CONFIDENTIALITY_LABELS, type CommissioningRequest } from '@ee/shared/requests'
import { QueryState } from '../../../components/states.tsx'
import { formatDate, formatDateTime } from '../../../lib/format.ts'
import { problemMessage } from '../../../lib/problem.ts'
import { requestQueries, usePublishRequest, useWithdrawRequest } from '../api.ts'
import { paths } from '../status.ts'
import { CaseList } from './similar-work.tsx'
import { DialogActions } from '../../../components/dialog-actions.tsx'
import { CsvDownload } from '../../../components/csv-download.tsx'

/** What the school sees, has tried and hopes for; hidden from readers the request is not shared with. */
export function Words({ request: r }: { request: CommissioningRequest }) {
  if (r.textHidden) {
    return (
      <Alert color="grape" title="Shared only with invited colleagues">
        This request is invitation-only: you can see that it exists, but not what it says.
      </Alert>
    )
  }
  const block = (heading: string, text: string | null) =>
    text ? (
      <Stack gap={4}>
        <Title order={2} size="h4">{heading}</Title>
        <Text style={{ whiteSpace: 'pre-line' }}>{text}</Text>
      </Stack>
    ) : null
  return (
    <Stack gap="md">
      {block('What we see', r.problem)}
      {block('What we have tried', r.tried)}
      {block('What success looks like', r.outcome)}
    </Stack>
  )
}

export function Facts({ request: r }: { request: CommissioningRequest }) {
  const row = (label: string, value: React.ReactNode) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" fw={600} w={150} style={{ flexShrink: 0 }}>{label}</Text>
      <Text size="sm" component="div">{value}</Text>
    </Group>
  )
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap={6}>
        {row('School', r.schoolName)}
        {row('Raised by', r.raisedBy.name)}
        {row('Areas', <Group gap={4}>{r.areas.map((a) => <Badge key={a.slug} variant="outline" color="gray">{a.name}</Badge>)}</Group>)}
        {r.subjects.length > 0 && row('Subjects', r.subjects.join(', '))}
        {r.phases.length > 0 && row('Phases', r.phases.map((p) => PHASE_LABELS[p]).join(', '))}
        {row('Kinds of help', r.modes.map((m) => MODE_LABELS[m]).join(', '))}
        {row('Experts wanted', `${r.expertsWanted} × ${r.daysPerExpert} ${r.daysPerExpert === 1 ? 'day' : 'days'} (${r.placesFilled} filled)`)}
        {row('Window', `${formatDate(r.window.start)} to ${formatDate(r.window.end)} (${r.termLabel})`)}
        {row('Who may read it', CONFIDENTIALITY_LABELS[r.confidentiality])}
        {r.viewer.isOwner && row('If an invitation lapses', r.autoInvite ? 'The next suggestion is invited automatically' : 'You choose whom to invite next')}
        {r.publishedAt && row('Published', formatDateTime(r.publishedAt))}
      </Stack>
    </Paper>
  )
}

/** The head's own buttons: publish a draft, edit, withdraw. */
export function OwnerActions({ request: r }: { request: CommissioningRequest }) {
  const publish = usePublishRequest(r.id)
  const withdraw = useWithdrawRequest(r.id)
  const [confirm, { open, close }] = useDisclosure(false)
  const [error, setError] = useState<string | null>(null)
  const fail = (err: unknown) => setError(problemMessage(err, { fallback: 'Something went wrong.' }))
  // The buttons are the head's steps in the request's table (shared/src/lifecycles.ts), as the server checks them.
  const may = actionsFrom(REQUEST_LIFECYCLE, r.status, 'head')
  if (!r.viewer.isOwner || !(['publish', 'edit', 'withdraw'] as const).some((a) => may.includes(a))) return null
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="xs">
        {may.includes('publish') && (
          <Button loading={publish.isPending} onClick={() => { setError(null); publish.mutate(undefined, { onSuccess: () => notifications.show({ color: 'green', title: 'Published', message: 'Colleagues across the trust can now offer help.' }), onError: fail }) }}>
            Publish request
          </Button>
        )}
        {may.includes('edit') && <Button component={Link} to={paths.edit(r.id)} variant="default">Edit request</Button>}
        {may.includes('withdraw') && <Button variant="subtle" color="red" onClick={open}>Withdraw request</Button>}
      </Group>
      {error && <Alert color="red" role="alert" title="Not done">{error}</Alert>}
      <Modal opened={confirm} onClose={close} title="Withdraw this request?">
        <Stack>
          <Text size="sm">Anyone invited or offering will be thanked and told it is closed. This cannot be undone.</Text>
          <DialogActions onCancel={close} cancelLabel="Keep it" busy={withdraw.isPending} color="red" onConfirm={() => withdraw.mutate(undefined, { onSuccess: close, onError: (e) => { close(); fail(e) } })}>Withdraw request</DialogActions>
        </Stack>
      </Modal>
    </Stack>
  )
}

export function SimilarForRequest({ id }: { id: string }) {
  const query = useQuery(requestQueries.similar(id))
  return (
    <Paper withBorder p="md" radius="md" component="aside" aria-labelledby="similar-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="similar-heading">Similar past work</Title>
        <CsvDownload path={`/requests/${id}/similar-cases`} label="these cases" />
        <QueryState query={query}>
          {(data) => (data.items.length ? <CaseList items={data.items} /> : <Text size="sm" c="dimmed">No past cases like this yet.</Text>)}
        </QueryState>
      </Stack>
    </Paper>
  )
}
