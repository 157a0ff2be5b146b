import { Alert, Button, Checkbox, Fieldset, Grid, Group, List, MultiSelect, NumberInput, Radio, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import { MODES, MODE_LABELS, PHASES, PHASE_LABELS } from '@ee/shared/common'
import { CONFIDENTIALITY_LABELS, type CreateRequestBody, CreateRequestBodySchema, type PupilDataWarning, pupilDataWarnings } from '@ee/shared/requests'
import { REFUSED_PUPIL_DATA } from '@ee/shared/pupil-data'
import { formResolver, useFormProblem } from '../../../lib/forms.ts'
import { SimilarWork } from './similar-work.tsx'
import { areaOptions } from '../../../lib/area-options.ts'
import { referenceQueries } from '../../../lib/reference-data.ts'

type FormInput = z.input<typeof CreateRequestBodySchema>

const FIELD_LABELS: Record<PupilDataWarning['field'], string> = {
  title: 'Title',
  problem: 'What we see',
  tried: 'What we have tried',
  outcome: 'What success looks like',
}

export const emptyRequest: FormInput = {
  title: '',
  problem: '',
  tried: '',
  outcome: '',
  areas: [],
  subjects: [],
  phases: [],
  modes: [],
  expertsWanted: 1,
  daysPerExpert: 2,
  window: { start: '', end: '' },
  confidentiality: 'trust',
  autoInvite: false,
}

/**
 * The guided request form (what we see, what we have tried, what success looks like), validated with
 * the same schema the server uses. Past cases like it are shown alongside as the head types, and text
 * that looks as though it identifies a pupil gets a visible note as they type: a UPN or a date of birth must
 * come out before the server will save it.
 */
export function RequestForm({
  initial,
  submitLabel,
  onSubmit,
  pending,
  lockConfidentiality,
}: {
  initial: FormInput
  submitLabel: string
  onSubmit: (body: CreateRequestBody) => Promise<unknown>
  pending: boolean
  lockConfidentiality?: boolean
}) {
  const areas = useQuery(referenceQueries.areas())
  const { register, control, handleSubmit, setError, formState } = useForm<FormInput, unknown, CreateRequestBody>({
    resolver: formResolver(CreateRequestBodySchema),
    defaultValues: initial,
  })
  const [title, problem, tried, outcome, chosenAreas] = useWatch({ control, name: ['title', 'problem', 'tried', 'outcome', 'areas'] })
  const warnings = pupilDataWarnings({ title, problem, tried, outcome })
  // A UPN or a date of birth is refused on saving (shared/src/pupil-data.ts); a name alone is a warning.
  const blocking = warnings.some((w) => REFUSED_PUPIL_DATA.includes(w.kind))
  const errors = formState.errors
  const { formError, attempt } = useFormProblem(setError)

  const areaData = areaOptions(areas.data?.items.filter((a) => !a.retired || initial.areas.includes(a.slug)) ?? [])

  const submit = handleSubmit((body) => attempt(() => onSubmit(body)))

  return (
    <Grid gap="xl">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Request">
          <Stack gap="lg">
            <TextInput label="Title" description="A short name colleagues will recognise" required {...register('title')} error={errors.title?.message} />
            <Textarea label="What we see" description="The problem as it shows up in your school: who, where, how often. Describe the need, never an individual child." required autosize minRows={4} {...register('problem')} error={errors.problem?.message} />
            <Textarea label="What we have tried" description="What you have already done, and what happened" autosize minRows={3} {...register('tried')} error={errors.tried?.message} />
            <Textarea label="What success looks like" description="How you will know it has worked" autosize minRows={3} {...register('outcome')} error={errors.outcome?.message} />
            {warnings.length > 0 && (
              <Alert color={blocking ? 'red' : 'orange'} title={blocking ? 'Remove the pupil’s details before saving' : 'Please check for pupil details'} role="status" aria-live="polite">
                <Stack gap={4}>
                  <Text size="sm">Requests are read across the trust. Describe the school-level need; never name or identify a child.</Text>
                  <List size="sm">
                    {warnings.map((w, i) => (
                      <List.Item key={i}>
                        {FIELD_LABELS[w.field]}: “{w.match}” — {w.message}
                      </List.Item>
                    ))}
                  </List>
                </Stack>
              </Alert>
            )}

            <Fieldset legend="What it is about">
              <Stack>
                <Controller
                  control={control}
                  name="areas"
                  render={({ field }) => (
                    <MultiSelect label="Areas" description="Where in the trust’s framework this sits" required data={areaData} searchable value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.areas?.message ?? errors.areas?.root?.message} nothingFoundMessage="No area by that name" />
                  )}
                />
                <Controller
                  control={control}
                  name="subjects"
                  render={({ field }) => (
                    <TagsInput label="Subjects" description="Lower-case words, e.g. english, maths; press Enter after each" value={field.value ?? []} onChange={(v) => field.onChange(v.map((s) => s.trim().toLowerCase()))} error={errors.subjects?.message} />
                  )}
                />
                <Controller
                  control={control}
                  name="phases"
                  render={({ field }) => (
                    <MultiSelect label="Phases" data={PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))} value={field.value ?? []} onChange={field.onChange} error={errors.phases?.message} />
                  )}
                />
                <Controller
                  control={control}
                  name="modes"
                  render={({ field }) => (
                    <Checkbox.Group label="Kinds of help" description="Fresh eyes, independent feedback, or people who have done this before" withAsterisk value={field.value} onChange={field.onChange} error={errors.modes?.message}>
                      <Group mt="xs">
                        {MODES.map((m) => (
                          <Checkbox key={m} value={m} label={MODE_LABELS[m]} />
                        ))}
                      </Group>
                    </Checkbox.Group>
                  )}
                />
              </Stack>
            </Fieldset>

            <Fieldset legend="Who and when">
              <Stack>
                <Group grow align="flex-start">
                  <Controller
                    control={control}
                    name="expertsWanted"
                    render={({ field }) => (
                      <NumberInput label="Experts wanted" description="1 to 5: several give you more than one perspective" min={1} max={5} allowDecimal={false} value={field.value} onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v))} error={errors.expertsWanted?.message} />
                    )}
                  />
                  <Controller
                    control={control}
                    name="daysPerExpert"
                    render={({ field }) => (
                      <NumberInput label="Days per expert" min={1} max={50} allowDecimal={false} value={field.value} onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v))} error={errors.daysPerExpert?.message} />
                    )}
                  />
                </Group>
                <Group grow align="flex-start">
                  <TextInput type="date" label="Window starts" required {...register('window.start')} error={errors.window?.start?.message} />
                  <TextInput type="date" label="Window ends" required {...register('window.end')} error={errors.window?.end?.message ?? errors.window?.message} />
                </Group>
                <Controller
                  control={control}
                  name="confidentiality"
                  render={({ field }) => (
                    <Radio.Group label="Who may read it" value={field.value} onChange={field.onChange} error={errors.confidentiality?.message}>
                      <Stack mt="xs" gap="xs">
                        <Radio value="trust" label={CONFIDENTIALITY_LABELS.trust} />
                        <Radio value="invited" label={CONFIDENTIALITY_LABELS.invited} disabled={lockConfidentiality} description={lockConfidentiality ? 'Already published to the whole trust' : 'The central team still sees that it exists, but not its words'} />
                      </Stack>
                    </Radio.Group>
                  )}
                />
                <Controller
                  control={control}
                  name="autoInvite"
                  render={({ field }) => (
                    <Checkbox
                      label="Invite the next suggestion automatically"
                      description="If someone you invite does not answer within 5 school days, or declines, we invite the next suggested expert who is free, never more than the experts you want, and tell you who."
                      checked={field.value ?? false}
                      onChange={(e) => field.onChange(e.currentTarget.checked)}
                      onBlur={field.onBlur}
                      error={errors.autoInvite?.message}
                    />
                  )}
                />
              </Stack>
            </Fieldset>

            {formError && <Alert color="red" role="alert" title="Not saved">{formError}</Alert>}
            <Group>
              <Button type="submit" loading={pending}>{submitLabel}</Button>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <SimilarWork title={title ?? ''} problem={problem ?? ''} areas={chosenAreas ?? []} />
      </Grid.Col>
    </Grid>
  )
}
