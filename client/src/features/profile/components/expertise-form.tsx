import { Alert, Checkbox, Fieldset, Group, MultiSelect, NumberInput, Stack, Switch, TagsInput, Text, TextInput, Textarea } from '@mantine/core'
import { TERM_NAMES, TERM_NAME_LABELS } from '@ee/shared/calendar'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Controller, useForm } from 'react-hook-form'
import { MODES, MODE_LABELS, PHASES, PHASE_LABELS } from '@ee/shared/common'
import { type CreateExpertiseBody, CreateExpertiseBodySchema, type CreateExpertiseInput, EVIDENCE_GUIDANCE, type Expertise, MAX_CAPACITY_DAYS } from '@ee/shared/expertise'
import { applyProblem, formResolver } from '../../../lib/forms.ts'
import { useCreateExpertise, useUpdateExpertise } from '../api.ts'
import { referenceQueries } from '../../../lib/reference-data.ts'
import { DialogActions } from '../../../components/dialog-actions.tsx'

const MODE_HINTS: Record<(typeof MODES)[number], string> = {
  fresh_eyes: 'Look at a problem with an outsider’s view',
  feedback: 'Appraise an effort independently, with no stake in it',
  implementation: 'Help put something in place that you have done before',
  coaching: 'Coach a colleague or a team over several sessions',
  joint_practice: 'Plan, teach or review together',
}

/** An array field's message: on the field itself, or on the first item the server named (`areas[1]`). */
function messageOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined
  const own = (error as { message?: unknown }).message
  if (typeof own === 'string') return own
  for (const item of Object.values(error as Record<string, unknown>)) {
    const message = item && typeof item === 'object' ? (item as { message?: unknown }).message : undefined
    if (typeof message === 'string') return message
  }
  return undefined
}

const EMPTY: CreateExpertiseInput = { title: '', summary: '', evidence: '', areas: [], subjects: [], phases: [], modes: [], capacityDaysPerTerm: 3, termDays: { autumn: null, spring: null, summer: null }, active: true }

