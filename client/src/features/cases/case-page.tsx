import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { Page } from '../../components/page.tsx'
import { QueryState } from '../../components/states.tsx'
import { formatDate } from '../../lib/format.ts'
import { caseQueries } from './api.ts'

export function CasePage() {
  const { id = '' } = useParams()
  const query = useQuery(caseQueries.detail(id))
  return (
    <QueryState query={query}>
      {(c) => (
        <Page title={c.title} description={`${c.providerSchool?.name ?? 'An expert'} with ${c.receiverSchool.name} · ${formatDate(c.createdAt)}`}>
          <Group gap={6}>
            <Badge color="green" variant="light">Impact {c.impact}/5</Badge>
            {c.areas.map((a) => <Badge key={a.slug} variant="outline" color="gray">{a.name}</Badge>)}
            {c.visibility === 'schools' && <Badge color="grape" variant="light">Kept between the two schools</Badge>}
          </Group>
          {[['What the school saw', c.problem], ['What was done', c.approach], ['What changed', c.outcome]].map(([heading, text]) => (
            <Paper key={heading} withBorder p="md" radius="md" component="section" aria-label={heading}>
              <Stack gap={4}>
                <Title order={2} size="h4">{heading}</Title>
                <Text style={{ whiteSpace: 'pre-line' }}>{text || '—'}</Text>
              </Stack>
            </Paper>
          ))}
          <Group gap="md">
            <Anchor component={Link} to={`/requests/${c.requestId}`}>The original request</Anchor>
            <Anchor component={Link} to="/cases">All cases</Anchor>
          </Group>
        </Page>
      )}
    </QueryState>
  )
}
