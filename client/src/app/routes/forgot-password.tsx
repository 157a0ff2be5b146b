import { Alert, Anchor, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { Link } from 'react-router'
import { type PasswordResetRequestBody, PasswordResetRequestBodySchema, PasswordResetRequestedSchema } from '@ee/shared/auth'
import { api } from '../../lib/api.ts'
import { applyProblem, formResolver } from '../../lib/forms.ts'

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const [formError, setFormError] = useState<string | null>(null)
  const { register, handleSubmit, setError, formState } = useForm<PasswordResetRequestBody>({ resolver: formResolver(PasswordResetRequestBodySchema), defaultValues: { email: '' } })
  const ask = useMutation({ mutationFn: (body: PasswordResetRequestBody) => api.post('/auth/password-reset', PasswordResetRequestedSchema, body) })
  useEffect(() => {
    document.title = 'Forgotten password · Expertise Exchange'
  }, [])
  const onSubmit = handleSubmit((body) => {
    setFormError(null)
    ask.mutate(body, { onError: (err) => setFormError(applyProblem(err, setError)) })
  })
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={440} maw="100%">
        <Stack>
          <Title order={1} size="h2">Forgotten your password?</Title>
          {ask.data ? (
            <Alert color="teal" role="status" title="Check your e-mail">{ask.data.message}</Alert>
          ) : (
            <form onSubmit={onSubmit} noValidate aria-label="Ask for a reset link">
              <Stack>
                <Text c="dimmed" size="sm">Give the e-mail address you sign in with. We will send a link to choose a new password.</Text>
                {formError && <Alert color="red" role="alert">{formError}</Alert>}
                <TextInput label="E-mail" type="email" autoComplete="username" required {...register('email')} error={formState.errors.email?.message} />
                <Button type="submit" loading={ask.isPending}>Send me a link</Button>
              </Stack>
            </form>
          )}
          <Anchor component={Link} to="/login" size="sm">Back to sign in</Anchor>
        </Stack>
      </Paper>
    </Center>
  )
}
