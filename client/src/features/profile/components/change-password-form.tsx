import { Alert, Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { ChangePasswordBodySchema, LoginResponseSchema } from '@ee/shared/auth'
import { api } from '../../../lib/api.ts'
import { meQuery, useActor } from '../../../lib/auth.tsx'
import { applyProblem, formResolver } from '../../../lib/forms.ts'
import { checkPassword } from '../../../lib/password-policy.ts'

type Form = z.infer<typeof ChangePasswordBodySchema> & { repeat: string }

/** Changes the signed-in person's password; their other sessions end, this one carries on. */
export function ChangePasswordForm() {
  const me = useActor()
  const qc = useQueryClient()
  const [formError, setFormError] = useState<string | null>(null)
  const [schema] = useState(() =>
    ChangePasswordBodySchema.extend({ repeat: z.string().min(1, 'Type the new password again') })
      .refine((v) => v.newPassword === v.repeat, { path: ['repeat'], message: 'The two passwords are not the same' })
      .superRefine((v, ctx) => checkPassword(ctx, 'newPassword', v.newPassword, [me.email, me.name])),
  )
  const { register, handleSubmit, setError, reset, formState } = useForm<Form>({ resolver: formResolver(schema), defaultValues: { currentPassword: '', newPassword: '', repeat: '' } })
  const change = useMutation({
    mutationFn: (body: Form) => api.post('/auth/password', LoginResponseSchema, { currentPassword: body.currentPassword, newPassword: body.newPassword }),
    onSuccess: (data) => {
      qc.setQueryData(meQuery.queryKey, data.person)
      reset()
    },
  })
  const onSubmit = handleSubmit((body) => {
    setFormError(null)
    change.mutate(body, { onError: (err) => setFormError(applyProblem(err, setError)) })
  })
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="change-password-heading">
        <Stack gap="sm" maw={420}>
          <Title order={2} size="h4" id="change-password-heading">Change your password</Title>
          <Text size="sm" c="dimmed">At least 12 characters; a few unrelated words together work well. You will be signed out everywhere else.</Text>
          {change.isSuccess && <Alert color="teal" role="status">Your password has been changed. You are still signed in here; everywhere else you have been signed out.</Alert>}
          {formError && <Alert color="red" role="alert">{formError}</Alert>}
          <PasswordInput label="Current password" autoComplete="current-password" required {...register('currentPassword')} error={formState.errors.currentPassword?.message} />
          <PasswordInput label="New password" autoComplete="new-password" required {...register('newPassword')} error={formState.errors.newPassword?.message} />
          <PasswordInput label="New password again" autoComplete="new-password" required {...register('repeat')} error={formState.errors.repeat?.message} />
          <Group>
            <Button type="submit" loading={change.isPending || formState.isSubmitting}>Change password</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
