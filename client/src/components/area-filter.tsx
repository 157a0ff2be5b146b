import { Select } from '@mantine/core'
import type { Area } from '@ee/shared/areas'
import { areaOptions } from '../lib/area-options.ts'

/** The "Area or strand" filter of the search bars: the areas given (live ones, say), grouped by strand. */
export function AreaFilter({ areas, value, onChange }: {
  areas: readonly Pick<Area, 'id' | 'slug' | 'name' | 'parentId'>[]
  value: string | undefined
  onChange: (slug: string | undefined) => void
}) {
  return (
    <Select
      label="Area or strand"
      placeholder="All areas"
      data={areaOptions(areas)}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
      clearable
      searchable
      nothingFoundMessage="No area by that name"
      w={260}
    />
  )
}
