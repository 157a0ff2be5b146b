import { Alert, Select, Stack, TextInput, Textarea } from '@mantine/core'
import { useState } from 'react'
import { Controller, useForm } from 'react-hook-form'
import { z } from 'zod'
import { type Area, CreateAreaBodySchema } from '@ee/shared/areas'
import { applyProblem, formResolver } from '../../../lib/forms.ts'
import { useCreateArea, useUpdateArea } from '../api.ts'
import { DialogActions } from '../../../components/dialog-actions.tsx'

/** `Early reading & phonics` → `early-reading-phonics`. */
export const slugify = (name: string) =>
  name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60)

const FormSchema = CreateAreaBodySchema.extend({ parentId: z.string().nullable() })
type FormInput = z.input<typeof FormSchema>
type FormOutput = z.output<typeof FormSchema>

/** Adds an area (or a strand), or renames, describes and moves one. */
export function AreaForm({ area, strands, hasChildren, defaultParentId, onDone, onCancel }: {
  area?: Area
  strands: Area[]
  hasChildren?: boolean
  defaultParentId?: string | null
  onDone: () => void
  onCancel: () => void
}) {
  const create = useCreateArea()
  const update = useUpdateArea()
  const [formError, setFormError] = useState<string | null>(null)
  const [slugTouched, setSlugTouched] = useState(Boolean(area))
  const { register, control, handleSubmit, setError, setValue, formState } = useForm<FormInput, unknown, FormOutput>({
    resolver: formResolver(FormSchema),
    defaultValues: { name: area?.name ?? '', slug: area?.slug ?? '', description: area?.description ?? '', parentId: area ? area.parentId : (defaultParentId ?? null) },
  })
  const { errors } = formState
  const onSubmit = handleSubmit(({ name, slug, description, parentId }) => {
    setFormError(null)
    const done = { onSuccess: onDone, onError: (err: unknown) => setFormError(applyProblem(err, setError)) }
    if (area) update.mutate({ id: area.id, body: { name, description, ...(hasChildren ? {} : { parentId }) } }, done)
    else create.mutate({ slug, name, description, parentId }, done)
  })
  const nameField = register('name')
  return (
    <form onSubmit={onSubmit} noValidate aria-label={area ? `Edit ${area.name}` : 'Add an area'}>
      <Stack>
        {formError && <Alert color="red" role="alert" title="Not saved">{formError}</Alert>}
        <TextInput
          label="Name"
          required
          {...nameField}
          onChange={(e) => {
            void nameField.onChange(e)
            if (!slugTouched) setValue('slug', slugify(e.currentTarget.value))
          }}
          error={errors.name?.message}
        />
        <TextInput
          label="Slug"
          description={area ? 'The slug stays as it is: requests and entries name the area by it' : 'How requests and entries name this area; lower-case words and hyphens'}
          required
          readOnly={Boolean(area)}
          {...register('slug', { onChange: () => setSlugTouched(true) })}
          error={errors.slug?.message}
        />
        <Textarea label="Description" description="What belongs in this area, for people tagging their work" rows={3} {...register('description')} error={errors.description?.message} />
        {!hasChildren && (
          <Controller
            control={control}
            name="parentId"
            render={({ field }) => (
              <Select
                label="Strand"
                description="Leave empty to make this a strand of its own"
                placeholder="None: this is a strand"
                data={strands.filter((s) => s.id !== area?.id).map((s) => ({ value: s.id, label: s.name }))}
                value={field.value ?? null}
                onChange={(v) => field.onChange(v)}
                clearable
                error={errors.parentId?.message}
              />
            )}
          />
        )}
        <DialogActions onCancel={onCancel} busy={create.isPending || update.isPending}>{area ? 'Save changes' : 'Add area'}</DialogActions>
      </Stack>
    </form>
  )
}
