import { Group, Paper, ScrollArea, SimpleGrid, Table, Text, UnstyledButton } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { FlowGraph } from '@ee/shared/flows'
import { Page } from '../../components/page.tsx'
import { EmptyState, QueryState } from '../../components/states.tsx'
import { formatDays } from '../../lib/format.ts'
import { flowQueries } from './api.ts'
import { CsvLink } from './components/csv-link.tsx'
import { FlowFilters } from './components/flow-filters.tsx'
import { LinkEngagements } from './components/link-engagements.tsx'
import { OpenRequestsTable } from './components/open-requests-table.tsx'
import { Section } from './components/section.tsx'
import { useFlowFilter, useOpenLink } from './filter.ts'
import './flows.css'

type Partner = { schoolId: string; name: string; given: number; received: number; engagements: number }

/** The other schools this school worked with, from its own links. */
export function partnersOf(graph: FlowGraph, schoolId: string): Partner[] {
  const name = new Map(graph.nodes.map((n) => [n.schoolId, n.name]))
  const partners = new Map<string, Partner>()
  for (const l of graph.links) {
    const other = l.from === schoolId ? l.to : l.from
    const p = partners.get(other) ?? { schoolId: other, name: name.get(other) ?? 'A school', given: 0, received: 0, engagements: 0 }
    if (l.from === schoolId) p.given += l.days
    else p.received += l.days
    p.engagements += l.engagements
    partners.set(other, p)
  }
  return [...partners.values()].sort((a, b) => b.given + b.received - (a.given + a.received) || a.name.localeCompare(b.name))
}

function PartnerTable({ graph, schoolId, onOpen }: { graph: FlowGraph; schoolId: string; onOpen: (link: { from: string; to: string }) => void }) {
  const partners = partnersOf(graph, schoolId)
  const cell = (days: number, from: string, to: string, label: string) =>
    days > 0 ? (
      <UnstyledButton onClick={() => onOpen({ from, to })} aria-label={`${label}: ${formatDays(days)}. Show the engagements`} td="underline">
        {days}
      </UnstyledButton>
    ) : (
      '0'
    )
  return (
    <ScrollArea type="auto">
      <Table captionSide="top" striped withTableBorder fz="sm" miw={520}>
        <Table.Caption>Partner schools, {graph.period.label}: days your school gave to each and received from each.</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">School</Table.Th>
            <Table.Th scope="col" ta="right">Days you gave</Table.Th>
            <Table.Th scope="col" ta="right">Days you received</Table.Th>
            <Table.Th scope="col" ta="right">Engagements</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {partners.map((p) => (
            <Table.Tr key={p.schoolId}>
              <Table.Th scope="row" fw={500}>{p.name}</Table.Th>
              <Table.Td ta="right">{cell(p.given, schoolId, p.schoolId, `Given to ${p.name}`)}</Table.Td>
              <Table.Td ta="right">{cell(p.received, p.schoolId, schoolId, `Received from ${p.name}`)}</Table.Td>
              <Table.Td ta="right">{p.engagements}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  )
}

/** A head's own view: what the school gave and received, who it worked with, and what still waits. */
export function MySchoolFlowsPage() {
  const [filter] = useFlowFilter()
  const [link, openLink] = useOpenLink()
  const graph = useQuery(flowQueries.graph(filter))
  const balance = useQuery(flowQueries.balance(filter))
  const open = useQuery(flowQueries.openRequests(filter))
  const ttc = useQuery(flowQueries.timeToCommission(filter))
  const row = balance.data?.items[0]
  const school = graph.data?.scope.schoolName ?? row?.name

  return (
    <Page
      title="Your school’s flows"
      description={school && graph.data ? `${school}, ${graph.data.period.label}: what you gave, what you received, and what still waits.` : undefined}
    >
      <FlowFilters cluster={false} />

      <Section id="my-balance" title="Given and received" actions={<CsvLink table="/balance" filter={filter} label="balance" />}>
        <QueryState query={balance}>
          {(b) =>
            !b.items[0] ? (
              <EmptyState title="No figures yet" />
            ) : (
              <SimpleGrid cols={{ base: 2, sm: 5 }}>
                {(
                  [
                    ['Days given', formatDays(b.items[0].daysGiven)],
                    ['Days received', formatDays(b.items[0].daysReceived)],
                    ['Requests raised', String(b.items[0].requestsRaised)],
                    ['Commissioned', String(b.items[0].commissioned)],
                    ['Still unmet', String(b.items[0].unmet)],
                  ] as const
                ).map(([label, value]) => (
                  <Paper key={label} withBorder p="sm" radius="md">
                    <Text size="xs" c="dimmed" tt="uppercase" fw={700}>{label}</Text>
                    <Text fw={700} size="xl">{value}</Text>
                  </Paper>
                ))}
              </SimpleGrid>
            )
          }
        </QueryState>
        {ttc.data && ttc.data.overall.medianDays !== null && (
          <Text size="sm" c="dimmed">
            Your requests published in {ttc.data.period.label} took a median of {formatDays(ttc.data.overall.medianDays)} to commission.
          </Text>
        )}
      </Section>

      <Section id="my-partners" title="Partner schools" actions={<CsvLink table="" filter={filter} label="flows" />}>
        <QueryState query={graph}>
          {(g) =>
            g.links.length === 0 || !g.scope.schoolId ? (
              <EmptyState title={`No engagements in ${g.period.label}`}>
                Your school neither gave nor received expertise in this period. Raising a request, or offering your staff’s expertise, starts a channel.
              </EmptyState>
            ) : (
              <PartnerTable graph={g} schoolId={g.scope.schoolId} onOpen={openLink} />
            )
          }
        </QueryState>
      </Section>

      <Section id="my-open" title="Open requests by age" actions={<CsvLink table="/open-requests" filter={filter} label="open requests" />}>
        <QueryState query={open}>
          {(o) =>
            o.items.length === 0 ? (
              <EmptyState title="No open requests">Nothing of yours is waiting for experts.</EmptyState>
            ) : (
              <OpenRequestsTable data={o} showSchool={false} />
            )
          }
        </QueryState>
      </Section>

      <Group className="no-print">
        <Text size="xs" c="dimmed">An engagement counts in the term its work starts in; cancelled engagements and refused releases never count.</Text>
      </Group>
      <LinkEngagements link={link} filter={filter} onClose={() => openLink(null)} />
    </Page>
  )
}
