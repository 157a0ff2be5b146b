import { Alert, Badge, Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { CalendarYear } from '@ee/shared/calendar'
import { Page } from '../../components/page.tsx'
import { PageLoader, QueryState } from '../../components/states.tsx'
import { formatDate } from '../../lib/format.ts'
import { calendarQueries, useResetCalendarYear } from './api.ts'
import { YearForm } from './components/year-form.tsx'
import { problemMessage } from '../../lib/problem.ts'

function YearTable({ year }: { year: CalendarYear }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Caption>Terms of {year.label}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Term</Table.Th>
            <Table.Th scope="col">Starts</Table.Th>
            <Table.Th scope="col">Half-term</Table.Th>
            <Table.Th scope="col">Ends</Table.Th>
            <Table.Th scope="col" ta="right">School days</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {year.terms.map((t) => (
            <Table.Tr key={t.name}>
              <Table.Th scope="row" fw={500}>{t.label}</Table.Th>
              <Table.Td>{formatDate(t.start)}</Table.Td>
              <Table.Td>{formatDate(t.halfTerm.start)} to {formatDate(t.halfTerm.end)}</Table.Td>
              <Table.Td>{formatDate(t.end)}</Table.Td>
              <Table.Td ta="right">{t.schoolDays}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

function YearCard({ yearNumber }: { yearNumber: number }) {
  const query = useQuery(calendarQueries.year(yearNumber))
  const reset = useResetCalendarYear()
  const [editing, setEditing] = useState(false)
  return (
    <Card withBorder radius="md" p="lg" component="section" aria-labelledby={`year-${yearNumber}`}>
      <QueryState query={query} loading={<PageLoader label="Loading term dates…" />}>
        {(year) => (
          <Stack>
            <Group justify="space-between">
              <Group gap="sm">
                <Title order={2} size="h3" id={`year-${yearNumber}`}>{year.label}</Title>
                {year.isDefault ? <Badge variant="light" color="gray">England’s usual dates</Badge> : <Badge variant="light">Your trust’s dates</Badge>}
              </Group>
              {!editing && (
                <Group gap="xs">
                  <Button variant="light" onClick={() => setEditing(true)}>Edit {year.label}</Button>
                  {!year.isDefault && (
                    <Button variant="subtle" color="red" loading={reset.isPending} onClick={() => reset.mutate(year.year)}>
                      Use England’s usual dates
                    </Button>
                  )}
                </Group>
              )}
            </Group>
            {reset.isError && (
              <Alert color="red" role="alert" title="Not reset">{problemMessage(reset.error, { fallback: 'Please try again.' })}</Alert>
            )}
            {editing ? (
              <YearForm year={year} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />
            ) : (
              <>
                <YearTable year={year} />
                <div>
                  <Title order={3} size="h5">Closure days</Title>
                  {year.closures.length === 0 ? (
                    <Text c="dimmed" size="sm">No closure days in term time.</Text>
                  ) : (
                    <List size="sm">
                      {year.closures.map((c) => <List.Item key={c.date}>{formatDate(c.date)}: {c.label}</List.Item>)}
                    </List>
                  )}
                </div>
              </>
            )}
          </Stack>
        )}
      </QueryState>
    </Card>
  )
}

export function CalendarPage() {
  const current = useQuery(calendarQueries.year())
  return (
    <Page
      title="Calendar"
      description="The trust’s term dates, half-terms and closure days. Invitations expire after 5 school days by this calendar, and “this term”, capacity and release days per term follow it."
    >
      <QueryState query={current} loading={<PageLoader label="Loading the calendar…" />}>
        {({ currentYear }) => (
          <Stack>
            <YearCard yearNumber={currentYear} />
            <YearCard yearNumber={currentYear + 1} />
          </Stack>
        )}
      </QueryState>
    </Page>
  )
}
