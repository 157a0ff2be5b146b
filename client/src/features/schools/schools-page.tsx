import { Badge, Button, Modal, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { PHASE_LABELS } from '@ee/shared/common'
import type { School } from '@ee/shared/schools'
import { Page } from '../../components/page.tsx'
import { EmptyState, QueryState } from '../../components/states.tsx'
import { formatDate } from '../../lib/format.ts'
import { ImportPanel } from './components/import-panel.tsx'
import { SchoolForm } from './components/school-form.tsx'
import { type HeadColumn, SortableTable, useSortedRows } from '../../components/sortable-th.tsx'
import { referenceQueries } from '../../lib/reference-data.ts'
import { CsvDownload } from '../../components/csv-download.tsx'

type Column = 'name' | 'urn' | 'phase' | 'status' | 'cluster' | 'release'
const valueOf = (s: School, key: Column) =>
  key === 'urn' ? s.urn : key === 'release' ? s.releaseDaysPerTerm : key === 'phase' ? PHASE_LABELS[s.phase] : key === 'status' ? s.status : key === 'cluster' ? (s.clusterName ?? '') : s.name

const COLUMNS: HeadColumn<Column>[] = [
  { label: 'School', sortBy: 'name' },
  { label: 'URN', sortBy: 'urn', numeric: true },
  { label: 'Phase', sortBy: 'phase' },
  { label: 'Status', sortBy: 'status' },
  { label: 'Cluster', sortBy: 'cluster' },
  { label: 'Release days per term', sortBy: 'release', numeric: true },
  { label: 'Postcode' },
  { label: <VisuallyHidden>Actions</VisuallyHidden> },
]

function SchoolsTable({ schools, onEdit }: { schools: School[]; onEdit: (s: School) => void }) {
  const { sorted, sort, toggle } = useSortedRows<School, Column>(schools, { key: 'name', desc: false }, valueOf)
  return (
    <SortableTable minWidth={720} caption="Schools of the trust" columns={COLUMNS} sort={sort} onSort={toggle}>
      {sorted.map((s) => (
        <Table.Tr key={s.id}>
          <Table.Th scope="row" fw={500}>{s.name}</Table.Th>
          <Table.Td ta="right">{s.urn}</Table.Td>
          <Table.Td>{PHASE_LABELS[s.phase]}</Table.Td>
          <Table.Td>
            {s.status === 'closed' ? <Badge color="gray.7" variant="outline">{s.closedOn ? `Closed ${formatDate(s.closedOn)}` : 'Closed'}</Badge> : 'Open'}
          </Table.Td>
          <Table.Td>{s.clusterName ?? '—'}</Table.Td>
          <Table.Td ta="right">{s.releaseDaysPerTerm}</Table.Td>
          <Table.Td>{s.postcode || '—'}</Table.Td>
          <Table.Td>
            <Button size="xs" variant="light" onClick={() => onEdit(s)} aria-label={`Edit ${s.name}`}>Edit</Button>
          </Table.Td>
        </Table.Tr>
      ))}
    </SortableTable>
  )
}

export function SchoolsPage() {
  const query = useQuery(referenceQueries.schools())
  const [params, setParams] = useSearchParams()
  const [editing, setEditing] = useState<School | null>(null)
  const find = params.get('q') ?? ''
  const setFind = (q: string) => setParams((prev) => {
    const next = new URLSearchParams(prev)
    if (q) next.set('q', q)
    else next.delete('q')
    return next
  }, { replace: true })
  return (
    <Page
      title="Schools"
      description="The trust’s schools, their clusters and how many staff days each lets go per term."
      action={<Button component={Link} to="/admin/clusters" variant="light">Manage clusters</Button>}
    >
      <CsvDownload path="/schools" label="all schools" />
      <QueryState query={query}>
        {({ items }) => {
          const words = find.trim().toLowerCase()
          const shown = words ? items.filter((s) => `${s.name} ${s.urn} ${s.postcode} ${s.clusterName ?? ''}`.toLowerCase().includes(words)) : items
          return (
            <Stack>
              <TextInput label="Find a school" placeholder="Name, URN, postcode or cluster" type="search" value={find} onChange={(e) => setFind(e.currentTarget.value)} w={340} />
              {items.length === 0 ? (
                <EmptyState title="No schools yet">Import them from a CSV below.</EmptyState>
              ) : shown.length === 0 ? (
                <Text c="dimmed">No school matches “{find}”.</Text>
              ) : (
                <SchoolsTable schools={shown} onEdit={setEditing} />
              )}
            </Stack>
          )
        }}
      </QueryState>
      <ImportPanel />
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={editing !== null} onClose={() => setEditing(null)} title={editing ? `Edit ${editing.name}` : ''}>
        {editing && <SchoolForm school={editing} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />}
      </Modal>
    </Page>
  )
}
