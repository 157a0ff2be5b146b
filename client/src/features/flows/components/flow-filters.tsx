import { Group, Select, TextInput } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { FLOW_PERIOD_LABELS, FLOW_PERIODS, type FlowPeriodKind } from '@ee/shared/flows'
import { useFlowFilter } from '../filter.ts'
import { AreaFilter } from '../../../components/area-filter.tsx'
import { referenceQueries } from '../../../lib/reference-data.ts'

/** Period, area or strand, and cluster; each change goes into the URL. */
export function FlowFilters({ cluster = true }: { cluster?: boolean }) {
  const [filter, update, params] = useFlowFilter()
  const areas = useQuery(referenceQueries.areas())
  const clusters = useQuery({ ...referenceQueries.clusters(), enabled: cluster })
  const period = (params.get('period') as FlowPeriodKind | null) ?? (params.get('from') || params.get('to') ? 'custom' : 'this-term')
  const [from, setFrom] = useState(params.get('from') ?? '')
  const [to, setTo] = useState(params.get('to') ?? '')


  const setDates = (nextFrom: string, nextTo: string) => {
    setFrom(nextFrom)
    setTo(nextTo)
    if (nextFrom && nextTo && nextTo >= nextFrom) update({ period: 'custom', from: nextFrom, to: nextTo })
  }

  return (
    <Group align="flex-end" gap="md" className="no-print" role="search" aria-label="Filter the flows">
      <Select
        label="Period"
        data={FLOW_PERIODS.map((p) => ({ value: p, label: FLOW_PERIOD_LABELS[p] }))}
        value={period}
        allowDeselect={false}
        onChange={(v) => {
          if (!v) return
          if (v === 'custom') update({ period: 'custom', from: from || undefined, to: to || undefined })
          else update({ period: v === 'this-term' ? undefined : v })
        }}
        w={200}
      />
      {period === 'custom' && (
        <>
          <TextInput type="date" label="From" value={from} onChange={(e) => setDates(e.currentTarget.value, to)} w={170} />
          <TextInput
            type="date"
            label="To"
            value={to}
            onChange={(e) => setDates(from, e.currentTarget.value)}
            error={from && to && to < from ? 'The period must end on or after its first day' : undefined}
            w={170}
          />
        </>
      )}
      <AreaFilter areas={areas.data?.items.filter((a) => !a.retired) ?? []} value={filter.area} onChange={(area) => update({ area })} />
      {cluster && (
        <Select
          label="Cluster"
          placeholder="All clusters"
          data={clusters.data?.items.map((c) => ({ value: c.name, label: c.name })) ?? []}
          value={filter.cluster ?? null}
          onChange={(v) => update({ cluster: v ?? undefined })}
          clearable
          w={200}
        />
      )}
    </Group>
  )
}
