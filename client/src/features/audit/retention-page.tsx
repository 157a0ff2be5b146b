import { Alert, Anchor, Button, Group, List, NumberInput, Paper, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import { PutRetentionBodySchema, RETENTION_MONTHS } from '@ee/shared/audit'
import { Page } from '../../components/page.tsx'
import { QueryState } from '../../components/states.tsx'
import { problemMessage } from '../../lib/problem.ts'
import { auditQueries, useSetRetention } from './api.ts'

function RetentionForm({ months: saved }: { months: number }) {
  const [months, setMonths] = useState<number | string>(saved)
  const [error, setError] = useState<string | null>(null)
  const save = useSetRetention()
  const submit = (): void => {
    const parsed = PutRetentionBodySchema.safeParse({ months: typeof months === 'number' ? months : Number(months) })
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Give the number of months')
    setError(null)
    // Awaited here rather than mutate's callbacks: the saved months re-key this form, which would drop them.
    save.mutateAsync(parsed.data).then(
      (r) => notifications.show({ color: 'green', title: 'Saved', message: `Closed work now keeps its words for ${r.months} months.` }),
      (err: unknown) => setError(problemMessage(err)),
    )
  }
  return (
    <form onSubmit={(e) => { e.preventDefault(); submit() }} noValidate aria-label="Retention">
      <Group align="flex-end">
        <NumberInput label="Months to keep the words of closed work" description={`From ${RETENTION_MONTHS.min} to ${RETENTION_MONTHS.max}; ${RETENTION_MONTHS.default} unless you change it`}
          min={RETENTION_MONTHS.min} max={RETENTION_MONTHS.max} allowDecimal={false} value={months} onChange={setMonths} error={error} w={340} />
        <Button type="submit" loading={save.isPending} disabled={months === saved}>Save</Button>
      </Group>
    </form>
  )
}

export function RetentionPage() {
  const retention = useQuery(auditQueries.retention())
  return (
    <Page title="Keeping closed work" description="How long the words of finished work stay in Expertise Exchange, as the trust's data protection policy sets.">
      <QueryState query={retention}>
        {(r) => (
          <Stack gap="lg" maw={720}>
            <Paper withBorder p="lg" radius="md">
              <Stack>
                <Text>
                  Every night, requests that closed (completed or withdrawn) more than <strong>{r.months} months</strong> ago lose what they say:
                  the problem, what was tried and what success looks like. Engagements that ended that long ago lose their session notes, both
                  reflections and any reason given for cancelling or for more days.
                </Text>
                <Text>The figures stay: titles, areas, days, dates, impact ratings and the flows between schools. Cases the schools chose to share are kept as the trust's learning.</Text>
                <RetentionForm key={r.months} months={r.months} />
              </Stack>
            </Paper>
            <Stack gap={4}>
              <Title order={2} size="h4">So far</Title>
              <List size="sm">
                <List.Item>{r.removed.requests} closed {r.removed.requests === 1 ? 'request has' : 'requests have'} had their words removed</List.Item>
                <List.Item>{r.removed.engagements} {r.removed.engagements === 1 ? 'engagement has' : 'engagements have'} had their notes removed</List.Item>
              </List>
            </Stack>
            <Alert color="blue" variant="light" title="What people are told">
              The <Anchor component={Link} to="/privacy">privacy notice</Anchor> states this period. Each removal is recorded in the <Anchor component={Link} to="/admin/audit?action=request.text_removed">audit trail</Anchor>.
            </Alert>
          </Stack>
        )}
      </QueryState>
    </Page>
  )
}
