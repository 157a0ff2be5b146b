import { Alert, Anchor, Button, Group, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { CommissioningRequest } from '@ee/shared/requests'
import { formatDays, formatKm } from '../../../lib/format.ts'
import { offerQueries, useInvite } from '../api.ts'
import { problemMessage } from '../../../lib/problem.ts'

/**
 * The head invites a colleague of another school. The list comes from the expertise directory for
 * this request's area; another page can link here with ?invite=<expertiseId> to choose someone.
 */
export function InviteForm({ request }: { request: CommissioningRequest }) {
  const [params, setParams] = useSearchParams()
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search, 400)
  const directory = useQuery(offerQueries.experts(q.trim() ? { q: q.trim() } : { area: request.areas[0]?.slug }))
  const [expertiseId, setExpertiseId] = useState<string | null>(params.get('invite'))
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const invite = useInvite(request.id)
  const options = (directory.data?.items ?? [])
    .filter((c) => c.school?.id !== request.schoolId)
    .map((c) => ({
      value: c.expertise.id,
      label: `${c.person.name} — ${c.expertise.title} (${c.school?.name ?? 'no school'}${c.distanceKm !== null ? `, ${formatKm(c.distanceKm)}` : ''}; ${formatDays(c.daysFree)} free)`,
    }))
  if (expertiseId && !options.some((o) => o.value === expertiseId)) options.unshift({ value: expertiseId, label: 'The colleague you chose' })

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="invite-heading">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="invite-heading">Invite a colleague</Title>
          <Anchor component={Link} to={`/requests/${request.id}/suggestions`}>See suggested experts, with reasons</Anchor>
        </Group>
        <Text size="sm" c="dimmed">They have 5 school days to answer; you will be told if they do not.</Text>
        <TextInput label="Search expertise" placeholder="e.g. phonics, attendance" type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <Select label="Colleague to invite" placeholder={directory.isPending ? 'Loading…' : 'Choose someone'} data={options} value={expertiseId} onChange={setExpertiseId} searchable nothingFoundMessage="Nobody found; try other words" />
        <Textarea label="A note for them (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
        {error && <Alert color="red" role="alert" title="Not sent">{error}</Alert>}
        <Group>
          <Button
            disabled={!expertiseId}
            loading={invite.isPending}
            onClick={() => {
              if (!expertiseId) return
              setError(null)
              invite.mutate(
                { expertiseId, note },
                {
                  onSuccess: (o) => {
                    notifications.show({ color: 'green', title: 'Invitation sent', message: `${o.expert.name} has been invited.` })
                    setExpertiseId(null)
                    setNote('')
                    if (params.has('invite')) setParams((p) => { p.delete('invite'); return p }, { replace: true })
                  },
                  onError: (err) => setError(problemMessage(err, { fallback: 'Something went wrong.', fieldFirst: true })),
                },
              )
            }}
          >
            Send invitation
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
