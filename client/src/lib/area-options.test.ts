import { describe, expect, it } from 'vitest'
import { areaOptions } from './area-options.ts'

describe('areaOptions', () => {
  it('groups each strand with its areas, the strand itself first', () => {
    const areas = [
      { id: 's1', slug: 'teaching', name: 'Teaching', parentId: null },
      { id: 'a1', slug: 'reading', name: 'Reading', parentId: 's1' },
      { id: 's2', slug: 'culture', name: 'Culture', parentId: null },
      { id: 'a2', slug: 'attendance', name: 'Attendance', parentId: 's2' },
      { id: 'a3', slug: 'maths', name: 'Mathematics', parentId: 's1' },
    ]
    expect(areaOptions(areas)).toEqual([
      { group: 'Teaching', items: [{ value: 'teaching', label: 'Teaching (whole strand)' }, { value: 'reading', label: 'Reading' }, { value: 'maths', label: 'Mathematics' }] },
      { group: 'Culture', items: [{ value: 'culture', label: 'Culture (whole strand)' }, { value: 'attendance', label: 'Attendance' }] },
    ])
  })
})
