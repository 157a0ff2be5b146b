import { Anchor } from '@mantine/core'
import { apiHref } from '../lib/api.ts'

type Query = Parameters<typeof apiHref>[1]

/**
 * Downloads a whole list as a CSV file with the screen's filters: the server answers `format=csv` with
 * every page (a plain link, so the browser saves it with the session cookie).
 */
export function CsvDownload({ path, query, label }: { path: string; query?: Query; label: string }) {
  return (
    <Anchor href={apiHref(path, { ...query, format: 'csv' })} download size="sm" className="no-print">
      Download {label} (CSV)
    </Anchor>
  )
}
