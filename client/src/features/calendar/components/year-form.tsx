import { Alert, Button, Fieldset, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useFieldArray, useForm } from 'react-hook-form'
import { type CalendarYear, PutCalendarYearBodySchema, type PutCalendarYearBody, TERM_NAME_LABELS } from '@ee/shared/calendar'
import { applyProblem, formResolver } from '../../../lib/forms.ts'
import { useSaveCalendarYear } from '../api.ts'

/** The admin's form for one academic year: three terms with their half-terms, and closure days. */
export function YearForm({ year, onDone, onCancel }: { year: CalendarYear; onDone: () => void; onCancel: () => void }) {
  const save = useSaveCalendarYear()
  const [formError, setFormError] = useState<string | null>(null)
  const { register, control, handleSubmit, setError, formState } = useForm<PutCalendarYearBody>({
    resolver: formResolver(PutCalendarYearBodySchema),
    defaultValues: {
      terms: year.terms.map(({ name, start, end, halfTerm }) => ({ name, start, end, halfTerm: { ...halfTerm } })),
      closures: year.closures.map((c) => ({ ...c })),
    },
  })
  const closures = useFieldArray({ control, name: 'closures' })
  const { errors } = formState
  const onSubmit = handleSubmit((body) => {
    setFormError(null)
    save.mutate({ year: year.year, body }, { onSuccess: onDone, onError: (err) => setFormError(applyProblem(err, setError)) })
  })
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Term dates for ${year.label}`}>
      <Stack>
        {formError && <Alert color="red" role="alert" title="Not saved">{formError}</Alert>}
        {errors.terms?.message && <Alert color="red" role="alert">{errors.terms.message}</Alert>}
        {year.terms.map((term, i) => {
          const e = errors.terms?.[i]
          const name = TERM_NAME_LABELS[term.name]
          return (
            <Fieldset key={term.name} legend={`${name} term`}>
              <input type="hidden" {...register(`terms.${i}.name`)} />
              <SimpleGrid cols={{ base: 1, sm: 4 }}>
                <TextInput type="date" label={`${name} term starts`} required {...register(`terms.${i}.start`)} error={e?.start?.message ?? e?.name?.message} />
                <TextInput type="date" label="Half-term starts" required {...register(`terms.${i}.halfTerm.start`)} error={e?.halfTerm?.start?.message} />
                <TextInput type="date" label="Half-term ends" required {...register(`terms.${i}.halfTerm.end`)} error={e?.halfTerm?.end?.message} />
                <TextInput type="date" label={`${name} term ends`} required {...register(`terms.${i}.end`)} error={e?.end?.message} />
              </SimpleGrid>
            </Fieldset>
          )
        })}
        <Fieldset legend="Closure days">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">Days in term when the schools are closed: INSET days, and bank holidays that fall in term time.</Text>
            {closures.fields.length === 0 && <Text size="sm">No closure days.</Text>}
            {closures.fields.map((field, j) => (
              <Group key={field.id} align="flex-end" wrap="wrap">
                <TextInput type="date" label={`Closure ${j + 1}: date`} required {...register(`closures.${j}.date`)} error={errors.closures?.[j]?.date?.message} />
                <TextInput label={`Closure ${j + 1}: what it is`} placeholder="INSET day" required {...register(`closures.${j}.label`)} error={errors.closures?.[j]?.label?.message} w={260} />
                <Button variant="subtle" color="red" onClick={() => closures.remove(j)} aria-label={`Remove closure ${j + 1}`}>Remove</Button>
              </Group>
            ))}
            <Group>
              <Button variant="light" onClick={() => closures.append({ date: '', label: 'INSET day' })}>Add a closure day</Button>
            </Group>
          </Stack>
        </Fieldset>
        <Group>
          <Button type="submit" loading={save.isPending}>Save {year.label}</Button>
          <Button variant="default" onClick={onCancel}>Cancel</Button>
        </Group>
      </Stack>
    </form>
  )
}
