import { Alert, Button, Group, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { problemMessage } from '../../../lib/problem.ts'
import { useInvite } from '../api.ts'

/** Invites one suggested colleague, with a note; once sent, says so in place of the button. */
export function InviteWithNote({ requestId, expertiseId, personName }: { requestId: string; expertiseId: string; personName: string }) {
  const invite = useInvite(requestId)
  const [note, setNote] = useState('')
  const [invited, setInvited] = useState(false)
  return invited ? (
    <Alert color="green" variant="light">Invitation sent. They have 5 school days to answer.</Alert>
  ) : (
    <Group align="flex-end" wrap="wrap">
      <TextInput label="Note with the invitation" placeholder="Why you would value their help" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} style={{ flex: 1, minWidth: 220 }} />
      <Button
        loading={invite.isPending}
        onClick={() =>
          invite.mutate(
            { expertiseId, note },
            {
              onSuccess: () => setInvited(true),
              onError: (err) => notifications.show({ color: 'red', title: 'Invitation not sent', message: problemMessage(err, { fallback: 'Please try again.' }) }),
            },
          )
        }
      >
        Invite {personName.split(' ')[0]}
      </Button>
    </Group>
  )
}
