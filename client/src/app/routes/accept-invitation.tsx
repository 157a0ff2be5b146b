import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useNavigate, useSearchParams } from 'react-router'
import { type z } from 'zod'
import { AcceptInvitationBodySchema, LoginResponseSchema } from '@ee/shared/auth'
import { api } from '../../lib/api.ts'
import { meQuery } from '../../lib/auth.tsx'
import { applyProblem, formResolver } from '../../lib/forms.ts'
import { checkPassword } from '../../lib/password-policy.ts'

const FormSchema = AcceptInvitationBodySchema.omit({ token: true }).superRefine((v, ctx) => checkPassword(ctx, 'password', v.password, [v.name]))
type Form = z.infer<typeof FormSchema>

export function AcceptInvitationPage() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const navigate = useNavigate()
  const qc = useQueryClient()
  const [formError, setFormError] = useState<string | null>(null)
  const { register, handleSubmit, setError, formState } = useForm<Form>({ resolver: formResolver(FormSchema), defaultValues: { name: '', password: '' } })
  const accept = useMutation({
    mutationFn: (body: Form) => api.post('/auth/accept-invitation', LoginResponseSchema, { ...body, token }),
    onSuccess: (data) => {
      qc.setQueryData(meQuery.queryKey, data.person)
      void navigate('/', { replace: true })
    },
    onError: (err) => setFormError(applyProblem(err, setError)),
  })
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={460} maw="100%">
        <form onSubmit={handleSubmit((b) => accept.mutate(b))} noValidate>
          <Stack>
            <Title order={1} size="h2">Join your trust</Title>
            <Text c="dimmed" size="sm">Choose the name colleagues will see and a password of at least 12 characters: a few unrelated words together are easy to remember and hard to guess.</Text>
            {!token && <Alert color="red" role="alert">This link is incomplete. Open the link from your invitation e-mail again.</Alert>}
            {formError && <Alert color="red" role="alert">{formError}</Alert>}
            <TextInput label="Full name" autoComplete="name" required {...register('name')} error={formState.errors.name?.message} />
            <PasswordInput label="Password" autoComplete="new-password" required {...register('password')} error={formState.errors.password?.message} />
            <Button type="submit" loading={accept.isPending || formState.isSubmitting} disabled={!token}>Create my account</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  )
}
