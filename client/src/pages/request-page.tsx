import { Alert, Badge, Grid, Group, List, Stack } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { Page } from '../components/page.tsx'
import { QueryState } from '../components/states.tsx'
import { ExpertPanel } from '../features/offers/components/offer-form.tsx'
import { InviteForm } from '../features/offers/components/invite-form.tsx'
import { NextSuggestionsPanel } from '../features/offers/components/next-suggestions-panel.tsx'
import { OffersPanel } from '../features/offers/components/offers-panel.tsx'
import { requestQueries } from '../features/requests/api.ts'
import { RequestStatusBadge } from '../features/requests/components/request-card.tsx'
import { Facts, OwnerActions, SimilarForRequest, Words } from '../features/requests/components/request-view.tsx'

/**
 * One request, with the offers on it: the head decides and invites (a link leads to matching's suggestions;
 * once an invitation lapses, the next suggestions are here to invite with one click), an expert offers.
 */
export function RequestPage() {
  const { id = '' } = useParams()
  const query = useQuery(requestQueries.detail(id))
  return (
    <QueryState query={query}>
      {(r) => (
        <Page
          title={r.title}
          description={<Group gap="xs" component="span"><RequestStatusBadge status={r.status} />{r.stale && <Badge color="orange" variant="light">No offers for 14 days</Badge>}{r.confidentiality === 'invited' && <Badge color="grape" variant="light">Invitation only</Badge>}</Group>}
          action={<OwnerActions request={r} />}
        >
          {r.viewer.isOwner && r.warnings.length > 0 && (
            <Alert color="orange" title="Please check for pupil details">
              <List size="sm">{r.warnings.map((w, i) => <List.Item key={i}>“{w.match}” — {w.message}</List.Item>)}</List>
            </Alert>
          )}
          {r.status === 'draft' && r.viewer.isOwner && <Alert color="gray">This is a draft: only you can see it. Publish it when it is ready.</Alert>}
          <Grid gap="xl">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Stack gap="lg">
                <Words request={r} />
                {r.viewer.isOwner && r.status === 'open' && <NextSuggestionsPanel request={r} />}
                {r.viewer.isOwner && r.status !== 'draft' && <OffersPanel request={r} />}
                {r.viewer.isOwner && r.status === 'open' && <InviteForm request={r} />}
                {!r.viewer.isOwner && (r.viewer.canOffer || r.viewer.myOffer) && <ExpertPanel request={r} />}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Stack gap="lg">
                <Facts request={r} />
                <SimilarForRequest id={r.id} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Page>
      )}
    </QueryState>
  )
}
