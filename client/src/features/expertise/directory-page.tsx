import { Button, Center, Stack, Text } from '@mantine/core'
import { useInfiniteQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { Page } from '../../components/page.tsx'
import { EmptyState, ErrorState, ListSkeleton } from '../../components/states.tsx'
import { useActor } from '../../lib/auth.tsx'
import { expertiseQueries } from './api.ts'
import { DirectoryFilters } from './components/directory-filters.tsx'
import { ExpertiseCard } from './components/expertise-card.tsx'
import { useDirectoryFilter } from './filter.ts'
import { CsvDownload } from '../../components/csv-download.tsx'

export function DirectoryPage() {
  const me = useActor()
  const [filter, update] = useDirectoryFilter()
  const query = useInfiniteQuery(expertiseQueries.directory(filter))
  const cards = query.data?.pages.flatMap((p) => p.items) ?? []
  const filtered = Object.keys(filter).length > 0
  const canRegister = me.role === 'headteacher' || me.role === 'teacher'
  const nextPageError = query.isFetchNextPageError ? query.error : null
  const fetchNextPage = () => void query.fetchNextPage()

  return (
    <Page
      title="Expertise directory"
      description="Colleagues across the trust who can help, with the evidence of what they have done. Best matches first when you search."
      action={canRegister ? <Button component={Link} to="/profile" variant="light">Share your expertise</Button> : undefined}
    >
      <DirectoryFilters />
      <CsvDownload path="/expertise" query={filter} label="this list" />
      <section aria-label="Results" aria-busy={query.isFetching}>
        {query.isPending ? (
          <ListSkeleton rows={4} />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : cards.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No expertise matches these filters"
              action={<Button variant="light" onClick={() => update({ q: undefined, area: undefined, phase: undefined, subject: undefined, mode: undefined, school: undefined, cluster: undefined, hasFreeDays: undefined })}>Clear all filters</Button>}
            >
              Try fewer words, a whole strand rather than one area, or turn off “Has free days this term”.
            </EmptyState>
          ) : (
            <EmptyState title="No expertise shared yet" action={canRegister ? <Button component={Link} to="/profile">Share your expertise</Button> : undefined}>
              When colleagues register what they can help with, it will show here.
            </EmptyState>
          )
        ) : (
          <Stack gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {query.data.pages[0]?.term.label}: showing {cards.length} {cards.length === 1 ? 'entry' : 'entries'}
              {query.hasNextPage ? ' so far' : ''}.
            </Text>
            {cards.map((card) => (
              <ExpertiseCard key={card.expertise.id} card={card} />
            ))}
            {nextPageError && <ErrorState error={nextPageError} onRetry={fetchNextPage} />}
            {query.hasNextPage && (
              <Center>
                <Button variant="default" onClick={fetchNextPage} loading={query.isFetchingNextPage}>
                  Show more
                </Button>
              </Center>
            )}
          </Stack>
        )}
      </section>
    </Page>
  )
}
