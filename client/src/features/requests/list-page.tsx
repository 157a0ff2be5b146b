import { Button, Group, Select, Stack, Switch, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { REQUEST_STATUSES, REQUEST_STATUS_LABELS } from '@ee/shared/requests'
import { Page } from '../../components/page.tsx'
import { EmptyState, ErrorState, ListSkeleton } from '../../components/states.tsx'
import { useActor } from '../../lib/auth.tsx'
import { requestQueries } from './api.ts'
import { RequestCard } from './components/request-card.tsx'
import { useRequestFilter } from './filter.ts'
import { paths } from './status.ts'
import { AreaFilter } from '../../components/area-filter.tsx'
import { referenceQueries } from '../../lib/reference-data.ts'
import { CsvDownload } from '../../components/csv-download.tsx'

export function RequestsListPage() {
  const me = useActor()
  const [filter, update] = useRequestFilter()
  const query = useQuery(requestQueries.list(filter))
  const areas = useQuery(referenceQueries.areas())
  const isHead = me.role === 'headteacher'
  const raise = isHead ? <Button component={Link} to={paths.create()}>Raise a request</Button> : undefined

  return (
    <Page
      title="Requests"
      description={isHead ? 'Your school’s requests and those of other schools in the trust.' : 'Where schools in the trust are asking for expertise.'}
      action={raise}
    >
      <Group align="flex-end" gap="md" role="search" aria-label="Filter requests">
        <Select
          label="Status"
          placeholder="Any status"
          data={REQUEST_STATUSES.filter((s) => s !== 'draft' || isHead).map((s) => ({ value: s, label: REQUEST_STATUS_LABELS[s] }))}
          value={filter.status?.length === 1 ? filter.status[0]! : null}
          onChange={(v) => update({ status: v ?? undefined })}
          clearable
          w={200}
        />
        <AreaFilter areas={areas.data?.items.filter((a) => !a.retired) ?? []} value={filter.area} onChange={(area) => update({ area })} />
        {me.role !== 'central' && me.role !== 'admin' && (
          <Switch
            label={isHead ? 'Only my school’s and mine' : 'Only ones I am invited to or offered on'}
            checked={filter.mine ?? false}
            onChange={(e) => update({ mine: e.currentTarget.checked })}
          />
        )}
        <CsvDownload path="/requests" query={{ status: filter.status?.join(','), mine: filter.mine ? 'true' : undefined, area: filter.area }} label="these requests" />
      </Group>
      <section aria-label="Requests" aria-busy={query.isFetching}>
        {query.isPending ? (
          <ListSkeleton rows={4} />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          Object.keys(filter).length > 0 ? (
            <EmptyState title="No requests match these filters" action={<Button variant="light" onClick={() => update({ status: undefined, area: undefined, mine: false })}>Clear filters</Button>} />
          ) : (
            <EmptyState title={isHead ? 'No open requests yet — raise one' : 'No open requests yet'} action={raise}>
              {isHead ? 'Describe what your school sees, what you have tried and what success looks like; colleagues across the trust can then offer help.' : 'When a school asks for help, it will show here.'}
            </EmptyState>
          )
        ) : (
          <Stack gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">{query.data.items.length} {query.data.items.length === 1 ? 'request' : 'requests'}</Text>
            {query.data.items.map((r) => (
              <RequestCard key={r.id} request={r} />
            ))}
          </Stack>
        )}
      </section>
    </Page>
  )
}
