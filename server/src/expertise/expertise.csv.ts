import { MODE_LABELS, PHASE_LABELS } from '@ee/shared/common'
import type { Expertise, ExpertiseCard } from '@ee/shared/expertise'
import { csvTable } from '../lib/csv.ts'

export const directoryCsv = csvTable<ExpertiseCard>('expertise', [
  ['Expertise', (c) => c.expertise.title],
  ['Expert', (c) => c.person.name],
  ['School', (c) => c.school?.name],
  ['Cluster', (c) => c.school?.clusterName],
  ['Areas', (c) => c.areas.map((a) => a.name)],
  ['Subjects', (c) => c.expertise.subjects],
  ['Phases', (c) => c.expertise.phases.map((p) => PHASE_LABELS[p])],
  ['Kinds of help', (c) => c.expertise.modes.map((m) => MODE_LABELS[m])],
  ['Days per term', (c) => c.expertise.capacityDaysPerTerm],
  ['Days free this term', (c) => c.daysFree],
  ['Distance (km)', (c) => (c.distanceKm === null ? '' : Math.round(c.distanceKm * 10) / 10)],
  ['Summary', (c) => c.expertise.summary],
  ['Last active', (c) => c.person.lastActiveAt?.slice(0, 10)],
])

export const myExpertiseCsv = csvTable<Expertise>('my-expertise', [
  ['Expertise', (e) => e.title],
  ['Areas', (e) => e.areas.map((a) => a.name)],
  ['Subjects', (e) => e.subjects],
  ['Phases', (e) => e.phases.map((p) => PHASE_LABELS[p])],
  ['Kinds of help', (e) => e.modes.map((m) => MODE_LABELS[m])],
  ['Days per term', (e) => e.capacityDaysPerTerm],
  ['Days this term', (e) => e.daysThisTerm],
  ['Days committed this term', (e) => e.daysCommitted],
  ['Days free this term', (e) => e.daysFree],
  ['Active', (e) => (e.active && !e.archived ? 'Yes' : 'No')],
  ['Summary', (e) => e.summary],
  ['Evidence of impact', (e) => e.evidence],
])
