import { Anchor, Badge, Group, Paper, Stack, Text, TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { SlugSchema } from '@ee/shared/common'
import { Page } from '../../components/page.tsx'
import { EmptyState, ErrorState, ListSkeleton } from '../../components/states.tsx'
import { formatDate } from '../../lib/format.ts'
import { caseQueries } from './api.ts'
import { AreaFilter } from '../../components/area-filter.tsx'
import { referenceQueries } from '../../lib/reference-data.ts'
import { CsvDownload } from '../../components/csv-download.tsx'

export function CasesPage() {
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const areaParam = params.get('area')
  const area = areaParam && SlugSchema.safeParse(areaParam).success ? areaParam : undefined
  const [text, setText] = useState(q)
  const query = useQuery(caseQueries.list({ ...(q ? { q } : {}), ...(area ? { area } : {}) }))
  const areas = useQuery(referenceQueries.areas())
  const set = (key: string, value: string | undefined) =>
    setParams((p) => { const n = new URLSearchParams(p); if (value) n.set(key, value); else n.delete(key); return n }, { replace: true })
  const pushQ = useDebouncedCallback((v: string) => set('q', v.trim() || undefined), 350)

  return (
    <Page title="Cases" description="The trust’s memory: what schools saw, what was done and what changed.">
      <Group align="flex-end" gap="md" role="search" aria-label="Search cases">
        <TextInput label="Search cases" type="search" placeholder="e.g. reading, attendance" value={text} onChange={(e) => { setText(e.currentTarget.value); pushQ(e.currentTarget.value) }} w={300} />
        <AreaFilter areas={areas.data?.items ?? []} value={area} onChange={(v) => set('area', v)} />
        <CsvDownload path="/cases" query={{ q: q || undefined, area }} label="these cases" />
      </Group>
      <section aria-label="Cases" aria-busy={query.isFetching}>
        {query.isPending ? (
          <ListSkeleton />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <EmptyState title={q || area ? 'No cases match' : 'No cases yet'}>
            {q || area ? 'Try other words or a whole strand.' : 'When an engagement is completed and both reflections are in, it becomes a case here.'}
          </EmptyState>
        ) : (
          <Stack gap="sm">
            {query.data.items.map((c) => (
              <Paper key={c.id} withBorder p="md" radius="md" component="article" aria-labelledby={`case-${c.id}`}>
                <Stack gap={4}>
                  <Group justify="space-between" wrap="nowrap">
                    <Anchor component={Link} to={`/cases/${c.id}`} fw={600} id={`case-${c.id}`}>{c.title}</Anchor>
                    <Badge color="green" variant="light">Impact {c.impact}/5</Badge>
                  </Group>
                  <Text size="sm" c="dimmed">{c.providerSchool?.name ?? 'An expert'} with {c.receiverSchool.name} · {formatDate(c.createdAt)}</Text>
                  <Text size="sm" lineClamp={2}>{c.outcome}</Text>
                  <Group gap={4}>{c.areas.map((a) => <Badge key={a.slug} variant="outline" color="gray">{a.name}</Badge>)}{c.visibility === 'schools' && <Badge color="grape" variant="light">Between the two schools</Badge>}</Group>
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
      </section>
    </Page>
  )
}
