import type { Cluster } from '@ee/shared/clusters'
import { csvTable } from '../lib/csv.ts'

export const clustersCsv = csvTable<Cluster>('clusters', [
  ['Cluster', (c) => c.name],
  ['Schools', (c) => c.schoolCount],
])
