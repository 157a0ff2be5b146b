import { Group, Select, Switch, TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { MODES, MODE_LABELS, PHASES, PHASE_LABELS } from '@ee/shared/common'
import { useDirectoryFilter } from '../filter.ts'
import { AreaFilter } from '../../../components/area-filter.tsx'
import { referenceQueries } from '../../../lib/reference-data.ts'

/** Every filter lives in the URL; the search box waits for a pause in typing before it searches. */
export function DirectoryFilters() {
  const [filter, update] = useDirectoryFilter()
  const areas = useQuery(referenceQueries.areas())
  const schools = useQuery(referenceQueries.schools())
  const clusters = useQuery(referenceQueries.clusters())
  const [q, setQ] = useState(filter.q ?? '')
  const [subject, setSubject] = useState(filter.subject ?? '')
  const pushQ = useDebouncedCallback((value: string) => update({ q: value.trim() || undefined }), 350)
  const pushSubject = useDebouncedCallback((value: string) => update({ subject: value.trim().toLowerCase() || undefined }), 350)


  return (
    <Group align="flex-end" gap="md" role="search" aria-label="Filter the directory">
      <TextInput
        label="Search expertise"
        placeholder="e.g. phonics, attendance, KS3 reading"
        type="search"
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value)
          pushQ(e.currentTarget.value)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            pushQ.cancel()
            update({ q: q.trim() || undefined })
          }
        }}
        w={300}
      />
      <AreaFilter areas={areas.data?.items.filter((a) => !a.retired) ?? []} value={filter.area} onChange={(area) => update({ area })} />
      <Select
        label="Phase"
        placeholder="Any phase"
        data={PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))}
        value={filter.phase ?? null}
        onChange={(v) => update({ phase: v ?? undefined })}
        clearable
        w={180}
      />
      <TextInput
        label="Subject"
        placeholder="e.g. maths"
        value={subject}
        onChange={(e) => {
          setSubject(e.currentTarget.value)
          pushSubject(e.currentTarget.value)
        }}
        w={150}
      />
      <Select
        label="Kind of help"
        placeholder="Any kind"
        data={MODES.map((m) => ({ value: m, label: MODE_LABELS[m] }))}
        value={filter.mode ?? null}
        onChange={(v) => update({ mode: v ?? undefined })}
        clearable
        w={210}
      />
      <Select
        label="School"
        placeholder="Any school"
        data={schools.data?.items.map((s) => ({ value: s.id, label: s.name })) ?? []}
        value={filter.school ?? null}
        onChange={(v) => update({ school: v ?? undefined })}
        clearable
        searchable
        nothingFoundMessage="No school by that name"
        w={240}
      />
      <Select
        label="Cluster"
        placeholder="Any cluster"
        data={clusters.data?.items.map((c) => ({ value: c.id, label: c.name })) ?? []}
        value={filter.cluster ?? null}
        onChange={(v) => update({ cluster: v ?? undefined })}
        clearable
        w={180}
      />
      <Switch
        label="Has free days this term"
        checked={filter.hasFreeDays === 'true'}
        onChange={(e) => update({ hasFreeDays: e.currentTarget.checked ? 'true' : undefined })}
        mb={8}
      />
    </Group>
  )
}
