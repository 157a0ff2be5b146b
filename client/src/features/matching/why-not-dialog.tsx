import { Badge, List, Modal, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { SIGNAL_LABELS } from '@ee/shared/matching'
import { PageLoader, ErrorState } from '../../components/states.tsx'
import { matchingQueries } from './api.ts'

/** "Why not this person?": the rule that keeps them out, or the signals that keep them low. */
export function WhyNotDialog({ requestId, person, onClose }: { requestId: string; person: { id: string; name: string } | null; onClose: () => void }) {
  const query = useQuery({ ...matchingQueries.whyNot(requestId, person?.id ?? ''), enabled: person !== null })
  return (
    <Modal opened={person !== null} onClose={onClose} title={`Why not ${person?.name ?? ''}?`} size="lg">
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack>
          <Text>{query.data.summary}</Text>
          {query.data.entries.map((e) => (
            <Stack key={e.expertiseId} gap={4}>
              <Text fw={600}>
                {e.title}{' '}
                <Badge color={e.status === 'excluded' ? 'red' : e.shown ? 'green' : 'gray'} variant="light">
                  {e.status === 'excluded' ? 'Cannot be suggested' : e.shown ? `Suggested, number ${e.rank}` : `Ranked ${e.rank} of ${e.of}`}
                </Badge>
              </Text>
              <List size="sm">
                {e.exclusions.map((x) => (
                  <List.Item key={x.rule}>{x.reason}</List.Item>
                ))}
                {e.weakSignals.map((w) => (
                  <List.Item key={w.signal}>
                    {SIGNAL_LABELS[w.signal as keyof typeof SIGNAL_LABELS] ?? w.signal}: {w.reason}
                  </List.Item>
                ))}
              </List>
            </Stack>
          ))}
        </Stack>
      )}
    </Modal>
  )
}
