import { beforeAll, describe, expect, it } from 'vitest'
import type { TrustBundleInput } from '@ee/shared/bundle'
import { fixedClock } from '../lib/clock.ts'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, TEST_PASSWORD, seed, trustBundle } from '../../test/bundle.ts'

const t = useTestApp({ clock: fixedClock('2026-10-15T10:00:00Z') })
let s: Seeded
let other: Seeded

type Entry = NonNullable<TrustBundleInput['expertise']>[number]
const entry = (ref: string, person: string, extra: Partial<Entry> = {}): Entry => ({
  ref, person, title: `Entry ${ref}`, summary: 'Helping colleagues with something that matters to them.',
  evidence: 'Outcomes improved across the school over two years, as the moderated assessments show.', areas: ['staff-development'],
  subjects: ['english'], phases: ['primary'], modes: ['coaching'], capacityDaysPerTerm: 4, ...extra,
})
const FILLERS = Array.from({ length: 23 }, (_, i) => `f-${i}`)

function bundle(name: string): TrustBundleInput {
  const b = trustBundle(
    {
      expertise: [
        entry('d-phonics', 'teacherA1', {
          title: 'Early reading catch-up', summary: 'Getting struggling readers back on track quickly.',
          evidence: 'Year 1 phonics screening passes rose from 61% to 88% in two years at our school; the national check shows it.',
          areas: ['early-reading-phonics'],
        }),
        entry('d-phonic-title', 'teacherB1', { title: 'Phonic teaching across a school', areas: ['early-reading-phonics'], phases: ['primary', 'nursery'] }),
        entry('d-maths', 'teacherA2', { title: 'Mastery mathematics', areas: ['mathematics'], phases: ['secondary'], subjects: ['maths'], modes: ['feedback'], capacityDaysPerTerm: 0 }),
        entry('d-strand', 'headB', { title: 'Curriculum in general', areas: ['curriculum'], modes: ['fresh_eyes'] }),
        entry('d-behaviour', 'headA', { title: 'Calm corridors', areas: ['behaviour-systems'], subjects: [] }),
        entry('d-paused', 'pausedT', { title: 'Phonics from a paused teacher', areas: ['early-reading-phonics'] }),
        entry('d-archived', 'teacherA1', { title: 'Phonics archived entry', areas: ['early-reading-phonics'] }),
        entry('d-inactive', 'teacherA2', { title: 'Phonics inactive entry', areas: ['early-reading-phonics'], active: false }),
        entry('d-leaver', 'leaver', { title: 'Phonics from a leaver', areas: ['early-reading-phonics'] }),
        ...FILLERS.map((ref, i) =>
          entry(ref, ['teacherA1', 'teacherA2', 'teacherB1', 'headB'][i % 4]!, {
            title: `Reading for pleasure ${i}`, summary: `Reading routines number ${i} ${'and more reading '.repeat(i % 3)}`, areas: ['reading'],
          }),
        ),
      ],
    },
    name,
  )
  const u = b.people![0]!.email.split('.')[1]!.split('@')[0]
  b.people!.push(
    { ref: 'pausedT', email: `paused.${u}@example.org`, name: `Paused ${name}`, role: 'teacher', school: 'A', password: TEST_PASSWORD },
    { ref: 'leaver', email: `leaver.${u}@example.org`, name: `Leaver ${name}`, role: 'teacher', school: 'B', password: TEST_PASSWORD, active: false },
  )
  return b
}

type Opts = Parameters<ReturnType<typeof as>>[0]
const call = async (ref: string, opts: Opts, who: Seeded = s) => as(t.app, await who.token(ref))(opts)
type Card = { expertise: { id: string; title: string }; person: { id: string; name: string; lastActiveAt: string | null }; school: { id: string; name: string; clusterName: string | null } | null; distanceKm: number | null; areas: { slug: string; name: string }[]; evidenceExcerpt: string; daysFree: number }
const search = async (query: Record<string, string | number | boolean>, ref = 'headA', who: Seeded = s) => {
  const res = await call(ref, { method: 'GET', url: '/api/expertise', query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) }, who)
  expect(res.statusCode).toBe(200)
  return res.json<{ items: Card[]; nextCursor: string | null; term: { label: string } }>()
}
const ids = (cards: Card[]) => cards.map((c) => c.expertise.id)
const refsOf = (cards: Card[]) => cards.map((c) => Object.entries(s.ids).find(([, id]) => id === c.expertise.id)?.[0]).sort()

async function everyPage(query: Record<string, string | number | boolean>, limit: number) {
  const seen: string[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 100; pages++) {
    const page = await search({ ...query, limit, ...(cursor ? { cursor } : {}) })
    expect(page.items.length).toBeLessThanOrEqual(limit)
    seen.push(...ids(page.items))
    cursor = page.nextCursor
    if (!cursor) return seen
  }
  throw new Error('pagination never ended')
}

const LIVE = ['d-phonics', 'd-phonic-title', 'd-maths', 'd-strand', 'd-behaviour', ...FILLERS]

beforeAll(async () => {
  s = await seed(t.app, bundle('Test'))
  other = await seed(t.app, bundle('Other'))
  for (const who of [s, other]) {
    expect((await call('pausedT', { method: 'PATCH', url: '/api/me/availability', payload: { paused: true } }, who)).statusCode).toBe(200)
    expect((await call('teacherA1', { method: 'DELETE', url: `/api/expertise/${who.ids['d-archived']}` }, who)).statusCode).toBe(200)
  }
})

