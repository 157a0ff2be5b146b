import { Alert, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Controller, useForm } from 'react-hook-form'
import { ROLES, ROLE_LABELS } from '@ee/shared/common'
import { type CreateInvitationBody, CreateInvitationBodySchema } from '@ee/shared/people'
import { applyProblem, formResolver } from '../../../lib/forms.ts'
import { formatDate } from '../../../lib/format.ts'
import { useInvite } from '../api.ts'
import { referenceQueries } from '../../../lib/reference-data.ts'
import { DialogActions } from '../../../components/dialog-actions.tsx'

/** Invites one person; the one-time link goes to them by e-mail only. */
export function InviteForm({ onClose }: { onClose: () => void }) {
  const schools = useQuery(referenceQueries.schools())
  const invite = useInvite()
  const [formError, setFormError] = useState<string | null>(null)
  const { register, control, handleSubmit, setError, watch, formState } = useForm<CreateInvitationBody>({
    resolver: formResolver(CreateInvitationBodySchema),
    defaultValues: { email: '', role: 'teacher', schoolId: null },
  })
  const role = watch('role')
  const atSchool = role === 'headteacher' || role === 'teacher'
  const onSubmit = handleSubmit((body) => {
    setFormError(null)
    invite.mutate({ ...body, schoolId: atSchool ? body.schoolId : null }, { onError: (err) => setFormError(applyProblem(err, setError)) })
  })
  if (invite.data) {
    return (
      <Stack>
        <Alert color="teal" title="Invitation sent" role="status">
          We have e-mailed {invite.data.email} a link to join. It works once, until the end of {formatDate(invite.data.expiresOn)}.
        </Alert>
        <Text size="sm">If it does not arrive, ask them to check their junk folder; you can re-send it from the list of invitations waiting for an answer.</Text>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    )
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Invite someone">
      <Stack>
        {formError && <Alert color="red" role="alert" title="Not sent">{formError}</Alert>}
        <TextInput label="E-mail" type="email" required {...register('email')} error={formState.errors.email?.message} />
        <Controller
          control={control}
          name="role"
          render={({ field }) => (
            <Select label="Role" required allowDeselect={false} data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} value={field.value} onChange={(v) => field.onChange(v)} error={formState.errors.role?.message} />
          )}
        />
        {atSchool && (
          <Controller
            control={control}
            name="schoolId"
            render={({ field }) => (
              <Select
                label="School"
                required
                searchable
                data={schools.data?.items.map((s) => ({ value: s.id, label: s.name })) ?? []}
                value={field.value ?? null}
                onChange={(v) => field.onChange(v)}
                error={formState.errors.schoolId?.message}
              />
            )}
          />
        )}
        <DialogActions onCancel={onClose} busy={invite.isPending}>Send invitation</DialogActions>
      </Stack>
    </form>
  )
}
