import { PHASE_LABELS } from '@ee/shared/common'
import type { School } from '@ee/shared/schools'
import { csvTable } from '../lib/csv.ts'

export const schoolsCsv = csvTable<School>('schools', [
  ['URN', (s) => s.urn],
  ['School', (s) => s.name],
  ['Phase', (s) => PHASE_LABELS[s.phase]],
  ['Type', (s) => s.type],
  ['Postcode', (s) => s.postcode],
  ['Cluster', (s) => s.clusterName],
  ['Release days per term', (s) => s.releaseDaysPerTerm],
  ['Status', (s) => (s.status === 'closed' ? 'Closed' : 'Open')],
  ['Closed on', (s) => s.closedOn],
  ['Latitude', (s) => s.lat],
  ['Longitude', (s) => s.lng],
])
