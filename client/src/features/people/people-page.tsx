import { Anchor, Badge, Button, Center, Group, Modal, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { ROLES, ROLE_LABELS } from '@ee/shared/common'
import { PeopleListQuerySchema, type PeopleListQueryInput, type PersonSummary } from '@ee/shared/people'
import { Page } from '../../components/page.tsx'
import { EmptyState, ErrorState, QueryState } from '../../components/states.tsx'
import { useActor } from '../../lib/auth.tsx'
import { formatAgo } from '../../lib/format.ts'
import { isErasedEmail } from '@ee/shared/privacy'
import { peopleQueries, personDataHref, useSendResetLink, useUpdatePerson } from './api.ts'
import { ErasePerson } from './components/erase-person.tsx'
import { InviteCsvPanel } from './components/invite-csv-panel.tsx'
import { InviteForm } from './components/invite-form.tsx'
import { PendingInvitations } from './components/pending-invitations.tsx'
import { PersonForm } from './components/person-form.tsx'
import { type HeadColumn, SortableTable, useSortedRows } from '../../components/sortable-th.tsx'
import { problemMessage } from '../../lib/problem.ts'
import { referenceQueries } from '../../lib/reference-data.ts'
import { DialogActions } from '../../components/dialog-actions.tsx'
import { CsvDownload } from '../../components/csv-download.tsx'

const KEYS = ['q', 'role', 'school', 'active'] as const
type Key = (typeof KEYS)[number]

function usePeopleFilter(): [PeopleListQueryInput, (change: Partial<Record<Key, string | undefined>>) => void] {
  const [params, setParams] = useSearchParams()
  const filter: Record<string, string> = {}
  for (const key of KEYS) {
    const value = params.get(key)
    if (value && PeopleListQuerySchema.shape[key].safeParse(value).success) filter[key] = value
  }
  const update = (change: Partial<Record<Key, string | undefined>>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev)
      for (const [k, v] of Object.entries(change)) {
        if (v) next.set(k, v)
        else next.delete(k)
      }
      return next
    }, { replace: true })
  return [filter, update]
}

const status = (p: PersonSummary) => (isErasedEmail(p.email) ? ['gray.8', 'Erased'] : !p.active ? ['gray.8', 'Deactivated'] : p.paused ? ['grape.9', 'Paused'] : ['teal.9', 'Active'])

type Column = 'name' | 'email' | 'role' | 'school' | 'lastActive'
const valueOf = (p: PersonSummary, key: Column) =>
  key === 'email' ? p.email : key === 'role' ? ROLE_LABELS[p.role] : key === 'school' ? (p.schoolName ?? '') : key === 'lastActive' ? (p.lastActiveAt ?? '') : p.name

const COLUMNS: HeadColumn<Column>[] = [
  { label: 'Name', sortBy: 'name' },
  { label: 'E-mail', sortBy: 'email' },
  { label: 'Role', sortBy: 'role' },
  { label: 'School', sortBy: 'school' },
  { label: 'Status' },
  { label: 'Last active', sortBy: 'lastActive' },
  { label: <VisuallyHidden>Actions</VisuallyHidden> },
]

function PeopleTable({ people, onChange, onToggle, onReset, onErase }: { people: PersonSummary[]; onChange: (p: PersonSummary) => void; onToggle: (p: PersonSummary) => void; onReset: (p: PersonSummary) => void; onErase: (p: PersonSummary) => void }) {
  const me = useActor()
  const { sorted, sort, toggle } = useSortedRows<PersonSummary, Column>(people, { key: 'name', desc: false }, valueOf)
  return (
    <SortableTable minWidth={1180} caption="People of the trust" columns={COLUMNS} sort={sort} onSort={toggle}>
      {sorted.map((p) => {
        const [color, label] = status(p)
        const self = p.id === me.id
        const erased = isErasedEmail(p.email)
        return (
          <Table.Tr key={p.id}>
            <Table.Th scope="row" fw={500}>{p.name}</Table.Th>
            <Table.Td>{p.email}</Table.Td>
            <Table.Td>{ROLE_LABELS[p.role]}</Table.Td>
            <Table.Td>{p.schoolName ?? '—'}</Table.Td>
            <Table.Td><Badge color={color} variant="outline">{label}</Badge></Table.Td>
            <Table.Td>{p.lastActiveAt ? formatAgo(p.lastActiveAt) : 'never'}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="light" disabled={self || erased} onClick={() => onChange(p)} aria-label={`Change role or school of ${p.name}`}>Change</Button>
                <Button size="xs" variant="default" disabled={self || !p.active} onClick={() => onReset(p)} aria-label={`Send ${p.name} a reset link`}>Send reset link</Button>
                <Button size="xs" variant="subtle" color={p.active ? 'red' : 'teal'} disabled={self || erased} onClick={() => onToggle(p)} aria-label={`${p.active ? 'Deactivate' : 'Reactivate'} ${p.name}`}>
                  {p.active ? 'Deactivate' : 'Reactivate'}
                </Button>
                <Button size="xs" variant="default" component="a" href={personDataHref(p.id)} download aria-label={`Download the data of ${p.name}`}>Download their data</Button>
                <Button size="xs" variant="subtle" color="red" disabled={self || erased} onClick={() => onErase(p)} aria-label={`Erase ${p.name}`}>Erase</Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        )
      })}
    </SortableTable>
  )
}

