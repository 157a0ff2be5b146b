import { Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Page } from '../../components/page.tsx'
import { EmptyState, QueryState } from '../../components/states.tsx'
import { formatDays } from '../../lib/format.ts'
import { flowQueries } from './api.ts'
import { BalanceTable } from './components/balance-table.tsx'
import { CsvLink } from './components/csv-link.tsx'
import { FlowFilters } from './components/flow-filters.tsx'
import { FlowMatrix } from './components/flow-matrix.tsx'
import { FlowSankey } from './components/flow-sankey.tsx'
import { LeftBehindView } from './components/left-behind.tsx'
import { LinkEngagements } from './components/link-engagements.tsx'
import { Section } from './components/section.tsx'
import { SupplyDemandView } from './components/supply-demand.tsx'
import { TimeToCommissionView } from './components/time-to-commission.tsx'
import { useFlowFilter, useOpenLink } from './filter.ts'
import './flows.css'

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>{label}</Text>
      <Text fw={700} size="xl">{value}</Text>
    </Paper>
  )
}

/** The central team's view of the trust: who gives to whom, balance, supply and demand, who is left behind. */
export function FlowsPage() {
  const [filter] = useFlowFilter()
  const [link, openLink] = useOpenLink()
  const graph = useQuery(flowQueries.graph(filter))
  const balance = useQuery(flowQueries.balance(filter))
  const supply = useQuery(flowQueries.supplyDemand(filter))
  const left = useQuery(flowQueries.leftBehind(filter))
  const ttc = useQuery(flowQueries.timeToCommission(filter))
  const period = graph.data?.period.label

  return (
    <Page
      title="Flows between schools"
      description={period ? `${period}: how expertise moves between the trust’s schools, and who is being left behind.` : 'How expertise moves between the trust’s schools.'}
      action={
        <Button variant="default" onClick={() => window.print()} className="no-print">
          Print this report
        </Button>
      }
    >
      <FlowFilters />

      <Section id="flows-graph" title="Who gives to whom" actions={<CsvLink table="" filter={filter} label="flows" />}>
        <QueryState query={graph}>
          {(g) =>
            g.links.length === 0 ? (
              <EmptyState title={`No engagements in ${g.period.label}`}>
                Nothing was agreed between schools in this period{filter.area || filter.cluster ? ' with these filters' : ''}. Try a longer period, or look
                below at who is left behind.
              </EmptyState>
            ) : (
              <Stack gap="md">
                <SimpleGrid cols={{ base: 1, xs: 3 }}>
                  <Stat label="Days agreed" value={formatDays(g.totals.days)} />
                  <Stat label="Days delivered" value={formatDays(g.totals.deliveredDays)} />
                  <Stat label="Engagements" value={String(g.totals.engagements)} />
                </SimpleGrid>
                <FlowSankey graph={g} onOpen={openLink} />
                <FlowMatrix graph={g} onOpen={openLink} />
              </Stack>
            )
          }
        </QueryState>
      </Section>

      <Section id="flows-balance" title="Balance of each school" actions={<CsvLink table="/balance" filter={filter} label="balance" />}>
        <QueryState query={balance}>
          {(b) => (b.items.length === 0 ? <EmptyState title="No schools match these filters" /> : <BalanceTable balance={b} />)}
        </QueryState>
      </Section>

      <Section id="flows-supply" title="Supply against demand" actions={<CsvLink table="/supply-demand" filter={filter} label="supply and demand" />}>
        <QueryState query={supply}>
          {(s) =>
            s.items.length === 0 ? (
              <EmptyState title="No capacity or open requests in these areas">No expertise is offered and nothing is asked here in this period.</EmptyState>
            ) : (
              <SupplyDemandView data={s} />
            )
          }
        </QueryState>
      </Section>

      <Section id="flows-left-behind" title="Left behind" actions={<CsvLink table="/left-behind" filter={filter} label="left behind" />}>
        <QueryState query={left}>{(l) => <LeftBehindView data={l} />}</QueryState>
      </Section>

      <Section id="flows-time" title="Time to commission" actions={<CsvLink table="/time-to-commission" filter={filter} label="time to commission" />}>
        <QueryState query={ttc}>{(t) => <TimeToCommissionView data={t} />}</QueryState>
      </Section>

      <Group className="no-print">
        <Text size="xs" c="dimmed">
          An engagement counts in the term its work starts in; cancelled engagements and refused releases never count.
        </Text>
      </Group>
      <LinkEngagements link={link} filter={filter} onClose={() => openLink(null)} />
    </Page>
  )
}
