import { Alert, Badge, Button, Group, NumberInput, Paper, Stack, Text, Textarea, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { Controller, useForm } from 'react-hook-form'
import type { z } from 'zod'
import { EXTENSION_STATUS_LABELS, type Engagement, type ProposeExtensionBody, ProposeExtensionBodySchema } from '@ee/shared/engagements'
import { EXTENSION_LIFECYCLE, type Party, actionsFrom } from '@ee/shared/lifecycles'
import { FormCard } from '../../../components/form-card.tsx'
import { formatDate, formatDays } from '../../../lib/format.ts'
import { formResolver, useFormProblem } from '../../../lib/forms.ts'
import { problemMessage } from '../../../lib/problem.ts'
import { useDecideExtension, useProposeExtension } from '../api.ts'

const STATUS_COLOURS = { proposed: 'orange', pending: 'orange', approved: 'teal', declined: 'gray', refused: 'red' } as const

/** The parties the reader is on this engagement, in the words of the lifecycle tables. */
const partiesOf = (g: Engagement): Party[] =>
  g.viewer.roles.flatMap((r): Party[] => (r === 'receiving' ? ['head'] : r === 'providing' ? ['providing'] : r === 'expert' ? ['expert'] : []))

/** The expert asks for more days: the receiving head agrees, and the days are released like the first ones. */
export function AskForMoreDaysForm({ engagement: g }: { engagement: Engagement }) {
  const propose = useProposeExtension(g.id)
  const { register, control, handleSubmit, setError, reset, formState } = useForm<z.input<typeof ProposeExtensionBodySchema>, unknown, ProposeExtensionBody>({
    resolver: formResolver(ProposeExtensionBodySchema),
    defaultValues: { days: 1, reason: '' },
  })
  const { formError, attempt } = useFormProblem(setError)
  const submit = handleSubmit((body) =>
    attempt(async () => {
      await propose.mutateAsync(body)
      reset({ days: 1, reason: '' })
      notifications.show({ color: 'green', title: 'More days asked for', message: `${g.receiverSchool.name}'s head has been told.` })
    }),
  )
  return (
    <FormCard id="extend-heading" title="Ask for more days" onSubmit={submit} error={formError} errorTitle="Not sent" submitLabel="Ask for more days" submitting={propose.isPending}>
      <Text size="sm" c="dimmed">{formatDays(g.daysLogged)} of {formatDays(g.days)} agreed days are logged. The head decides, then your own school releases the days.</Text>
      <Controller
        control={control}
        name="days"
        render={({ field }) => <NumberInput label="More days" required min={1} max={20} step={1} value={field.value} onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v))} error={formState.errors.days?.message} />}
      />
      <Textarea label="Why they are needed" required autosize minRows={2} {...register('reason')} error={formState.errors.reason?.message} />
    </FormCard>
  )
}

/** Requests for more days on this engagement; the receiving head agrees or declines where the table allows. */
export function ExtensionsPanel({ engagement: g }: { engagement: Engagement }) {
  const decide = useDecideExtension(g.id)
  const [error, setError] = useState<string | null>(null)
  const parties = partiesOf(g)
  if (!g.extensions.length) return null
  return (
    <section aria-labelledby="extensions-heading">
      <Title order={2} size="h4" id="extensions-heading" mb="xs">More days</Title>
      <Stack gap="sm">
        {g.extensions.map((x) => {
          const may = parties.flatMap((p) => actionsFrom(EXTENSION_LIFECYCLE, x.status, p))
          return (
            <Paper key={x.id} withBorder p="sm" component="article" aria-label={`${x.days} more days`}>
              <Stack gap={4}>
                <Group justify="space-between">
                  <Text size="sm" fw={600}>{formatDays(x.days)} more{x.termLabel ? ` in ${x.termLabel}` : ''}</Text>
                  <Badge color={STATUS_COLOURS[x.status]} variant="light">{EXTENSION_STATUS_LABELS[x.status]}</Badge>
                </Group>
                {x.reason && <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{x.reason}</Text>}
                <Text size="xs" c="dimmed">Asked {formatDate(x.proposedAt)}{x.declineReason ? `; “${x.declineReason}”` : ''}</Text>
                {(may.includes('agree') || may.includes('decline')) && (
                  <Group gap="xs">
                    {may.includes('agree') && (
                      <Button size="sm" loading={decide.isPending} onClick={() => { setError(null); decide.mutate({ id: x.id, decision: 'agree' }, {
                        onSuccess: (r) => notifications.show({ color: 'green', title: 'Agreed', message: r.status === 'approved' ? 'The days are released and can be logged.' : "The expert's own school has been asked to release the days." }),
                        onError: (err) => setError(problemMessage(err, { fallback: 'Something went wrong.' })),
                      }) }}>Agree</Button>
                    )}
                    {may.includes('decline') && (
                      <Button size="sm" variant="default" loading={decide.isPending} onClick={() => { setError(null); decide.mutate({ id: x.id, decision: 'decline' }, {
                        onError: (err) => setError(problemMessage(err, { fallback: 'Something went wrong.' })),
                      }) }}>Decline</Button>
                    )}
                  </Group>
                )}
              </Stack>
            </Paper>
          )
        })}
        {error && <Alert color="red" role="alert" title="Not done">{error}</Alert>}
      </Stack>
    </section>
  )
}
