import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Switch, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import type { Expertise } from '@ee/shared/expertise'
import { Page } from '../../components/page.tsx'
import { EmptyState, ErrorState, QueryState } from '../../components/states.tsx'
import { formatDate, formatDays } from '../../lib/format.ts'
import { profileQueries, useArchiveExpertise, useUpdateAvailability, useUpdateExpertise } from './api.ts'
import { ChangePasswordForm } from './components/change-password-form.tsx'
import { Confirm } from './components/confirm.tsx'
import { ExpertiseForm } from './components/expertise-form.tsx'
import { CsvDownload } from '../../components/csv-download.tsx'

function AvailabilityCard({ paused, pausedAt }: { paused: boolean; pausedAt: string | null }) {
  const availability = useUpdateAvailability()
  const [asking, setAsking] = useState(false)
  const set = (next: boolean) =>
    availability.mutate(next, {
      onSuccess: (res) => {
        setAsking(false)
        notifications.show({
          title: next ? 'Availability paused' : 'Welcome back',
          message: next
            ? `You are out of the directory and suggestions.${res.declinedInvitations ? ` ${res.declinedInvitations} waiting ${res.declinedInvitations === 1 ? 'invitation was' : 'invitations were'} declined for you.` : ''}`
            : 'Your active entries are back in the directory.',
        })
      },
    })
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Title order={2} size="h4">Your availability</Title>
        <Switch
          label="Pause all my availability"
          description="While paused you are out of the directory and suggestions, and invitations waiting for your answer are declined so no head is left waiting."
          checked={paused}
          disabled={availability.isPending}
          onChange={(e) => (e.currentTarget.checked ? setAsking(true) : set(false))}
        />
        {paused && pausedAt && <Text size="sm" c="dimmed">Paused since {formatDate(pausedAt)}.</Text>}
        {availability.isError && <ErrorState error={availability.error} />}
      </Stack>
      <Confirm
        opened={asking}
        title="Pause all your availability?"
        confirmLabel="Pause availability"
        color="orange"
        loading={availability.isPending}
        onClose={() => setAsking(false)}
        onConfirm={() => set(true)}
      >
        You will leave the directory and suggestions until you resume, and any invitation waiting for your answer will be declined. Work you have already agreed carries on.
      </Confirm>
    </Paper>
  )
}

function EntryCard({ entry, termLabel, onEdit }: { entry: Expertise; termLabel: string; onEdit: () => void }) {
  const update = useUpdateExpertise()
  const archive = useArchiveExpertise()
  const [archiving, setArchiving] = useState(false)
  const headingId = `entry-${entry.id}`
  return (
    <Paper component="article" withBorder p="md" radius="md" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Title order={3} size="h4" id={headingId}>
            <Anchor component={Link} to={`/expertise/${entry.id}`}>{entry.title}</Anchor>
          </Title>
          <Badge color={entry.active ? 'teal.9' : 'gray.8'} variant="outline">{entry.active ? 'Open to new work' : 'Paused'}</Badge>
        </Group>
        <Group gap={6} aria-label="Areas">
          {entry.areas.map((a) => (
            <Badge key={a.slug} variant="outline" color={a.retired ? 'gray.8' : 'indigo.9'} tt="none">{a.name}{a.retired ? ' (retired)' : ''}</Badge>
          ))}
        </Group>
        <Text size="sm">
          {termLabel}: {formatDays(entry.daysThisTerm)} offered, {formatDays(entry.daysCommitted)} committed, <strong>{formatDays(entry.daysFree)} free</strong>.
        </Text>
        <Text size="xs" c="dimmed">Last updated {formatDate(entry.updatedAt)}</Text>
        {(update.isError || archive.isError) && <ErrorState error={update.error ?? archive.error} />}
        <Group gap="xs">
          <Button size="xs" variant="light" onClick={onEdit} aria-label={`Edit ${entry.title}`}>Edit</Button>
          <Button
            size="xs"
            variant="default"
            loading={update.isPending}
            onClick={() => update.mutate({ id: entry.id, body: { active: !entry.active } })}
            aria-label={`${entry.active ? 'Pause' : 'Resume'} ${entry.title}`}
          >
            {entry.active ? 'Pause' : 'Resume'}
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={() => setArchiving(true)} aria-label={`Archive ${entry.title}`}>Archive</Button>
        </Group>
      </Stack>
      <Confirm
        opened={archiving}
        title="Archive this entry?"
        confirmLabel="Archive"
        loading={archive.isPending}
        onClose={() => setArchiving(false)}
        onConfirm={() => archive.mutate(entry.id, { onSuccess: () => setArchiving(false) })}
      >
        “{entry.title}” will leave the directory for good and any invitation waiting on it will be declined. Past work stays on record.
      </Confirm>
    </Paper>
  )
}

export function ProfilePage() {
  const query = useQuery(profileQueries.me())
  const [editing, setEditing] = useState<Expertise | 'new' | null>(null)
  const close = () => setEditing(null)
  return (
    <Page
      title="My expertise"
      description="What you can offer other schools, with the evidence, and how many days you can give each term."
      action={<Button onClick={() => setEditing('new')}>Add expertise</Button>}
    >
      <QueryState query={query}>
        {(p) => (
          <Stack gap="lg">
            {p.school && (
              <Text size="sm" c="dimmed">
                {p.school.name}{p.school.clusterName ? ` (${p.school.clusterName})` : ''} lets {formatDays(p.school.releaseDaysPerTerm)} of staff time go each term without the head’s approval.
              </Text>
            )}
            <AvailabilityCard paused={p.person.paused} pausedAt={p.person.pausedAt} />
            {p.person.paused && p.expertise.length > 0 && (
              <Alert color="yellow" title="You are paused">Your entries stay here but do not show in the directory until you resume.</Alert>
            )}
            <section aria-labelledby="entries-heading">
              <Stack gap="sm">
                <Group justify="space-between">
                  <Title order={2} size="h3" id="entries-heading">Your entries</Title>
                  {p.expertise.length > 0 && <CsvDownload path="/expertise/mine" label="your entries" />}
                  {p.expertise.length > 0 && (
                    <Text size="sm">{p.term.label}: {formatDays(p.totals.free)} free of {formatDays(p.totals.capacity)} offered.</Text>
                  )}
                </Group>
                {p.expertise.length === 0 ? (
                  <EmptyState title="You have not shared any expertise yet" action={<Button onClick={() => setEditing('new')}>Add expertise</Button>}>
                    Say what you could help another school with and what difference it made where you did it.
                  </EmptyState>
                ) : (
                  p.expertise.map((e) => <EntryCard key={e.id} entry={e} termLabel={p.term.label} onEdit={() => setEditing(e)} />)
                )}
              </Stack>
            </section>
            <ChangePasswordForm />
          </Stack>
        )}
      </QueryState>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={editing !== null} onClose={close} title={editing === 'new' ? 'Add expertise' : 'Edit expertise'} size="lg">
        {editing !== null && <ExpertiseForm entry={editing === 'new' ? undefined : editing} onDone={close} onCancel={close} />}
      </Modal>
    </Page>
  )
}
