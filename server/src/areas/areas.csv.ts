import type { Area } from '@ee/shared/areas'
import { csvTable } from '../lib/csv.ts'

/** Strands are read by id from the same list, so the file names the parent. */
export function areasCsv(all: readonly Area[]) {
  const nameOf = new Map(all.map((a) => [a.id, a.name]))
  return csvTable<Area>('areas', [
    ['Area', (a) => a.name],
    ['Slug', (a) => a.slug],
    ['Strand', (a) => (a.parentId ? nameOf.get(a.parentId) : '')],
    ['Description', (a) => a.description],
    ['Position', (a) => a.position],
    ['Retired', (a) => (a.retired ? 'Yes' : 'No')],
    ['Records tagged', (a) => a.inUse],
  ])
}