export function PeoplePage() {
  const [filter, update] = usePeopleFilter()
  const query = useInfiniteQuery(peopleQueries.list(filter))
  const schools = useQuery(referenceQueries.schools())
  const toggle = useUpdatePerson()
  const [q, setQ] = useState(filter.q ?? '')
  const pushQ = useDebouncedCallback((value: string) => update({ q: value.trim() || undefined }), 300)
  const [inviting, setInviting] = useState(false)
  const [importing, setImporting] = useState(false)
  const [changing, setChanging] = useState<PersonSummary | null>(null)
  const [toggling, setToggling] = useState<PersonSummary | null>(null)
  const [resetting, setResetting] = useState<PersonSummary | null>(null)
  const [erasing, setErasing] = useState<PersonSummary | null>(null)
  const sendReset = useSendResetLink()
  const closeReset = () => {
    setResetting(null)
    sendReset.reset()
  }
  const closeToggle = () => {
    setToggling(null)
    toggle.reset()
  }
  return (
    <Page title="People" description="Everyone in the trust: invite colleagues, change roles and schools, deactivate people who have left, and download or erase someone's data when they ask." action={
      <Group>
        <Anchor href="/api/admin/export" download size="sm">Download all the trust’s data</Anchor>
        <Button variant="default" onClick={() => setImporting(true)}>Invite from a CSV</Button>
        <Button onClick={() => setInviting(true)}>Invite someone</Button>
      </Group>
    }>
      <Group align="flex-end" role="search" aria-label="Filter people">
        <TextInput label="Find a person" placeholder="Name or e-mail" type="search" value={q} onChange={(e) => {
          setQ(e.currentTarget.value)
          pushQ(e.currentTarget.value)
        }} w={260} />
        <Select label="Role" placeholder="Any role" data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} value={filter.role ?? null} onChange={(v) => update({ role: v ?? undefined })} clearable w={200} />
        <Select label="School" placeholder="Any school" searchable data={schools.data?.items.map((s) => ({ value: s.id, label: s.name })) ?? []} value={filter.school ?? null} onChange={(v) => update({ school: v ?? undefined })} clearable w={240} />
        <Select label="Status" placeholder="Everyone" data={[{ value: 'true', label: 'Active' }, { value: 'false', label: 'Deactivated' }]} value={filter.active ?? null} onChange={(v) => update({ active: v ?? undefined })} clearable w={160} />
        <CsvDownload path="/people" query={filter} label="these people" />
      </Group>
      <QueryState query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title="Nobody matches these filters">Clear a filter, or invite someone.</EmptyState>
          ) : (
            <Stack gap="xs">
              <Text size="sm" c="dimmed" aria-live="polite">{items.length} {items.length === 1 ? 'person' : 'people'}{query.hasNextPage ? ' so far' : ''}</Text>
              <PeopleTable people={items} onChange={setChanging} onToggle={setToggling} onReset={setResetting} onErase={setErasing} />
              {query.isFetchNextPageError && <ErrorState error={query.error} onRetry={() => void query.fetchNextPage()} />}
              {query.hasNextPage && (
                <Center>
                  <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>Show more</Button>
                </Center>
              )}
            </Stack>
          )
        }
      </QueryState>
      <PendingInvitations />
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={resetting !== null} onClose={closeReset} title={resetting ? `Send ${resetting.name} a reset link?` : ''}>
        {resetting && (
          <Stack>
            {sendReset.isSuccess ? (
              <Text size="sm" role="status">We have e-mailed {sendReset.data.email} a link to choose a new password. It works once, for 30 minutes.</Text>
            ) : (
              <Text size="sm">We e-mail {resetting.email} a link to choose a new password, valid for 30 minutes. Their password stays as it is until they use it; you never see the link.</Text>
            )}
            {sendReset.error && <Text c="red" size="sm" role="alert">{problemMessage(sendReset.error, { fallback: 'Please try again.' })}</Text>}
            <Group justify="flex-end">
              {sendReset.isSuccess ? (
                <Button onClick={closeReset}>Done</Button>
              ) : (
                <>
                  <Button variant="default" onClick={closeReset}>Cancel</Button>
                  <Button loading={sendReset.isPending} onClick={() => sendReset.mutate(resetting.id)}>Send reset link</Button>
                </>
              )}
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={erasing !== null} onClose={() => setErasing(null)} title={erasing ? `Erase ${erasing.name}?` : ''}>
        {erasing && <ErasePerson person={erasing} onDone={() => setErasing(null)} onCancel={() => setErasing(null)} />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={importing} onClose={() => setImporting(false)} title="Invite from a CSV" size="xl">
        {importing && <InviteCsvPanel />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={inviting} onClose={() => setInviting(false)} title="Invite someone">
        {inviting && <InviteForm onClose={() => setInviting(false)} />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={changing !== null} onClose={() => setChanging(null)} title={changing ? `Change ${changing.name}` : ''}>
        {changing && <PersonForm person={changing} onDone={() => setChanging(null)} onCancel={() => setChanging(null)} />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={toggling !== null} onClose={closeToggle} title={toggling ? `${toggling.active ? 'Deactivate' : 'Reactivate'} ${toggling.name}?` : ''}>
        {toggling && (
          <Stack>
            <Text size="sm">
              {toggling.active
                ? 'They are signed out at once and cannot sign in; their expertise leaves the directory and invitations waiting for them are declined. Everything they did stays on record.'
                : 'They can sign in again and their active expertise returns to the directory.'}
            </Text>
            {toggle.error && <Text c="red" size="sm" role="alert">{problemMessage(toggle.error, { fallback: 'Please try again.' })}</Text>}
            <DialogActions onCancel={closeToggle} busy={toggle.isPending} color={toggling.active ? 'red' : 'teal'} onConfirm={() => toggle.mutate({ id: toggling.id, body: { active: !toggling.active } }, { onSuccess: closeToggle })}>
              {toggling.active ? 'Deactivate' : 'Reactivate'}
            </DialogActions>
          </Stack>
        )}
      </Modal>
    </Page>
  )
}
