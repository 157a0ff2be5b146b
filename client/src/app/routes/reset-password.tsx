import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { z } from 'zod'
import { LoginResponseSchema, PASSWORD_RESET_MINUTES } from '@ee/shared/auth'
import { PasswordSchema } from '@ee/shared/common'
import { ApiError, api } from '../../lib/api.ts'
import { meQuery } from '../../lib/auth.tsx'
import { applyProblem, formResolver } from '../../lib/forms.ts'
import { checkPassword } from '../../lib/password-policy.ts'

const FormSchema = z
  .object({ password: PasswordSchema, repeat: z.string().min(1, 'Type the new password again') })
  .refine((v) => v.password === v.repeat, { path: ['repeat'], message: 'The two passwords are not the same' })
  .superRefine((v, ctx) => checkPassword(ctx, 'password', v.password))
type Form = z.infer<typeof FormSchema>

/** Where the e-mailed reset link lands: a new password, then signed in. */
export function ResetPasswordPage() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const navigate = useNavigate()
  const qc = useQueryClient()
  const [formError, setFormError] = useState<string | null>(null)
  const { register, handleSubmit, setError, formState } = useForm<Form>({ resolver: formResolver(FormSchema), defaultValues: { password: '', repeat: '' } })
  const reset = useMutation({
    mutationFn: (body: Form) => api.post('/auth/password-reset/confirm', LoginResponseSchema, { token, password: body.password }),
    onSuccess: (data) => {
      qc.clear()
      qc.setQueryData(meQuery.queryKey, data.person)
      void navigate('/', { replace: true })
    },
    onError: (err) => setFormError(applyProblem(err, setError)),
  })
  useEffect(() => {
    document.title = 'Choose a new password · Expertise Exchange'
  }, [])
  const gone = reset.error instanceof ApiError && reset.error.status === 410
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={460} maw="100%">
        <form onSubmit={handleSubmit((b) => reset.mutate(b))} noValidate aria-label="Choose a new password">
          <Stack>
            <Title order={1} size="h2">Choose a new password</Title>
            <Text c="dimmed" size="sm">
              At least 12 characters. A few unrelated words together are easy to remember and hard to guess. Choosing it signs you out everywhere else.
            </Text>
            {!token && <Alert color="red" role="alert">This link is incomplete. Open the link from your e-mail again, or ask for a new one.</Alert>}
            {formError && (
              <Alert color="red" role="alert" title={gone ? 'This link cannot be used' : undefined}>
                {formError}
                {gone && <> <Anchor component={Link} to="/forgot-password">Ask for a new link</Anchor> (it works for {PASSWORD_RESET_MINUTES} minutes).</>}
              </Alert>
            )}
            <PasswordInput label="New password" autoComplete="new-password" required {...register('password')} error={formState.errors.password?.message} />
            <PasswordInput label="New password again" autoComplete="new-password" required {...register('repeat')} error={formState.errors.repeat?.message} />
            <Button type="submit" loading={reset.isPending || formState.isSubmitting} disabled={!token}>Set my new password</Button>
            <Anchor component={Link} to="/forgot-password" size="sm">Ask for a new link</Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  )
}
