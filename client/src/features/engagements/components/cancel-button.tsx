import { Alert, Button, Modal, Stack, Text, Textarea } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { CancelEngagementBodySchema, type Engagement } from '@ee/shared/engagements'
import { problemMessage } from '../../../lib/problem.ts'
import { useCancelEngagement } from '../api.ts'
import { DialogActions } from '../../../components/dialog-actions.tsx'
import { formResolver } from '../../../lib/forms.ts'

/** Cancel, with the reason asked in a dialog first. */
export function CancelButton({ engagement: g }: { engagement: Engagement }) {
  const cancel = useCancelEngagement(g.id)
  const [opened, { open, close }] = useDisclosure(false)
  const [error, setError] = useState<string | null>(null)
  const { register, handleSubmit, formState } = useForm<z.input<typeof CancelEngagementBodySchema>>({ resolver: formResolver(CancelEngagementBodySchema), defaultValues: { reason: '' } })
  const submit = handleSubmit((body) => cancel.mutate({ reason: body.reason }, { onSuccess: close, onError: (err) => setError(problemMessage(err, { fallback: 'Something went wrong.' })) }))
  return (
    <>
      <Button variant="subtle" color="red" onClick={open}>Cancel engagement</Button>
      <Modal opened={opened} onClose={close} title="Cancel this engagement?">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <Text size="sm">Everyone involved is told, and the expert’s days are free again.</Text>
            <Textarea label="Why" required {...register('reason')} error={formState.errors.reason?.message} />
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <DialogActions onCancel={close} cancelLabel="Keep it" busy={cancel.isPending} color="red">Cancel engagement</DialogActions>
          </Stack>
        </form>
      </Modal>
    </>
  )
}
