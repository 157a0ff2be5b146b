import { Group, Radio, Switch, Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { Controller, useForm, useWatch } from 'react-hook-form'
import type { z } from 'zod'
import { type CompleteEngagementBody, CompleteEngagementBodySchema, type Engagement } from '@ee/shared/engagements'
import { FormCard } from '../../../components/form-card.tsx'
import { PupilDataNote } from '../../../components/pupil-data-note.tsx'
import { formResolver, useFormProblem } from '../../../lib/forms.ts'
import { useCompleteEngagement, useEndEarly } from '../api.ts'

const IMPACT_LABELS = ['1 – little', '2', '3', '4', '5 – transformative']

/**
 * The receiving head completes the work with their reflection and rating; `early`: its expert has gone, so
 * it ends with what was delivered and the head's reflection alone makes the case.
 */
export function CompleteForm({ engagement: g, early = false }: { engagement: Engagement; early?: boolean }) {
  const completeNow = useCompleteEngagement(g.id)
  const endEarly = useEndEarly(g.id)
  const complete = early ? endEarly : completeNow
  const { register, control, handleSubmit, setError, formState } = useForm<z.input<typeof CompleteEngagementBodySchema>, unknown, CompleteEngagementBody>({
    resolver: formResolver(CompleteEngagementBodySchema),
    defaultValues: { impact: 0, reflection: '', shareWithTrust: g.shareWithTrust },
  })
  const reflection = useWatch({ control, name: 'reflection' })
  const { formError, attempt } = useFormProblem(setError)
  const submit = handleSubmit((body) =>
    attempt(async () => {
      await complete.mutateAsync(body)
      notifications.show(early
        ? { color: 'green', title: 'Ended with what was delivered', message: 'Your reflection makes the case; the days not delivered go back to their school.' }
        : { color: 'green', title: 'Engagement completed', message: `${g.expert.name} has been asked to add their reflection.` })
    }),
  )
  const words = early
    ? { id: 'end-early-heading', title: 'End with what was delivered', label: 'End with what was delivered', error: 'Not ended', submit: 'End with what was delivered' }
    : { id: 'complete-heading', title: 'Complete the engagement', label: 'Complete engagement', error: 'Not completed', submit: 'Complete engagement' }
  return (
    <FormCard id={words.id} title={words.title} label={words.label} onSubmit={submit} error={formError} errorTitle={words.error} submitLabel={words.submit} submitting={complete.isPending}>
      <Controller
        control={control}
        name="impact"
        render={({ field }) => (
          <Radio.Group
            label="Impact"
            description="From 1 (little difference) to 5 (transformative)"
            withAsterisk
            value={field.value ? String(field.value) : ''}
            onChange={(v) => field.onChange(Number(v))}
            error={formState.errors.impact?.message}
          >
            <Group mt="xs" gap="lg">
              {IMPACT_LABELS.map((label, i) => (
                <Radio key={label} value={String(i + 1)} label={label} />
              ))}
            </Group>
          </Radio.Group>
        )}
      />
      <Textarea label="Your reflection" description="What was done, and what changed for your school" required autosize minRows={4} {...register('reflection')} error={formState.errors.reflection?.message} />
      <PupilDataNote text={reflection} />
      <Controller
        control={control}
        name="shareWithTrust"
        render={({ field }) => (
          <Switch label="Share the case with the whole trust" description="Off: it stays between your two schools" checked={field.value ?? true} onChange={(e) => field.onChange(e.currentTarget.checked)} />
        )}
      />
    </FormCard>
  )
}
