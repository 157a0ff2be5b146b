import type { Area } from '@ee/shared/areas'

/**
 * Select options for the framework, grouped by strand: each strand first (it stands for all its
 * areas), then its areas. Pass only the areas to offer (live ones, say).
 */
export function areaOptions(areas: readonly Pick<Area, 'id' | 'slug' | 'name' | 'parentId'>[]) {
  return areas
    .filter((a) => a.parentId === null)
    .map((strand) => ({
      group: strand.name,
      items: [
        { value: strand.slug, label: `${strand.name} (whole strand)` },
        ...areas.filter((a) => a.parentId === strand.id).map((a) => ({ value: a.slug, label: a.name })),
      ],
    }))
}
