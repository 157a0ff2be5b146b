import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Anchor, Button, Grid, Group, Modal, NumberInput, Paper, Radio, Stack, Switch, Table, Text, TextInput, Textarea, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Controller, useForm } from 'react-hook-form'
import { Link, useParams } from 'react-router'
import type { z } from 'zod'
import {
  CancelEngagementBodySchema,
  type CompleteEngagementBody,
  CompleteEngagementBodySchema,
  type Engagement,
  type LogSessionBody,
  LogSessionBodySchema,
  type ReflectionBody,
  ReflectionBodySchema,
} from '@ee/shared/engagements'
import { Page } from '../../components/page.tsx'
import { QueryState } from '../../components/states.tsx'
import { applyProblem } from '../../lib/forms.ts'
import { formatDate, formatDateTime, formatDays } from '../../lib/format.ts'
import { useAddReflection, useCancelEngagement, useCompleteEngagement, useLogSession } from './api.ts'
import { engagementQueries } from './api.ts'
import { EngagementStatusBadge, ReleaseBadge } from './components/badges.tsx'
import { problemMessage } from '../../lib/problem.ts'

const today = () => new Date().toISOString().slice(0, 10)
const IMPACT_LABELS = ['1 – little', '2', '3', '4', '5 – transformative']

function LogSessionForm({ engagement: g }: { engagement: Engagement }) {
  const log = useLogSession(g.id)
  const [formError, setFormError] = useState<string | null>(null)
  const { register, control, handleSubmit, setError, reset, formState } = useForm<z.input<typeof LogSessionBodySchema>, unknown, LogSessionBody>({
    resolver: zodResolver(LogSessionBodySchema),
    defaultValues: { date: today(), days: 1, note: '' },
  })
  const submit = handleSubmit(async (body) => {
    setFormError(null)
    try {
      await log.mutateAsync(body)
      reset({ date: today(), days: 1, note: '' })
      notifications.show({ color: 'green', title: 'Session logged', message: `${formatDays(body.days)} on ${formatDate(body.date)}.` })
    } catch (err) {
      setFormError(applyProblem(err, setError))
    }
  })
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="log-heading">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Log a session">
        <Stack gap="sm">
          <Title order={2} size="h4" id="log-heading">Log a session</Title>
          <Group grow align="flex-start">
            <TextInput type="date" label="Date" required {...register('date')} error={formState.errors.date?.message} />
            <Controller
              control={control}
              name="days"
              render={({ field }) => <NumberInput label="Days" description="Whole or half days" min={0.5} max={20} step={0.5} decimalScale={1} value={field.value} onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v))} error={formState.errors.days?.message} />}
            />
          </Group>
          <Textarea label="What happened (optional)" autosize minRows={2} {...register('note')} error={formState.errors.note?.message} />
          {formError && <Alert color="red" role="alert" title="Not logged">{formError}</Alert>}
          <Group><Button type="submit" loading={log.isPending}>Log a session</Button></Group>
        </Stack>
      </form>
    </Paper>
  )
}

function CompleteForm({ engagement: g }: { engagement: Engagement }) {
  const complete = useCompleteEngagement(g.id)
  const [formError, setFormError] = useState<string | null>(null)
  const { register, control, handleSubmit, setError, formState } = useForm<z.input<typeof CompleteEngagementBodySchema>, unknown, CompleteEngagementBody>({
    resolver: zodResolver(CompleteEngagementBodySchema),
    defaultValues: { impact: 0, reflection: '', shareWithTrust: g.shareWithTrust },
  })
  const submit = handleSubmit(async (body) => {
    setFormError(null)
    try {
      await complete.mutateAsync(body)
      notifications.show({ color: 'green', title: 'Engagement completed', message: `${g.expert.name} has been asked to add their reflection.` })
    } catch (err) {
      setFormError(applyProblem(err, setError))
    }
  })
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="complete-heading">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Complete engagement">
        <Stack gap="sm">
          <Title order={2} size="h4" id="complete-heading">Complete the engagement</Title>
          <Controller
            control={control}
            name="impact"
            render={({ field }) => (
              <Radio.Group
                label="Impact"
                description="From 1 (little difference) to 5 (transformative)"
                withAsterisk
                value={field.value ? String(field.value) : ''}
                onChange={(v) => field.onChange(Number(v))}
                error={formState.errors.impact?.message}
              >
                <Group mt="xs" gap="lg">
                  {IMPACT_LABELS.map((label, i) => (
                    <Radio key={label} value={String(i + 1)} label={label} />
                  ))}
                </Group>
              </Radio.Group>
            )}
          />
          <Textarea label="Your reflection" description="What was done, and what changed for your school" required autosize minRows={4} {...register('reflection')} error={formState.errors.reflection?.message} />
          <Controller
            control={control}
            name="shareWithTrust"
            render={({ field }) => (
              <Switch label="Share the case with the whole trust" description="Off: it stays between your two schools" checked={field.value ?? true} onChange={(e) => field.onChange(e.currentTarget.checked)} />
            )}
          />
          {formError && <Alert color="red" role="alert" title="Not completed">{formError}</Alert>}
          <Group><Button type="submit" loading={complete.isPending}>Complete engagement</Button></Group>
        </Stack>
      </form>
    </Paper>
  )
}

