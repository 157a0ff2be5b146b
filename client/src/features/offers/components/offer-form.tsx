import { Alert, Anchor, Badge, Blockquote, Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core'
import { Link } from 'react-router'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Controller, useForm } from 'react-hook-form'
import type { z } from 'zod'
import { CreateOfferBodySchema, type CreateOfferBody, OFFER_STATUS_LABELS, type Offer } from '@ee/shared/offers'
import type { CommissioningRequest } from '@ee/shared/requests'
import { QueryState } from '../../../components/states.tsx'
import { formResolver, useFormProblem } from '../../../lib/forms.ts'
import { formatDate, formatDays } from '../../../lib/format.ts'
import { offerQueries, useDeclineOffer, useMakeOffer, useUpdateOffer, useWithdrawOffer } from '../api.ts'
import { problemMessage } from '../../../lib/problem.ts'

type FormInput = z.input<typeof CreateOfferBodySchema>

function OfferFields({ request, mine, onDone, existing }: { request: CommissioningRequest; mine: { id: string; title: string; daysFree: number }[]; onDone: () => void; existing?: Offer }) {
  const make = useMakeOffer(request.id)
  const update = useUpdateOffer()
  const { register, control, handleSubmit, setError, formState } = useForm<FormInput, unknown, CreateOfferBody>({
    resolver: formResolver(CreateOfferBodySchema),
    defaultValues: {
      expertiseId: existing?.expertise.id ?? mine[0]?.id ?? '',
      message: existing?.message ?? '',
      days: existing?.days ?? request.daysPerExpert,
      proposedStart: existing?.proposedStart ?? null,
      proposedEnd: existing?.proposedEnd ?? null,
    },
  })
  const errors = formState.errors
  const { formError, attempt } = useFormProblem(setError)
  const submit = handleSubmit((body) =>
    attempt(async () => {
      const clean = { ...body, proposedStart: body.proposedStart || null, proposedEnd: body.proposedEnd || null }
      if (existing && existing.status === 'proposed') {
        await update.mutateAsync({ id: existing.id, message: clean.message, days: clean.days, proposedStart: clean.proposedStart, proposedEnd: clean.proposedEnd })
      } else {
        await make.mutateAsync(clean)
      }
      notifications.show({ color: 'green', title: existing?.status === 'proposed' ? 'Offer updated' : 'Offer sent', message: 'The headteacher has been told.' })
      onDone()
    }),
  )
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Offer help">
      <Stack gap="sm">
        <Controller
          control={control}
          name="expertiseId"
          render={({ field }) => (
            <Select label="Your expertise" required disabled={existing?.status === 'proposed'} data={mine.map((e) => ({ value: e.id, label: `${e.title} (${formatDays(e.daysFree)} free this term)` }))} value={field.value || null} onChange={(v) => field.onChange(v ?? '')} error={errors.expertiseId?.message} />
          )}
        />
        <Textarea label="How you would help" description="What you have done before, and what you would do here" required autosize minRows={3} {...register('message')} error={errors.message?.message} />
        <Group grow align="flex-start">
          <Controller
            control={control}
            name="days"
            render={({ field }) => <NumberInput label="Days you can give" min={1} max={50} allowDecimal={false} value={field.value} onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v))} error={errors.days?.message} />}
          />
          <TextInput type="date" label="From (optional)" {...register('proposedStart')} error={errors.proposedStart?.message} />
          <TextInput type="date" label="To (optional)" {...register('proposedEnd')} error={errors.proposedEnd?.message} />
        </Group>
        {formError && <Alert color="red" role="alert" title="Not sent">{formError}</Alert>}
        <Group>
          <Button type="submit" loading={make.isPending || update.isPending}>{existing?.status === 'proposed' ? 'Save my offer' : 'Offer help'}</Button>
        </Group>
      </Stack>
    </form>
  )
}

/** The expert's side of a request: answer an invitation, offer help, change or withdraw an offer. */
export function ExpertPanel({ request }: { request: CommissioningRequest }) {
  const myOffers = useQuery({ ...offerQueries.forRequest(request.id), enabled: request.viewer.myOffer !== null })
  const mine = useQuery(offerQueries.myExpertise())
  const withdraw = useWithdrawOffer()
  const decline = useDeclineOffer()
  const [editing, setEditing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const offer = myOffers.data?.items.find((o) => o.id === request.viewer.myOffer?.id)
  const usable = (mine.data?.items ?? []).filter((e) => e.active && !e.archived)
  const fail = (err: unknown) => setError(problemMessage(err, { fallback: 'Something went wrong.' }))

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="expert-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="expert-heading">{offer?.status === 'invited' ? 'You are invited to help' : offer ? 'Your offer' : 'Offer help'}</Title>
        {offer && (
          <Group gap="xs">
            <Badge variant="light">{OFFER_STATUS_LABELS[offer.status]}</Badge>
            {offer.status === 'invited' && <Text size="sm" c="dimmed">Please answer by {formatDate(offer.expiresAt)}.</Text>}
          </Group>
        )}
        {offer?.inviteNote && <Blockquote p="sm">{offer.inviteNote}</Blockquote>}
        {offer?.status === 'proposed' && !editing && (
          <Stack gap={4}>
            <Text size="sm">{formatDays(offer.days)} with “{offer.expertise.title}”.</Text>
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{offer.message}</Text>
          </Stack>
        )}
        {error && <Alert color="red" role="alert" title="Not done">{error}</Alert>}
        <QueryState query={mine}>
          {() =>
            usable.length === 0 && !offer ? (
              <Text size="sm">To offer help, first <Anchor component={Link} to="/profile">share your expertise</Anchor>.</Text>
            ) : request.viewer.canOffer && (!offer || offer.status === 'invited' || editing) ? (
              <OfferFields request={request} mine={usable.map((e) => ({ id: e.id, title: e.title, daysFree: e.daysFree }))} existing={offer} onDone={() => setEditing(false)} />
            ) : null
          }
        </QueryState>
        <Group gap="xs">
          {offer?.status === 'proposed' && request.status === 'open' && !editing && <Button variant="default" onClick={() => setEditing(true)}>Change my offer</Button>}
          {offer?.status === 'invited' && (
            <Button variant="default" loading={decline.isPending} onClick={() => decline.mutate({ id: offer.id, reason: '' }, { onError: fail })}>Decline invitation</Button>
          )}
          {offer?.status === 'proposed' && (
            <Button variant="subtle" color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate({ id: offer.id }, { onError: fail })}>Withdraw my offer</Button>
          )}
          {offer?.engagementId && <Button component={Link} to={`/engagements/${offer.engagementId}`} variant="light">Open the engagement</Button>}
        </Group>
      </Stack>
    </Paper>
  )
}
