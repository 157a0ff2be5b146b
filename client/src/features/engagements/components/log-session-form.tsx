import { Group, NumberInput, TextInput, Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { Controller, useForm, useWatch } from 'react-hook-form'
import type { z } from 'zod'
import { type Engagement, type LogSessionBody, LogSessionBodySchema } from '@ee/shared/engagements'
import { FormCard } from '../../../components/form-card.tsx'
import { PupilDataNote } from '../../../components/pupil-data-note.tsx'
import { formResolver, useFormProblem } from '../../../lib/forms.ts'
import { formatDate, formatDays } from '../../../lib/format.ts'
import { useLogSession } from '../api.ts'

const today = () => new Date().toISOString().slice(0, 10)

export function LogSessionForm({ engagement: g }: { engagement: Engagement }) {
  const log = useLogSession(g.id)
  const { register, control, handleSubmit, setError, reset, formState } = useForm<z.input<typeof LogSessionBodySchema>, unknown, LogSessionBody>({
    resolver: formResolver(LogSessionBodySchema),
    defaultValues: { date: today(), days: 1, note: '' },
  })
  const note = useWatch({ control, name: 'note' })
  const { formError, attempt } = useFormProblem(setError)
  const submit = handleSubmit((body) =>
    attempt(async () => {
      await log.mutateAsync(body)
      reset({ date: today(), days: 1, note: '' })
      notifications.show({ color: 'green', title: 'Session logged', message: `${formatDays(body.days)} on ${formatDate(body.date)}.` })
    }),
  )
  return (
    <FormCard id="log-heading" title="Log a session" onSubmit={submit} error={formError} errorTitle="Not logged" submitLabel="Log a session" submitting={log.isPending}>
      <Group grow align="flex-start">
        <TextInput type="date" label="Date" required {...register('date')} error={formState.errors.date?.message} />
        <Controller
          control={control}
          name="days"
          render={({ field }) => <NumberInput label="Days" description="Whole or half days" min={0.5} max={20} step={0.5} decimalScale={1} value={field.value} onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v))} error={formState.errors.days?.message} />}
        />
      </Group>
      <Textarea label="What happened (optional)" autosize minRows={2} {...register('note')} error={formState.errors.note?.message} />
      <PupilDataNote text={note} />
    </FormCard>
  )
}
