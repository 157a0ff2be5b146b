import { Alert, Anchor, Button, Group, Modal, Paper, Select, Stack, Text, Textarea } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Controller, useForm } from 'react-hook-form'
import { Link, useNavigate } from 'react-router'
import type { z } from 'zod'
import { type Engagement, type NameColleagueBody, NameColleagueBodySchema } from '@ee/shared/engagements'
import { DialogActions } from '../../../components/dialog-actions.tsx'
import { FormCard } from '../../../components/form-card.tsx'
import { QueryState } from '../../../components/states.tsx'
import { formatDate, formatDays } from '../../../lib/format.ts'
import { formResolver, useFormProblem } from '../../../lib/forms.ts'
import { problemMessage } from '../../../lib/problem.ts'
import { engagementQueries, useAskColleague, useDecideColleague, useNameColleague } from '../api.ts'
import { CompleteForm } from './complete-form.tsx'

/**
 * People who leave (docs/decisions/012-people-who-leave.md): the banner on work whose expert has gone,
 * with what each party can do next — the receiving head ends it with what was delivered or asks for a
 * colleague and decides on the one named; the expert's own head names a colleague.
 */
export function LeaverPanel({ engagement: g }: { engagement: Engagement }) {
  const [ending, setEnding] = useState(false)
  if (g.status !== 'active' || (!g.away && !g.colleagueAskedAt)) return <HandoverHistory engagement={g} />
  const receiving = g.viewer.roles.includes('receiving')
  const providing = g.viewer.roles.includes('providing')
  const school = g.providerSchool?.name ?? 'their school'
  const title = g.away?.reason === 'deactivated'
    ? `${g.expert.name} has left the school's expertise exchange`
    : g.away?.reason === 'paused' ? `${g.expert.name} has paused their availability` : `A colleague is asked for to take over from ${g.expert.name}`
  return (
    <Stack gap="sm">
      <section aria-label="The expert has gone">
        <Alert color="orange" title={title}>
          <Stack gap="xs">
            <Text size="sm">
              {g.away ? `Since ${formatDate(g.away.since)}. ` : ''}{formatDays(g.daysLogged)} of the {g.days} agreed {g.daysLogged === 1 ? 'was' : 'were'} delivered.
            </Text>
            {receiving && !g.colleagueAskedAt && (
              <Text size="sm">
                Choose what happens next: end the engagement with what was delivered (your reflection alone makes the case, and the days not
                delivered go back to {school}), or ask {school} for a colleague to take over the days left.
              </Text>
            )}
            {receiving && g.colleagueAskedAt && !g.colleagueOffer && (
              <Text size="sm">You asked {school} for a colleague on {formatDate(g.colleagueAskedAt)}. You will be told when they name someone; you can still end the work with what was delivered.</Text>
            )}
            {providing && !receiving && !g.colleagueAskedAt && (
              <Text size="sm">{g.receiverSchool.name}'s headteacher will choose whether to end the work with what was delivered or to ask you for a colleague.</Text>
            )}
            {providing && g.colleagueOffer && (
              <Text size="sm">You named {g.colleagueOffer.expert.name}; {g.receiverSchool.name}'s headteacher is deciding.</Text>
            )}
            {(g.viewer.canEndEarly || g.viewer.canAskColleague) && (
              <Group gap="xs">
                {g.viewer.canEndEarly && <Button variant={ending ? 'light' : 'filled'} onClick={() => setEnding((v) => !v)}>End with what was delivered</Button>}
                {g.viewer.canAskColleague && <AskColleagueButton engagement={g} />}
              </Group>
            )}
          </Stack>
        </Alert>
      </section>
      {receiving && g.colleagueOffer && <ColleagueOfferCard engagement={g} />}
      {g.viewer.canNameColleague && <NameColleagueForm engagement={g} />}
      {ending && g.viewer.canEndEarly && <CompleteForm engagement={g} early />}
    </Stack>
  )
}

/** Where the work went on, or came from, once it changed hands. */
function HandoverHistory({ engagement: g }: { engagement: Engagement }) {
  if (!g.handedOverTo && !g.takesOver && g.returnedDays === null) return null
  return (
    <Paper withBorder p="sm" radius="md" aria-label="Who did the work">
      <Stack gap={4}>
        {g.handedOverTo && (
          <Text size="sm">
            {g.expert.name} delivered {formatDays(g.daysLogged)}; the work was handed over to{' '}
            <Anchor component={Link} to={`/engagements/${g.handedOverTo.id}`}>{g.handedOverTo.expert.name}</Anchor>.
          </Text>
        )}
        {g.takesOver && (
          <Text size="sm">
            {g.expert.name} took this work over from <Anchor component={Link} to={`/engagements/${g.takesOver.id}`}>{g.takesOver.expert.name}</Anchor>.
          </Text>
        )}
        {g.returnedDays !== null && (
          <Text size="sm">Ended with what was delivered{g.returnedDays > 0 ? `: ${formatDays(g.returnedDays)} not delivered went back to ${g.providerSchool?.name ?? 'the expert’s school'}` : ''}.</Text>
        )}
      </Stack>
    </Paper>
  )
}

