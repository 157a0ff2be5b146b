import { Alert, Autocomplete, NumberInput, Stack, TextInput } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Controller, useForm } from 'react-hook-form'
import { z } from 'zod'
import { MAX_RELEASE_DAYS, type School, UpdateSchoolBodySchema } from '@ee/shared/schools'
import { applyProblem, formResolver } from '../../../lib/forms.ts'
import { useUpdateSchool } from '../api.ts'
import { referenceQueries } from '../../../lib/reference-data.ts'
import { DialogActions } from '../../../components/dialog-actions.tsx'

const FormSchema = z.object({
  name: UpdateSchoolBodySchema.shape.name.unwrap(),
  cluster: z.string().trim().max(80, 'Use at most 80 characters'),
  releaseDaysPerTerm: UpdateSchoolBodySchema.shape.releaseDaysPerTerm.unwrap(),
})
type Form = z.infer<typeof FormSchema>

export function SchoolForm({ school, onDone, onCancel }: { school: School; onDone: () => void; onCancel: () => void }) {
  const clusters = useQuery(referenceQueries.clusters())
  const update = useUpdateSchool()
  const [formError, setFormError] = useState<string | null>(null)
  const { register, control, handleSubmit, setError, formState } = useForm<Form>({
    resolver: formResolver(FormSchema),
    defaultValues: { name: school.name, cluster: school.clusterName ?? '', releaseDaysPerTerm: school.releaseDaysPerTerm },
  })
  const { errors } = formState
  const onSubmit = handleSubmit(({ name, cluster, releaseDaysPerTerm }) => {
    setFormError(null)
    update.mutate(
      { id: school.id, body: { name, cluster: cluster || null, releaseDaysPerTerm } },
      { onSuccess: onDone, onError: (err) => setFormError(applyProblem(err, setError)) },
    )
  })
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Edit ${school.name}`}>
      <Stack>
        {formError && <Alert color="red" role="alert" title="Not saved">{formError}</Alert>}
        <TextInput label="Name" required {...register('name')} error={errors.name?.message} />
        <Controller
          control={control}
          name="cluster"
          render={({ field }) => (
            <Autocomplete
              label="Cluster"
              description="Choose a cluster or type a new name to create one; leave empty for none"
              data={clusters.data?.items.map((c) => c.name) ?? []}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={errors.cluster?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="releaseDaysPerTerm"
          render={({ field }) => (
            <NumberInput
              label="Release days per term"
              description="Staff days the school lets go each term without the head’s explicit approval"
              min={0}
              max={MAX_RELEASE_DAYS}
              allowDecimal={false}
              value={field.value}
              onChange={(v) => field.onChange(typeof v === 'number' ? v : Number.NaN)}
              onBlur={field.onBlur}
              error={errors.releaseDaysPerTerm?.message}
              w={240}
            />
          )}
        />
        <DialogActions onCancel={onCancel} busy={update.isPending}>Save changes</DialogActions>
      </Stack>
    </form>
  )
}