function ReflectionForm({ engagement: g }: { engagement: Engagement }) {
  const reflect = useAddReflection(g.id)
  const [formError, setFormError] = useState<string | null>(null)
  const { register, handleSubmit, setError, formState } = useForm<ReflectionBody>({ resolver: zodResolver(ReflectionBodySchema), defaultValues: { reflection: '' } })
  const submit = handleSubmit(async (body) => {
    setFormError(null)
    try {
      const after = await reflect.mutateAsync(body)
      notifications.show({ color: 'green', title: 'Reflection added', message: after.caseId ? 'With both reflections in, the work is now a case.' : 'Thank you.' })
    } catch (err) {
      setFormError(applyProblem(err, setError))
    }
  })
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="reflect-heading">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Add my reflection">
        <Stack gap="sm">
          <Title order={2} size="h4" id="reflect-heading">Add my reflection</Title>
          <Textarea label="Your reflection" description="What you did, and what you noticed; with the head’s, it becomes a case the next school can learn from" required autosize minRows={4} {...register('reflection')} error={formState.errors.reflection?.message} />
          {formError && <Alert color="red" role="alert" title="Not saved">{formError}</Alert>}
          <Group><Button type="submit" loading={reflect.isPending}>Add my reflection</Button></Group>
        </Stack>
      </form>
    </Paper>
  )
}

function CancelButton({ engagement: g }: { engagement: Engagement }) {
  const cancel = useCancelEngagement(g.id)
  const [opened, { open, close }] = useDisclosure(false)
  const [error, setError] = useState<string | null>(null)
  const { register, handleSubmit, formState } = useForm<z.input<typeof CancelEngagementBodySchema>>({ resolver: zodResolver(CancelEngagementBodySchema), defaultValues: { reason: '' } })
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
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>Keep it</Button>
              <Button type="submit" color="red" loading={cancel.isPending}>Cancel engagement</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  )
}

export function EngagementPage() {
  const { id = '' } = useParams()
  const query = useQuery(engagementQueries.detail(id))
  return (
    <QueryState query={query}>
      {(g) => (
        <Page
          title={g.request.title}
          description={<Group gap="xs" component="span"><EngagementStatusBadge status={g.status} /><ReleaseBadge release={g.release} /></Group>}
          action={g.viewer.canCancel ? <CancelButton engagement={g} /> : undefined}
        >
          {g.release === 'pending' && g.status === 'active' && (
            <Alert color="orange" title="Waiting for the release">
              {g.providerSchool?.name ?? 'The expert’s school'} has to approve {g.expert.name}’s release before the work begins.
            </Alert>
          )}
          <Grid gap="xl">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Stack gap="lg">
                <section aria-labelledby="sessions-heading">
                  <Title order={2} size="h4" id="sessions-heading" mb="xs">Sessions</Title>
                  {g.logs.length === 0 ? (
                    <Text size="sm" c="dimmed">No sessions logged yet.</Text>
                  ) : (
                    <Table striped>
                      <Table.Thead><Table.Tr><Table.Th>Date</Table.Th><Table.Th>Days</Table.Th><Table.Th>Note</Table.Th></Table.Tr></Table.Thead>
                      <Table.Tbody>
                        {g.logs.map((l) => (
                          <Table.Tr key={l.id}><Table.Td>{formatDate(l.date)}</Table.Td><Table.Td>{formatDays(l.days)}</Table.Td><Table.Td>{l.note}</Table.Td></Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  )}
                </section>
                {g.viewer.canLog && <LogSessionForm engagement={g} />}
                {g.viewer.canComplete && <CompleteForm engagement={g} />}
                {g.viewer.canReflect && <ReflectionForm engagement={g} />}
                {(g.headReflection || g.expertReflection) && (
                  <section aria-labelledby="reflections-heading">
                    <Title order={2} size="h4" id="reflections-heading" mb="xs">Reflections</Title>
                    <Stack gap="sm">
                      {g.headReflection && <Paper withBorder p="sm"><Text size="sm" fw={600}>{g.receiverSchool.name} (impact {g.impact}/5)</Text><Text size="sm" style={{ whiteSpace: 'pre-line' }}>{g.headReflection}</Text></Paper>}
                      {g.expertReflection && <Paper withBorder p="sm"><Text size="sm" fw={600}>{g.expert.name}</Text><Text size="sm" style={{ whiteSpace: 'pre-line' }}>{g.expertReflection}</Text></Paper>}
                    </Stack>
                  </section>
                )}
                {g.caseId && <Anchor component={Link} to={`/cases/${g.caseId}`}>Read the case</Anchor>}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Paper withBorder p="md" radius="md">
                <Stack gap={6}>
                  <Text size="sm"><strong>Request:</strong> <Anchor component={Link} to={`/requests/${g.request.id}`}>{g.request.title}</Anchor></Text>
                  <Text size="sm"><strong>Expert:</strong> {g.expert.name}, {g.providerSchool?.name ?? '—'}</Text>
                  <Text size="sm"><strong>Expertise:</strong> {g.expertise.title}</Text>
                  <Text size="sm"><strong>Receiving school:</strong> {g.receiverSchool.name}</Text>
                  <Text size="sm"><strong>Days:</strong> {formatDays(g.daysLogged)} logged of {formatDays(g.days)} agreed, {g.termLabel}</Text>
                  <Text size="sm"><strong>Commissioned:</strong> {formatDateTime(g.createdAt)}</Text>
                  {g.completedAt && <Text size="sm"><strong>Completed:</strong> {formatDate(g.completedAt)}</Text>}
                  {g.cancelledAt && <Text size="sm"><strong>Cancelled:</strong> {formatDate(g.cancelledAt)}{g.cancelReason ? ` — ${g.cancelReason}` : ''}</Text>}
                </Stack>
              </Paper>
            </Grid.Col>
          </Grid>
        </Page>
      )}
    </QueryState>
  )
}
