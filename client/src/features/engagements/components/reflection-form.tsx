import { Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useForm, useWatch } from 'react-hook-form'
import { type Engagement, type ReflectionBody, ReflectionBodySchema } from '@ee/shared/engagements'
import { FormCard } from '../../../components/form-card.tsx'
import { PupilDataNote } from '../../../components/pupil-data-note.tsx'
import { formResolver, useFormProblem } from '../../../lib/forms.ts'
import { useAddReflection } from '../api.ts'

export function ReflectionForm({ engagement: g }: { engagement: Engagement }) {
  const reflect = useAddReflection(g.id)
  const { register, control, handleSubmit, setError, formState } = useForm<ReflectionBody>({ resolver: formResolver(ReflectionBodySchema), defaultValues: { reflection: '' } })
  const reflection = useWatch({ control, name: 'reflection' })
  const { formError, attempt } = useFormProblem(setError)
  const submit = handleSubmit((body) =>
    attempt(async () => {
      const after = await reflect.mutateAsync(body)
      notifications.show({ color: 'green', title: 'Reflection added', message: after.caseId ? 'With both reflections in, the work is now a case.' : 'Thank you.' })
    }),
  )
  return (
    <FormCard id="reflect-heading" title="Add my reflection" onSubmit={submit} error={formError} errorTitle="Not saved" submitLabel="Add my reflection" submitting={reflect.isPending}>
      <Textarea label="Your reflection" description="What you did, and what you noticed; with the head’s, it becomes a case the next school can learn from" required autosize minRows={4} {...register('reflection')} error={formState.errors.reflection?.message} />
      <PupilDataNote text={reflection} />
    </FormCard>
  )
}
