import { Alert, Anchor, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router'
import { type LoginBody, LoginBodySchema } from '@ee/shared/auth'
import { waitInWords } from '@ee/shared/problem'
import { ApiError } from '../../lib/api.ts'
import { applyProblem, formResolver } from '../../lib/forms.ts'
import { useLogin, useMe } from '../../lib/auth.tsx'

/** A locked account or a rate limit: the wait from `Retry-After`, in words (docs/design.md §10). */
const lockedFor = (err: unknown) =>
  err instanceof ApiError && err.status === 429 && err.retryAfterSeconds !== null
    ? `Too many sign-in attempts. Please wait ${waitInWords(err.retryAfterSeconds)} before trying again.`
    : null

/** Only same-site paths: an open redirect through ?next= would help phishing. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/')

export function LoginPage() {
  const me = useMe()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const login = useLogin()
  const [formError, setFormError] = useState<string | null>(null)
  const { register, handleSubmit, setError, formState } = useForm<LoginBody>({ resolver: formResolver(LoginBodySchema), defaultValues: { email: '', password: '' } })
  useEffect(() => {
    document.title = 'Sign in · Expertise Exchange'
  }, [])
  if (me) return <Navigate to={safeNext(params.get('next'))} replace />

  const onSubmit = handleSubmit((body) => {
    setFormError(null)
    login.mutate(body, {
      onSuccess: () => void navigate(safeNext(params.get('next')), { replace: true }),
      onError: (err) => setFormError(lockedFor(err) ?? applyProblem(err, setError)),
    })
  })

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={420} maw="100%">
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <div>
              <Title order={1} size="h2">Expertise Exchange</Title>
              <Text c="dimmed" size="sm">Sign in to share expertise across your trust.</Text>
            </div>
            {formError && <Alert color="red" role="alert" title="Sign-in failed">{formError}</Alert>}
            <TextInput label="E-mail" type="email" autoComplete="username" required {...register('email')} error={formState.errors.email?.message} />
            <PasswordInput label="Password" autoComplete="current-password" required {...register('password')} error={formState.errors.password?.message} />
            <Group justify="flex-end" mt={-8}>
              <Anchor component={Link} to="/forgot-password" size="sm">Forgotten your password?</Anchor>
            </Group>
            <Button type="submit" loading={login.isPending}>Sign in</Button>
            <Text size="xs" c="dimmed">New here? Your trust administrator sends you an invitation link.</Text>
            <Anchor component={Link} to="/privacy" size="xs">Privacy notice: what is kept, and for how long</Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  )
}