describe('GET /api/expertise (the directory)', () => {
  it('When someone searches "phonic", then the entry whose evidence says "phonics" is found, with the passage around it', async () => {
    const page = await search({ q: 'phonic' })
    expect(refsOf(page.items)).toEqual(['d-phonic-title', 'd-phonics'])
    const card = page.items.find((c) => c.expertise.id === s.ids['d-phonics'])!
    expect(card.evidenceExcerpt).toContain('phonics screening')
    expect(card).toMatchObject({
      person: { id: s.ids.teacherA1, name: 'teacherA1 Test' },
      school: { id: s.ids.A, name: 'Test Primary A', clusterName: 'North' },
      areas: [{ slug: 'early-reading-phonics', name: 'Early reading and phonics' }],
      daysFree: 4,
      distanceKm: 0,
    })
  })

  it('When the words are in a title, then that entry ranks above one that has them only in its evidence', async () => {
    expect(ids((await search({ q: 'phonic teaching' })).items)[0]).toBe(s.ids['d-phonic-title'])
  })

  it('When the query is only stop words, then it is ignored rather than matching nothing', async () => {
    expect((await search({ q: 'the and', limit: 50 })).items).toHaveLength(LIVE.length)
  })

  it('When paging through everything, newest first, then every live entry appears exactly once', async () => {
    const seen = await everyPage({}, 4)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort()).toEqual(LIVE.map((r) => s.ids[r]).sort())
  })

  it('When paging through a ranked search, then every match appears exactly once', async () => {
    const seen = await everyPage({ q: 'reading' }, 3)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort()).toEqual(['d-phonics', ...FILLERS].map((r) => s.ids[r]).sort())
  })

  it('When paused people, archived entries, paused entries and deactivated people hold matching entries, then they never appear', async () => {
    const all = [...(await everyPage({}, 50)), ...(await everyPage({ q: 'phonics' }, 50)), ...(await everyPage({ area: 'early-reading-phonics' }, 50))]
    for (const ref of ['d-paused', 'd-archived', 'd-inactive', 'd-leaver']) expect(all).not.toContain(s.ids[ref])
  })

  it("When searching, then another trust's entries never appear, and theirs never ours", async () => {
    const mine = await everyPage({ q: 'phonics reading' }, 50)
    const theirs = new Set(Object.values(other.ids))
    expect(mine.some((id) => theirs.has(id))).toBe(false)
    const fromOther = await search({ q: 'phonic', limit: 50 }, 'headA', other)
    expect(ids(fromOther.items).sort()).toEqual([other.ids['d-phonics'], other.ids['d-phonic-title']].sort())
  })

  it('When filtering by a strand, then entries tagged with the strand or any of its areas appear; an area gives only its own', async () => {
    const strand = await search({ area: 'curriculum', limit: 50 })
    expect(refsOf(strand.items)).toEqual(['d-maths', 'd-phonic-title', 'd-phonics', 'd-strand', ...FILLERS].sort())
    expect(refsOf((await search({ area: 'mathematics' })).items)).toEqual(['d-maths'])
    expect(refsOf((await search({ area: 'behaviour' })).items)).toEqual(['d-behaviour'])
    expect((await search({ area: 'no-such-area' })).items).toEqual([])
  })

  it('When filtering by phase, subject, mode, school, cluster and free days, then only matching entries appear', async () => {
    expect(refsOf((await search({ phase: 'secondary' })).items)).toEqual(['d-maths'])
    expect(refsOf((await search({ phase: 'nursery' })).items)).toEqual(['d-phonic-title'])
    expect(refsOf((await search({ subject: 'maths' })).items)).toEqual(['d-maths'])
    expect(refsOf((await search({ mode: 'fresh_eyes' })).items)).toEqual(['d-strand'])
    const clusters = (await call('headA', { method: 'GET', url: '/api/clusters' })).json().items as { id: string; name: string }[]
    const south = clusters.find((c) => c.name === 'South')!.id
    const bySchool = refsOf((await search({ school: s.ids.B!, limit: 50 })).items)
    expect(bySchool).toEqual(refsOf((await search({ cluster: south, limit: 50 })).items))
    expect(bySchool).toContain('d-phonic-title')
    expect(bySchool).not.toContain('d-phonics')
    expect(refsOf((await search({ hasFreeDays: false, limit: 50 })).items)).toEqual(['d-maths'])
    expect(refsOf((await search({ hasFreeDays: true, limit: 50 })).items)).not.toContain('d-maths')
    expect(refsOf((await search({ q: 'phonic', school: s.ids.B!, phase: 'primary', hasFreeDays: true })).items)).toEqual(['d-phonic-title'])
    expect((await search({ school: other.ids.A! })).items).toEqual([])
  })

  it.each([
    ['headA', 0],
    ['teacherA1', 0],
    ['teacherB1', 11.6],
    ['central', null],
    ['admin', null],
  ] as const)('When %s browses, then each card carries the distance from their school (%s km)', async (ref, km) => {
    const page = await search({ q: 'early reading catch-up' }, ref)
    expect(page.items[0]!.expertise.id).toBe(s.ids['d-phonics'])
    expect(page.items[0]!.distanceKm).toBe(km)
    expect(page.term.label).toBe('Autumn 2026')
  })

  it('When the cursor is not one we made, or the limit is too large, then 400 names the field', async () => {
    const bad = await call('headA', { method: 'GET', url: '/api/expertise', query: { cursor: 'bm9wZQ' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors).toEqual([{ path: 'cursor', message: 'This page link no longer works; please start the search again' }])
    const big = await call('headA', { method: 'GET', url: '/api/expertise', query: { limit: '51' } })
    expect(big.statusCode).toBe(400)
    expect(big.json().errors).toEqual([{ path: 'limit', message: 'Ask for at most 50 at a time' }])
    expect((await call('headA', { method: 'GET', url: '/api/expertise', query: { phase: 'college' } })).statusCode).toBe(400)
  })

  it('When nobody is signed in, then 401', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/expertise' })).statusCode).toBe(401)
  })
})
