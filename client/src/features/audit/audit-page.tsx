import { Anchor, Badge, Button, Center, Code, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { AUDIT_OBJECT_LABELS, AUDIT_OBJECT_TYPES, AUDIT_OUTCOMES, AUDIT_OUTCOME_LABELS, type AuditEvent, AuditListQuerySchema } from '@ee/shared/audit'
import { Page } from '../../components/page.tsx'
import { EmptyState, ErrorState, QueryState } from '../../components/states.tsx'
import { formatDateTime } from '../../lib/format.ts'
import { type AuditFilter, auditCsvHref, auditQueries } from './api.ts'

const KEYS = ['person', 'action', 'objectType', 'objectId', 'outcome', 'from', 'to'] as const
type Key = (typeof KEYS)[number]

/** The page's filters live in the URL, so a view of the trail can be bookmarked and shared. */
function useAuditFilter(): [AuditFilter, (change: Partial<Record<Key, string | undefined>>) => void] {
  const [params, setParams] = useSearchParams()
  const filter: Record<string, string> = {}
  for (const key of KEYS) {
    const value = params.get(key)
    if (value && AuditListQuerySchema.shape[key].safeParse(value).success) filter[key] = value
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

/** `request.created` → "Request created"; a refusal names the policy it met (`request.publish`). */
const actionWords = (action: string) => {
  const words = action.replace(/[._|]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const who = (e: AuditEvent) => (e.actor ? (e.actor.name ?? 'Someone from another trust') : e.detail?.fromAnotherTrust ? 'Someone from another trust' : 'The service')

const OUTCOME_COLOURS: Record<string, string> = { success: 'teal.9', failure: 'orange.9', denied: 'red.9' }

function objectWords(e: AuditEvent) {
  const label = AUDIT_OBJECT_LABELS[e.objectType as keyof typeof AUDIT_OBJECT_LABELS] ?? e.objectType
  return e.objectId ? `${label} ${e.objectId.slice(0, 8)}` : label
}

function AuditTable({ events, onPerson }: { events: AuditEvent[]; onPerson: (id: string, name: string) => void }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover aria-label="Audit events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Object</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Detail</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
              <Table.Td>
                {e.actor?.name ? (
                  <Anchor component="button" type="button" size="sm" onClick={() => onPerson(e.actor!.id, e.actor!.name!)} title={`Show only what ${e.actor.name} did`}>{e.actor.name}</Anchor>
                ) : (
                  <Text size="sm" c="dimmed">{who(e)}</Text>
                )}
              </Table.Td>
              <Table.Td>{actionWords(e.action)}</Table.Td>
              <Table.Td>{e.link ? <Anchor component={Link} to={e.link} size="sm">{objectWords(e)}</Anchor> : <Text size="sm">{objectWords(e)}</Text>}</Table.Td>
              <Table.Td><Badge color={OUTCOME_COLOURS[e.outcome] ?? 'gray.8'} variant="outline">{AUDIT_OUTCOME_LABELS[e.outcome as keyof typeof AUDIT_OUTCOME_LABELS] ?? e.outcome}</Badge></Table.Td>
              <Table.Td>{e.detail ? <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{JSON.stringify(e.detail)}</Code> : null}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

/** The person filter: type part of a name or e-mail, choose the person. */
function PersonFilter({ value, known, onChange }: { value: string | undefined; known: Map<string, string>; onChange: (id: string | undefined, name?: string) => void }) {
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search, 250)
  const people = useQuery(auditQueries.people(q))
  const options = new Map(known)
  for (const p of people.data?.items ?? []) options.set(p.id, `${p.name} (${p.email})`)
  return (
    <Select
      label="Person"
      placeholder="Type a name or e-mail"
      searchable
      clearable
      w={280}
      data={[...options].map(([id, label]) => ({ value: id, label }))}
      value={value ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => onChange(id ?? undefined, id ? options.get(id) : undefined)}
      nothingFoundMessage={search.trim().length < 2 ? 'Type at least 2 letters' : 'Nobody by that name'}
    />
  )
}

export function AuditPage() {
  const [filter, update] = useAuditFilter()
  const query = useInfiniteQuery(auditQueries.list(filter))
  const [names, setNames] = useState(() => new Map<string, string>())
  const rememberPerson = (id: string, name: string) => setNames((m) => new Map(m).set(id, name))
  const [action, setAction] = useState(filter.action ?? '')
  const [objectId, setObjectId] = useState(filter.objectId ?? '')
  const filtered = Object.keys(filter).length > 0
  const known = new Map(names)
  for (const e of query.data?.items ?? []) if (e.actor?.name && !known.has(e.actor.id)) known.set(e.actor.id, e.actor.name)

  return (
    <Page
      title="Audit trail"
      description="Who did what, to which object and when, across the trust, including attempts that were refused. Nobody can change or delete these records."
      action={<Button component="a" href={auditCsvHref(filter)} download variant="default">Download CSV</Button>}
    >
      <Stack gap="xs" role="search" aria-label="Filter the audit trail">
        <Group align="flex-end" wrap="wrap">
          <PersonFilter value={filter.person} known={known} onChange={(id, name) => {
            if (id && name) rememberPerson(id, name)
            update({ person: id })
          }} />
          <TextInput label="Action" description="Or its start, e.g. request" value={action} w={200}
            onChange={(e) => setAction(e.currentTarget.value)} onBlur={() => update({ action: action.trim() || undefined })}
            onKeyDown={(e) => e.key === 'Enter' && update({ action: action.trim() || undefined })} />
          <Select label="Object" placeholder="Any object" clearable w={180} data={AUDIT_OBJECT_TYPES.map((t) => ({ value: t, label: AUDIT_OBJECT_LABELS[t] }))}
            value={filter.objectType ?? null} onChange={(v) => update({ objectType: v ?? undefined })} />
          <TextInput label="Object id" value={objectId} w={200}
            onChange={(e) => setObjectId(e.currentTarget.value)} onBlur={() => update({ objectId: objectId.trim() || undefined })}
            onKeyDown={(e) => e.key === 'Enter' && update({ objectId: objectId.trim() || undefined })} />
          <Select label="Outcome" placeholder="Any outcome" clearable w={150} data={AUDIT_OUTCOMES.map((o) => ({ value: o, label: AUDIT_OUTCOME_LABELS[o] }))}
            value={filter.outcome ?? null} onChange={(v) => update({ outcome: v ?? undefined })} />
          <TextInput type="date" label="From" value={filter.from ?? ''} onChange={(e) => update({ from: e.currentTarget.value || undefined })} w={160} />
          <TextInput type="date" label="To" value={filter.to ?? ''} onChange={(e) => update({ to: e.currentTarget.value || undefined })} w={160} />
        </Group>
        {filtered && (
          <Group>
            <Button variant="subtle" size="compact-sm" onClick={() => {
              setAction('')
              setObjectId('')
              update({ person: undefined, action: undefined, objectType: undefined, objectId: undefined, outcome: undefined, from: undefined, to: undefined })
            }}>Clear all filters</Button>
          </Group>
        )}
      </Stack>
      <QueryState query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title={filtered ? 'Nothing matches these filters' : 'Nothing recorded yet'}>
              {filtered ? 'Clear a filter or choose other dates.' : 'Every change and every refused attempt in the trust will show here.'}
            </EmptyState>
          ) : (
            <Stack gap="xs">
              <Text size="sm" c="dimmed" aria-live="polite">{items.length} {items.length === 1 ? 'event' : 'events'}{query.hasNextPage ? ' so far, newest first' : ', newest first'}</Text>
              <AuditTable events={items} onPerson={(id, name) => {
                rememberPerson(id, name)
                update({ person: id })
              }} />
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
    </Page>
  )
}
