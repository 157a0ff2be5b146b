import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { ROLE_LABELS } from '@ee/shared/common'
import type { PendingInvitation } from '@ee/shared/people'
import { ErrorState, QueryState } from '../../../components/states.tsx'
import { formatDate } from '../../../lib/format.ts'
import { peopleQueries, useResendInvitation } from '../api.ts'
import { CsvDownload } from '../../../components/csv-download.tsx'

function ResendButton({ invitation }: { invitation: PendingInvitation }) {
  const resend = useResendInvitation()
  const [sentUntil, setSentUntil] = useState<string | null>(null)
  return (
    <Stack gap={2} align="flex-start">
      <Button size="xs" variant="light" loading={resend.isPending} onClick={() => resend.mutate(invitation.id, { onSuccess: (res) => setSentUntil(res.expiresOn) })} aria-label={`Re-send the invitation to ${invitation.email}`}>
        Re-send
      </Button>
      {sentUntil && <Text size="xs" c="teal.9" role="status">Sent again; the new link works until {formatDate(sentUntil)} and the old one no longer works.</Text>}
      {resend.isError && <ErrorState error={resend.error} />}
    </Stack>
  )
}

/** Invitations nobody has accepted yet, newest link first out of the door with Re-send. */
export function PendingInvitations() {
  const query = useQuery(peopleQueries.invitations())
  return (
    <section aria-labelledby="pending-heading">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h3" id="pending-heading">Invitations waiting for an answer</Title>
          <CsvDownload path="/invitations" label="invitations" />
        </Group>
        <QueryState query={query}>
          {({ items }) =>
            items.length === 0 ? (
              <Text size="sm" c="dimmed">Nobody is waiting: everyone you invited has joined.</Text>
            ) : (
              <Table.ScrollContainer minWidth={720}>
                <Table striped>
                  <Table.Caption>Invitations not yet accepted</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">E-mail</Table.Th>
                      <Table.Th scope="col">Role</Table.Th>
                      <Table.Th scope="col">School</Table.Th>
                      <Table.Th scope="col">Sent</Table.Th>
                      <Table.Th scope="col">Link works until</Table.Th>
                      <Table.Th scope="col">Re-send</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((i) => (
                      <Table.Tr key={i.id}>
                        <Table.Th scope="row" fw={500}>{i.email}</Table.Th>
                        <Table.Td>{ROLE_LABELS[i.role]}</Table.Td>
                        <Table.Td>{i.schoolName ?? '—'}</Table.Td>
                        <Table.Td>{formatDate(i.sentAt)}{i.invitedByName ? ` by ${i.invitedByName}` : ''}</Table.Td>
                        <Table.Td>{i.expired ? <Badge color="red.9" variant="outline">Expired</Badge> : formatDate(i.expiresAt)}</Table.Td>
                        <Table.Td><ResendButton invitation={i} /></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      </Stack>
    </section>
  )
}