function AskColleagueButton({ engagement: g }: { engagement: Engagement }) {
  const ask = useAskColleague(g.id)
  const [opened, { open, close }] = useDisclosure(false)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const school = g.providerSchool?.name ?? 'their school'
  const send = () => {
    setError(null)
    ask.mutate({ note }, {
      onSuccess: () => {
        close()
        notifications.show({ color: 'green', title: 'A colleague is asked for', message: `${school}'s headteacher has been told.` })
      },
      onError: (err) => setError(problemMessage(err, { fallback: 'Something went wrong.' })),
    })
  }
  return (
    <>
      <Button variant="default" onClick={open}>Ask for a colleague</Button>
      <Modal opened={opened} onClose={close} title={`Ask ${school} for a colleague?`}>
        <Stack>
          <Text size="sm">Their headteacher is asked to name a colleague to take over the days left. You decide whether to take them on.</Text>
          <Textarea label="A note for their headteacher (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <DialogActions onCancel={close} cancelLabel="Not now" busy={ask.isPending} onConfirm={send}>Ask for a colleague</DialogActions>
        </Stack>
      </Modal>
    </>
  )
}

/** The colleague named by the expert's own head, for the receiving head to take on or not. */
function ColleagueOfferCard({ engagement: g }: { engagement: Engagement }) {
  const decide = useDecideColleague(g.id)
  const navigate = useNavigate()
  const [error, setError] = useState<string | null>(null)
  const offer = g.colleagueOffer!
  const act = (decision: 'accept' | 'decline') => {
    setError(null)
    decide.mutate({ offerId: offer.id, decision }, {
      onSuccess: (successorId) => {
        notifications.show(decision === 'accept'
          ? { color: 'green', title: `${offer.expert.name} takes over`, message: 'The work continues with the days left.' }
          : { color: 'green', title: 'Declined', message: `${g.providerSchool?.name ?? 'Their school'} can name someone else.` })
        if (successorId) void navigate(`/engagements/${successorId}`)
      },
      onError: (err) => setError(problemMessage(err, { fallback: 'Something went wrong.' })),
    })
  }
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="colleague-offer-heading">
      <Stack gap="xs">
        <Text fw={600} id="colleague-offer-heading">{offer.expert.name} is offered to take over</Text>
        <Text size="sm">{offer.expertise.title}: {formatDays(offer.days)} left, from {g.providerSchool?.name ?? 'the same school'}.</Text>
        {offer.message && <Text size="sm" style={{ whiteSpace: 'pre-line' }}>“{offer.message}”</Text>}
        {error && <Alert color="red" role="alert" title="Not done">{error}</Alert>}
        <Group gap="xs">
          <Button loading={decide.isPending} onClick={() => act('accept')} aria-label={`Accept ${offer.expert.name} to take over`}>Accept</Button>
          <Button variant="default" loading={decide.isPending} onClick={() => act('decline')} aria-label={`Decline ${offer.expert.name}`}>Decline</Button>
        </Group>
      </Stack>
    </Paper>
  )
}

/** The expert's own head names a colleague from their school's people who are here. */
function NameColleagueForm({ engagement: g }: { engagement: Engagement }) {
  const query = useQuery(engagementQueries.colleagues(g.id))
  const name = useNameColleague(g.id)
  const { register, control, handleSubmit, setError, formState } = useForm<z.input<typeof NameColleagueBodySchema>, unknown, NameColleagueBody>({
    resolver: formResolver(NameColleagueBodySchema),
    defaultValues: { expertiseId: '', message: '' },
  })
  const { formError, attempt } = useFormProblem(setError)
  const submit = handleSubmit((body) =>
    attempt(async () => {
      await name.mutateAsync(body)
      notifications.show({ color: 'green', title: 'Colleague named', message: `${g.receiverSchool.name}'s headteacher will decide.` })
    }),
  )
  return (
    <QueryState query={query}>
      {(list) => list.items.length === 0 ? (
        <Alert color="gray" title="Nobody to name at the moment">
          Nobody else at your school offers expertise and is available now. Tell {g.receiverSchool.name}'s headteacher, so they can end the work with what was delivered.
        </Alert>
      ) : (
        <FormCard id="name-colleague-heading" title="Name a colleague" onSubmit={submit} error={formError} errorTitle="Not named" submitLabel="Name this colleague" submitting={name.isPending}>
          <Text size="sm" c="dimmed">
            {formatDays(list.daysLeft)} left in {list.termLabel}. The colleague you name is offered to {g.receiverSchool.name}'s headteacher; once they accept, the
            colleague is released for those days.
          </Text>
          <Controller
            control={control}
            name="expertiseId"
            render={({ field }) => (
              <Select
                label="Colleague"
                required
                placeholder="Choose a colleague"
                data={list.items.map((c) => ({ value: c.expertise.id, label: `${c.person.name} — ${c.expertise.title} (${formatDays(c.daysFree)} free)` }))}
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                error={formState.errors.expertiseId?.message}
              />
            )}
          />
          <Textarea label="Why they can take it on" required autosize minRows={2} {...register('message')} error={formState.errors.message?.message} />
        </FormCard>
      )}
    </QueryState>
  )
}