export function ExpertiseForm({ entry, onDone, onCancel }: { entry?: Expertise; onDone: () => void; onCancel: () => void }) {
  const areas = useQuery(referenceQueries.areas())
  const create = useCreateExpertise()
  const update = useUpdateExpertise()
  const [formError, setFormError] = useState<string | null>(null)
  const { register, control, handleSubmit, setError, formState } = useForm<CreateExpertiseInput, unknown, CreateExpertiseBody>({
    resolver: formResolver(CreateExpertiseBodySchema),
    defaultValues: entry
      ? {
          title: entry.title, summary: entry.summary, evidence: entry.evidence, areas: entry.areas.map((a) => a.slug), subjects: entry.subjects,
          phases: entry.phases, modes: entry.modes, capacityDaysPerTerm: entry.capacityDaysPerTerm, termDays: { ...entry.termDays }, active: entry.active,
        }
      : EMPTY,
  })
  const { errors } = formState
  const mine = new Set(entry?.areas.map((a) => a.slug) ?? [])
  const choosable = areas.data?.items.filter((a) => !a.retired || mine.has(a.slug)) ?? []
  const areaData = choosable
    .filter((a) => a.parentId === null)
    .map((s) => ({
      group: s.name,
      items: [s, ...choosable.filter((a) => a.parentId === s.id)].map((a) => ({
        value: a.slug,
        label: `${a.parentId === null ? `${a.name} (the whole strand)` : a.name}${a.retired ? ' (retired)' : ''}`,
      })),
    }))

  const onSubmit = handleSubmit((body) => {
    setFormError(null)
    const done = { onSuccess: onDone, onError: (err: unknown) => setFormError(applyProblem(err, setError)) }
    if (entry) update.mutate({ id: entry.id, body }, done)
    else create.mutate(body, done)
  })

  return (
    <form onSubmit={onSubmit} noValidate aria-label={entry ? 'Edit expertise' : 'Add expertise'}>
      <Stack>
        {formError && <Alert color="red" role="alert" title="Not saved">{formError}</Alert>}
        <TextInput label="Title" description="What you could help with, in a few words" required {...register('title')} error={errors.title?.message} />
        <Textarea label="Summary" description="What you could do for another school, and how" required rows={4} resize="vertical" {...register('summary')} error={errors.summary?.message} />
        <Textarea label="Evidence of impact" description={EVIDENCE_GUIDANCE} required rows={4} resize="vertical" {...register('evidence')} error={errors.evidence?.message} />
        <Controller
          control={control}
          name="areas"
          render={({ field }) => (
            <MultiSelect
              label="Areas of the framework"
              description="Choose whole strands or the areas within them"
              required
              data={areaData}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              searchable
              nothingFoundMessage="No area by that name"
              error={messageOf(errors.areas)}
            />
          )}
        />
        <Controller
          control={control}
          name="subjects"
          render={({ field }) => (
            <TagsInput
              label="Subjects"
              description="Press Enter after each one, e.g. english, maths"
              value={field.value ?? []}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={messageOf(errors.subjects)}
            />
          )}
        />
        <Controller
          control={control}
          name="phases"
          render={({ field }) => (
            <Checkbox.Group label="Phases" value={field.value ?? []} onChange={field.onChange} error={messageOf(errors.phases)}>
              <Group mt="xs">
                {PHASES.map((p) => (
                  <Checkbox key={p} value={p} label={PHASE_LABELS[p]} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
        />
        <Controller
          control={control}
          name="modes"
          render={({ field }) => (
            <Checkbox.Group label="Kinds of help" withAsterisk value={field.value} onChange={field.onChange} error={messageOf(errors.modes)}>
              <Stack mt="xs" gap="xs">
                {MODES.map((m) => (
                  <Checkbox key={m} value={m} label={MODE_LABELS[m]} description={MODE_HINTS[m]} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
        />
        <Controller
          control={control}
          name="capacityDaysPerTerm"
          render={({ field }) => (
            <NumberInput
              label="Days you can give per term"
              description="Agreed with your headteacher; days beyond your school’s release allowance need their approval"
              min={0}
              max={MAX_CAPACITY_DAYS}
              allowDecimal={false}
              value={field.value}
              onChange={(v) => field.onChange(typeof v === 'number' ? v : Number.NaN)}
              onBlur={field.onBlur}
              error={errors.capacityDaysPerTerm?.message}
              w={260}
            />
          )}
        />
        <Fieldset legend="A different number of days in a particular term (optional)">
          <Text size="sm" c="dimmed" mb="xs">Leave a term empty to give your usual days in it; put 0 for a term you cannot give any, such as summer.</Text>
          <Group>
            {TERM_NAMES.map((term) => (
              <Controller
                key={term}
                control={control}
                name={`termDays.${term}`}
                render={({ field }) => (
                  <NumberInput
                    label={`Days in the ${TERM_NAME_LABELS[term].toLowerCase()} term`}
                    placeholder="Usual"
                    min={0}
                    max={MAX_CAPACITY_DAYS}
                    allowDecimal={false}
                    value={field.value ?? ''}
                    onChange={(v) => field.onChange(typeof v === 'number' ? v : null)}
                    onBlur={field.onBlur}
                    error={errors.termDays?.[term]?.message}
                    w={200}
                  />
                )}
              />
            ))}
          </Group>
        </Fieldset>
        <Controller
          control={control}
          name="active"
          render={({ field }) => (
            <Switch label="Open to new work" description="Turn off to pause this entry: it leaves the directory until you turn it on" checked={field.value ?? true} onChange={(e) => field.onChange(e.currentTarget.checked)} />
          )}
        />
        <DialogActions onCancel={onCancel} busy={create.isPending || update.isPending}>{entry ? 'Save changes' : 'Add expertise'}</DialogActions>
      </Stack>
    </form>
  )
}
