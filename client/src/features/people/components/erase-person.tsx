import { Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { PersonSummary } from '@ee/shared/people'
import { DialogActions } from '../../../components/dialog-actions.tsx'
import { problemMessage } from '../../../lib/problem.ts'
import { personDataHref, useErasePerson } from '../api.ts'

/** Erasing is final: the administrator types the person's name to confirm, as GOV.UK asks for destructive steps. */
export function ErasePerson({ person, onDone, onCancel }: { person: PersonSummary; onDone: () => void; onCancel: () => void }) {
  const erase = useErasePerson()
  const [typed, setTyped] = useState('')
  const matches = typed.trim().toLocaleLowerCase() === person.name.trim().toLocaleLowerCase()
  const fieldError = erase.error ? problemMessage(erase.error, { fallback: 'Please try again.' }) : undefined
  return (
    <Stack>
      <Text size="sm">
        Their name becomes “A former colleague”, their e-mail address and password are removed, and everything they wrote
        (expertise, offers, session notes, reflections, reasons) is replaced, here and wherever it was copied. Days, counts and
        flows stay, and the other side of each piece of work keeps its own words. This cannot be undone.
      </Text>
      <Text size="sm">
        If they asked for their data, <a href={personDataHref(person.id)} download>download their data</a> first.
      </Text>
      <TextInput label={`Type their name, ${person.name}, to confirm`} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} error={fieldError} autoComplete="off" data-autofocus />
      <DialogActions onCancel={onCancel} busy={erase.isPending} color="red" disabled={!matches} onConfirm={() => erase.mutate({ id: person.id, body: { confirmName: typed } }, { onSuccess: onDone })}>
        Erase {person.name}
      </DialogActions>
    </Stack>
  )
}
