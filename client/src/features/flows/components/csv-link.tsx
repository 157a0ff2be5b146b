import { Anchor } from '@mantine/core'
import type { FlowsFilter } from '@ee/shared/flows'
import { type FlowTable, csvHref } from '../api.ts'

/** Downloads the table as CSV with the same filters as the page. */
export function CsvLink({ table, filter, label }: { table: FlowTable; filter: FlowsFilter; label: string }) {
  return (
    <Anchor href={csvHref(table, filter)} download size="sm" className="no-print">
      Download {label} (CSV)
    </Anchor>
  )
}
