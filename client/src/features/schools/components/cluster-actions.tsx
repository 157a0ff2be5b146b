import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { Cluster } from '@ee/shared/clusters'
import { useDeleteCluster, useMergeCluster, useRenameCluster } from '../api.ts'
import { problemMessage } from '../../../lib/problem.ts'
import { DialogActions } from '../../../components/dialog-actions.tsx'

type Open = 'rename' | 'merge' | 'delete' | null

/** Rename, merge into another, or delete one cluster; each asks in a dialog first. */
export function ClusterActions({ cluster, clusters }: { cluster: Cluster; clusters: Cluster[] }) {
  const [open, setOpen] = useState<Open>(null)
  const [name, setName] = useState(cluster.name)
  const others = clusters.filter((c) => c.id !== cluster.id)
  const [intoId, setIntoId] = useState(others[0]?.id ?? '')
  const rename = useRenameCluster()
  const merge = useMergeCluster()
  const remove = useDeleteCluster()
  const close = () => {
    setOpen(null)
    rename.reset()
    merge.reset()
    remove.reset()
  }
  const schools = `${cluster.schoolCount} ${cluster.schoolCount === 1 ? 'school' : 'schools'}`
  return (
    <>
      <Group gap="xs">
        <Button size="xs" variant="light" aria-label={`Rename ${cluster.name}`} onClick={() => {
          setName(cluster.name)
          setOpen('rename')
        }}>Rename</Button>
        <Button size="xs" variant="light" aria-label={`Merge ${cluster.name}`} disabled={others.length === 0} onClick={() => {
          setIntoId(others[0]?.id ?? '')
          setOpen('merge')
        }}>Merge</Button>
        <Button size="xs" variant="light" color="red" aria-label={`Delete ${cluster.name}`} onClick={() => setOpen('delete')}>Delete</Button>
      </Group>
      <Modal opened={open === 'rename'} onClose={close} title={`Rename ${cluster.name}`} closeButtonProps={{ 'aria-label': 'Close' }}>
        <form noValidate onSubmit={(e) => {
          e.preventDefault()
          rename.mutate({ id: cluster.id, name }, { onSuccess: close })
        }}>
          <Stack>
            <TextInput label="Cluster name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={rename.error ? problemMessage(rename.error, { fieldFirst: true }) : undefined} data-autofocus />
            <DialogActions onCancel={close} busy={rename.isPending}>Save name</DialogActions>
          </Stack>
        </form>
      </Modal>
      <Modal opened={open === 'merge'} onClose={close} title={`Merge ${cluster.name}`} closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack>
          <Text size="sm">Its {schools} move into the cluster you choose, and {cluster.name} is removed.</Text>
          <NativeSelect label="Merge into" value={intoId} onChange={(e) => setIntoId(e.currentTarget.value)} data={others.map((c) => ({ value: c.id, label: c.name }))} />
          {merge.error && <Alert color="red" role="alert" title="Not merged">{problemMessage(merge.error, { fieldFirst: true })}</Alert>}
          <DialogActions onCancel={close} busy={merge.isPending} onConfirm={() => merge.mutate({ id: cluster.id, intoId }, { onSuccess: close })}>Merge clusters</DialogActions>
        </Stack>
      </Modal>
      <Modal opened={open === 'delete'} onClose={close} title={`Delete ${cluster.name}`} closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack>
          <Text size="sm">Its {schools} stay in the trust, in no cluster.</Text>
          {remove.error && <Alert color="red" role="alert" title="Not deleted">{problemMessage(remove.error, { fieldFirst: true })}</Alert>}
          <DialogActions onCancel={close} busy={remove.isPending} color="red" onConfirm={() => remove.mutate(cluster.id, { onSuccess: close })}>Delete cluster</DialogActions>
        </Stack>
      </Modal>
    </>
  )
}
