import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import type { Cluster } from '@ee/shared/clusters'
import type { School } from '@ee/shared/schools'
import { Page } from '../../components/page.tsx'
import { EmptyState, QueryState } from '../../components/states.tsx'
import { useAssignSchools, useCreateCluster } from './api.ts'
import { ClusterActions } from './components/cluster-actions.tsx'
import { problemMessage } from '../../lib/problem.ts'
import { referenceQueries } from '../../lib/reference-data.ts'
import { CsvDownload } from '../../components/csv-download.tsx'

function NewCluster() {
  const [name, setName] = useState('')
  const create = useCreateCluster()
  return (
    <form noValidate aria-label="New cluster" onSubmit={(e) => {
      e.preventDefault()
      create.mutate(name, { onSuccess: () => setName('') })
    }}>
      <Group align="flex-end">
        <TextInput label="New cluster name" value={name} w={320} error={create.error ? problemMessage(create.error, { fieldFirst: true }) : undefined} onChange={(e) => {
          create.reset()
          setName(e.currentTarget.value)
        }} />
        <Button type="submit" loading={create.isPending} disabled={!name.trim()}>Create cluster</Button>
      </Group>
    </form>
  )
}

function ClustersTable({ clusters }: { clusters: Cluster[] }) {
  if (clusters.length === 0) return <EmptyState title="No clusters yet">Create one above, then move schools into it.</EmptyState>
  return (
    <Table striped>
      <Table.Caption>Clusters of the trust</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Cluster</Table.Th>
          <Table.Th scope="col" ta="right">Schools</Table.Th>
          <Table.Th scope="col">Actions</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {clusters.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Th scope="row" fw={500}>{c.name}</Table.Th>
            <Table.Td ta="right">{c.schoolCount}</Table.Td>
            <Table.Td><ClusterActions cluster={c} clusters={clusters} /></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

const NO_CLUSTER = ''

/** Ticks many schools and moves them in one go (into a cluster, or out of any). */
function MoveSchools({ schools, clusters }: { schools: School[]; clusters: Cluster[] }) {
  const [picked, setPicked] = useState<string[]>([])
  const [target, setTarget] = useState(clusters[0]?.id ?? NO_CLUSTER)
  const [done, setDone] = useState<string | null>(null)
  const assign = useAssignSchools()
  const toggle = (id: string, on: boolean) => setPicked((p) => (on ? [...p, id] : p.filter((x) => x !== id)))
  const targetName = clusters.find((c) => c.id === target)?.name
  if (schools.length === 0) return <EmptyState title="No schools yet">Import the trust’s schools first, then put them in clusters.</EmptyState>
  return (
    <Stack>
      <Table.ScrollContainer minWidth={560} maxHeight={420}>
        <Table striped stickyHeader>
          <Table.Caption>Schools and their clusters</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">
                <Checkbox aria-label="Select every school" checked={picked.length === schools.length} indeterminate={picked.length > 0 && picked.length < schools.length}
                  onChange={(e) => setPicked(e.currentTarget.checked ? schools.map((s) => s.id) : [])} />
              </Table.Th>
              <Table.Th scope="col">School</Table.Th>
              <Table.Th scope="col">Cluster</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {schools.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td><Checkbox aria-label={`Select ${s.name}`} checked={picked.includes(s.id)} onChange={(e) => toggle(s.id, e.currentTarget.checked)} /></Table.Td>
                <Table.Th scope="row" fw={400}>{s.name}{s.status === 'closed' ? ' (closed)' : ''}</Table.Th>
                <Table.Td>{s.clusterName ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group align="flex-end">
        <NativeSelect label="Move to" value={target} w={280} onChange={(e) => setTarget(e.currentTarget.value)}
          data={[...clusters.map((c) => ({ value: c.id, label: c.name })), { value: NO_CLUSTER, label: 'No cluster' }]} />
        <Button disabled={picked.length === 0} loading={assign.isPending} onClick={() => {
          setDone(null)
          assign.mutate({ clusterId: target || null, schoolIds: picked }, {
            onSuccess: ({ moved }) => {
              setPicked([])
              setDone(`${moved} ${moved === 1 ? 'school' : 'schools'} moved ${targetName ? `to ${targetName}` : 'out of their clusters'}.`)
            },
          })
        }}>
          Move selected schools
        </Button>
      </Group>
      {done && <Text role="status">{done}</Text>}
      {assign.error && <Alert color="red" role="alert" title="Not moved">{problemMessage(assign.error, { fieldFirst: true })}</Alert>}
    </Stack>
  )
}

export function ClustersPage() {
  const clusters = useQuery(referenceQueries.clusters())
  const schools = useQuery(referenceQueries.schools())
  return (
    <Page title="Clusters" description="Local hubs of schools. Flows can be read per cluster, and matching prefers an expert from the same cluster." action={<Anchor component={Link} to="/admin/schools">Back to schools</Anchor>}>
      <Stack gap="lg">
        <NewCluster />
        <CsvDownload path="/clusters" label="all clusters" />
        <QueryState query={clusters}>{({ items }) => <ClustersTable clusters={items} />}</QueryState>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="move-heading">
          <Stack>
            <Title order={2} size="h4" id="move-heading">Move schools between clusters</Title>
            <QueryState query={schools}>
              {({ items }) => <MoveSchools key={clusters.data?.items.map((c) => c.id).join()} schools={items} clusters={clusters.data?.items ?? []} />}
            </QueryState>
          </Stack>
        </Paper>
      </Stack>
    </Page>
  )
}
