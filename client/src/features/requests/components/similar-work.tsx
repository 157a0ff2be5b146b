import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { Case } from '@ee/shared/cases'
import { requestQueries } from '../api.ts'
import { paths } from '../status.ts'

export function CaseList({ items }: { items: Case[] }) {
  return (
    <Stack gap="sm">
      {items.map((c) => (
        <Paper key={c.id} withBorder p="sm" radius="md">
          <Stack gap={4}>
            <Anchor component={Link} to={paths.case(c.id)} fw={600}>{c.title}</Anchor>
            <Text size="sm" c="dimmed">
              {c.providerSchool?.name ?? 'An expert'} helped {c.receiverSchool.name}
            </Text>
            <Text size="sm" lineClamp={3}>{c.outcome || c.approach}</Text>
            <Group gap={4}>
              <Badge variant="light" color="green">Impact {c.impact}/5</Badge>
              {c.areas.slice(0, 3).map((a) => (
                <Badge key={a.slug} variant="outline" color="gray">{a.name}</Badge>
              ))}
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  )
}

/** Past work like the request being typed, fetched after a pause in typing. */
export function SimilarWork({ title, problem, areas }: { title: string; problem: string; areas: string[] }) {
  const [draft] = useDebouncedValue({ title: title.slice(0, 160), problem: problem.slice(0, 2000), areas }, 600)
  const enough = draft.title.trim().length + draft.problem.trim().length >= 8 || draft.areas.length > 0
  const query = useQuery({ ...requestQueries.similarToDraft(draft), enabled: enough })
  return (
    <Paper withBorder p="md" radius="md" component="aside" aria-labelledby="similar-work-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="similar-work-heading">Similar past work</Title>
        <div aria-live="polite">
          {!enough ? (
            <Text size="sm" c="dimmed">As you describe the problem, cases from schools that tackled something similar will show here.</Text>
          ) : query.isPending ? (
            <Text size="sm" c="dimmed">Looking for similar work…</Text>
          ) : query.isError ? (
            <Text size="sm" c="dimmed">We could not look for similar work just now.</Text>
          ) : query.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">No past cases like this yet. Your request may become the first.</Text>
          ) : (
            <CaseList items={query.data.items} />
          )}
        </div>
      </Stack>
    </Paper>
  )
}
