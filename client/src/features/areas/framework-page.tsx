import { ActionIcon, Alert, Badge, Button, Code, Group, Modal, Paper, Stack, Text, Title, Tooltip } from '@mantine/core'
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { Area } from '@ee/shared/areas'
import { Page } from '../../components/page.tsx'
import { EmptyState, QueryState } from '../../components/states.tsx'
import { useDeleteArea, useUpdateArea } from './api.ts'
import { AreaForm } from './components/area-form.tsx'
import { problemMessage } from '../../lib/problem.ts'
import { referenceQueries } from '../../lib/reference-data.ts'
import { CsvDownload } from '../../components/csv-download.tsx'

type Editing = { area?: Area; parentId?: string | null } | null

function AreaRow({ area, index, count, onEdit, onDelete, headingId }: { area: Area; index: number; count: number; onEdit: () => void; onDelete: () => void; headingId?: string }) {
  const update = useUpdateArea()
  const strand = area.parentId === null
  const move = (position: number) => update.mutate({ id: area.id, body: { position } })
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            {strand ? (
              <Title order={2} size="h4" id={headingId} c={area.retired ? 'dimmed' : undefined}>{area.name}</Title>
            ) : (
              <Text fw={500} c={area.retired ? 'dimmed' : undefined}>{area.name}</Text>
            )}
            <Code>{area.slug}</Code>
            {area.retired && <Badge color="gray.8" variant="outline">Retired</Badge>}
            <Text size="xs" c="dimmed">{area.inUse === 0 ? 'not used yet' : `used ${area.inUse} ${area.inUse === 1 ? 'time' : 'times'}`}</Text>
          </Group>
          {area.description && <Text size="sm" c="dimmed">{area.description}</Text>}
        </Stack>
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Move up">
            <ActionIcon variant="subtle" aria-label={`Move ${area.name} up`} disabled={index === 0 || update.isPending} onClick={() => move(index - 1)}>
              <IconArrowUp size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Move down">
            <ActionIcon variant="subtle" aria-label={`Move ${area.name} down`} disabled={index === count - 1 || update.isPending} onClick={() => move(index + 1)}>
              <IconArrowDown size={16} />
            </ActionIcon>
          </Tooltip>
          <Button size="xs" variant="light" onClick={onEdit} aria-label={`Edit ${area.name}`}>Edit</Button>
          <Button size="xs" variant="default" loading={update.isPending} onClick={() => update.mutate({ id: area.id, body: { retired: !area.retired } })} aria-label={`${area.retired ? 'Restore' : 'Retire'} ${area.name}`}>
            {area.retired ? 'Restore' : 'Retire'}
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={onDelete} aria-label={`Delete ${area.name}`}>Delete</Button>
        </Group>
      </Group>
      {update.isError && <Text size="sm" c="red" role="alert">{problemMessage(update.error, { fallback: 'That change was not saved.' })}</Text>}
    </Stack>
  )
}

export function FrameworkPage() {
  const query = useQuery(referenceQueries.areas())
  const remove = useDeleteArea()
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<Area | null>(null)
  const close = () => setEditing(null)
  const closeDelete = () => {
    setDeleting(null)
    remove.reset()
  }
  return (
    <Page
      title="Framework"
      description="The trust’s areas of improvement: requests, expertise and cases are tagged against them. Retire an area to stop it being chosen; it stays on past records."
      action={<Button onClick={() => setEditing({ parentId: null })}>Add an area</Button>}
    >
      <CsvDownload path="/areas" label="the framework" />
      <QueryState query={query}>
        {({ items }) => {
          const strands = items.filter((a) => a.parentId === null)
          if (strands.length === 0) return <EmptyState title="The framework is empty" action={<Button onClick={() => setEditing({ parentId: null })}>Add a strand</Button>}>Add the strands your trust works on, then the areas within them.</EmptyState>
          return (
            <Stack gap="md">
              {strands.map((strand, i) => {
                const children = items.filter((a) => a.parentId === strand.id)
                return (
                  <Paper key={strand.id} withBorder p="md" radius="md" component="section" aria-labelledby={`strand-${strand.id}`}>
                    <Stack gap="sm">
                      <AreaRow headingId={`strand-${strand.id}`} area={strand} index={i} count={strands.length} onEdit={() => setEditing({ area: strand })} onDelete={() => setDeleting(strand)} />
                      <Stack gap="xs" pl="lg" component="ul" style={{ listStyle: 'none', margin: 0 }} aria-label={`Areas in ${strand.name}`}>
                        {children.map((child, j) => (
                          <li key={child.id}>
                            <AreaRow area={child} index={j} count={children.length} onEdit={() => setEditing({ area: child })} onDelete={() => setDeleting(child)} />
                          </li>
                        ))}
                      </Stack>
                      <Group>
                        <Button size="xs" variant="subtle" onClick={() => setEditing({ parentId: strand.id })}>Add an area to {strand.name}</Button>
                      </Group>
                    </Stack>
                  </Paper>
                )
              })}
              <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={editing !== null} onClose={close} title={editing?.area ? `Edit ${editing.area.name}` : 'Add an area'}>
                {editing && (
                  <AreaForm
                    area={editing.area}
                    strands={strands}
                    hasChildren={editing.area ? items.some((a) => a.parentId === editing.area!.id) : false}
                    defaultParentId={editing.parentId}
                    onDone={close}
                    onCancel={close}
                  />
                )}
              </Modal>
            </Stack>
          )
        }}
      </QueryState>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={deleting !== null} onClose={closeDelete} title={deleting ? `Delete ${deleting.name}?` : ''}>
        {deleting && (
          <Stack>
            {remove.isError ? (
              <Alert color="orange" role="alert" title="Not deleted">
                {problemMessage(remove.error, { fallback: 'Please try again.' })}
              </Alert>
            ) : (
              <Text size="sm">
                {deleting.inUse > 0
                  ? `“${deleting.name}” is used ${deleting.inUse} ${deleting.inUse === 1 ? 'time' : 'times'}, so it cannot be deleted. Retire it instead: it stays on those records but cannot be chosen again.`
                  : `“${deleting.name}” is not used by any expertise, request or case. Deleting it cannot be undone.`}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={closeDelete}>{remove.isError || deleting.inUse > 0 ? 'Close' : 'Cancel'}</Button>
              {deleting.inUse > 0 && !remove.isError ? (
                <RetireInstead area={deleting} onDone={closeDelete} />
              ) : (
                !remove.isError && <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(deleting.id, { onSuccess: closeDelete })}>Delete</Button>
              )}
            </Group>
          </Stack>
        )}
      </Modal>
    </Page>
  )
}

function RetireInstead({ area, onDone }: { area: Area; onDone: () => void }) {
  const update = useUpdateArea()
  if (area.retired) return null
  return <Button color="orange" loading={update.isPending} onClick={() => update.mutate({ id: area.id, body: { retired: true } }, { onSuccess: onDone })}>Retire instead</Button>
}
