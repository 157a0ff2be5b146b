import Papa from 'papaparse'
import { beforeAll, describe, expect, it } from 'vitest'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, seed, trustBundle } from '../../test/bundle.ts'
import { requestBody } from '../../test/commissioning.ts'
import { londonDayAndHour } from '../notifications/digest.ts'

/** Issue 14 item 5: the administrator reads the trust's audit trail, filters it, and downloads it. */
const t = useTestApp()
let s: Seeded
let other: Seeded
type Api = ReturnType<typeof as>
let admin: Api, headA: Api, headB: Api, teacherA1: Api, otherHead: Api, otherAdmin: Api
let draft = ''

type Event = { id: number; at: string; actor: { id: string; name: string | null } | null; action: string; objectType: string; objectId: string | null; link: string | null; outcome: string; detail: Record<string, unknown> | null }

/** Refusals are written just after the answer goes: wait until the trail holds what the test expects. */
async function trail(who: Api, query: string, until: (items: Event[]) => boolean = () => true): Promise<Event[]> {
  for (let i = 0; ; i++) {
    const res = await who({ method: 'GET', url: `/api/admin/audit?${query}` })
    expect(res.statusCode, res.body).toBe(200)
    const items = res.json<{ items: Event[] }>().items
    if (until(items) || i === 50) return items
    await new Promise((r) => setTimeout(r, 20))
  }
}

beforeAll(async () => {
  s = await seed(t.app, trustBundle({}, 'Audited'))
  other = await seed(t.app, trustBundle({}, 'Prober'))
  const tok = async (x: Seeded, ref: string) => as(t.app, await x.token(ref))
  ;[admin, headA, headB, teacherA1, otherHead, otherAdmin] = await Promise.all([
    tok(s, 'admin'), tok(s, 'headA'), tok(s, 'headB'), tok(s, 'teacherA1'), tok(other, 'headA'), tok(other, 'admin'),
  ])
  draft = (await headA({ method: 'POST', url: '/api/requests', payload: requestBody({ title: 'Audited draft' }) })).json<{ id: string }>().id
  await headA({ method: 'PATCH', url: `/api/requests/${draft}`, payload: { version: 1, title: 'Audited draft, renamed' } })
  await headB({ method: 'POST', url: `/api/requests/${draft}/publish` })
})

describe('The audit page', () => {
  it('When the administrator opens the trail, then the trust\'s events come newest first with who, what, which object and a link to it; no other trust\'s events are there', async () => {
    const items = await trail(admin, 'limit=100', (xs) => xs.some((e) => e.outcome === 'denied'))
    const updated = items.find((e) => e.action === 'request.updated')
    expect(updated).toMatchObject({
      actor: { id: s.ids.headA, name: 'headA Audited' }, objectType: 'request', objectId: draft, link: `/requests/${draft}`, outcome: 'success', detail: { fields: ['title'] },
    })
    const created = items.find((e) => e.action === 'request.created')!
    expect(items.indexOf(updated!)).toBeLessThan(items.indexOf(created))
    const ids = items.map((e) => e.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    // The other trust's own actions (its import, its admin's sign-in) are not in this trust's trail.
    const theirs = await trail(otherAdmin, 'limit=100')
    expect(theirs.length).toBeGreaterThan(0)
    expect(theirs.filter((e) => ids.includes(e.id))).toEqual([])
  })

  it('When the administrator filters by person, action (or its start), object, outcome and dates, then only the matching events come back', async () => {
    const byHeadB = await trail(admin, `person=${s.ids.headB}`, (xs) => xs.length > 0)
    expect(byHeadB.length).toBeGreaterThan(0)
    expect(byHeadB.every((e) => e.actor?.id === s.ids.headB)).toBe(true)
    expect(byHeadB.find((e) => e.outcome === 'denied')).toMatchObject({ action: 'request.publish', objectType: 'request', objectId: draft, link: `/requests/${draft}` })

    const requestActions = await trail(admin, 'action=request')
    expect(new Set(requestActions.map((e) => e.action))).toEqual(new Set(['request.created', 'request.updated', 'request.publish']))
    expect((await trail(admin, 'action=request.updated')).map((e) => e.action)).toEqual(['request.updated'])
    expect((await trail(admin, `objectType=request&objectId=${draft}&outcome=denied`)).map((e) => [e.action, e.actor?.id])).toEqual([['request.publish', s.ids.headB]])

    const today = londonDayAndHour(new Date()).day
    expect((await trail(admin, `objectId=${draft}&from=${today}&to=${today}`)).length).toBe(3)
    expect(await trail(admin, `objectId=${draft}&from=2020-01-01&to=2020-12-31`)).toEqual([])
    const backwards = await admin({ method: 'GET', url: '/api/admin/audit?from=2027-02-01&to=2027-01-01' })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.json().errors).toEqual([{ path: 'to', message: 'The last day must be on or after the first' }])
  })

  it('When someone of another trust tries to open one of this trust\'s requests, then they get the same 404 and this trust\'s trail records the attempt as from another trust, naming nobody', async () => {
    const res = await otherHead({ method: 'GET', url: `/api/requests/${draft}` })
    expect(res.statusCode).toBe(404)
    expect(res.json().detail).not.toMatch(/another trust/i)
    const attempts = await trail(admin, `objectId=${draft}&outcome=denied`, (xs) => xs.some((e) => e.detail?.fromAnotherTrust))
    expect(attempts.find((e) => e.detail?.fromAnotherTrust)).toMatchObject({
      actor: null, action: 'request.see', objectType: 'request', objectId: draft, link: `/requests/${draft}`,
      detail: { status: 404, route: 'GET /api/requests/:id', fromAnotherTrust: true },
    })
    // Their own trust's record of the refusal holds no id of this trust's, and says nothing about where it lives.
    const own = await trail(otherAdmin, `person=${other.ids.headA}&outcome=denied`, (xs) => xs.length > 0)
    expect(own).toEqual([expect.objectContaining({ action: 'request.see', objectType: 'request', objectId: null, link: null, detail: { status: 404, route: 'GET /api/requests/:id' } })])
  })

  it('When the administrator downloads the CSV, then it holds every matching row in a file Excel opens, and a name that looks like a formula is escaped', async () => {
    const renamed = await admin({ method: 'PATCH', url: `/api/people/${s.ids.teacherA1}`, payload: { name: '=HYPERLINK("https://evil.example","Click")' } })
    expect(renamed.statusCode).toBe(200)
    expect((await teacherA1({ method: 'POST', url: `/api/requests/${draft}/publish` })).statusCode).toBe(403)
    await trail(admin, `person=${s.ids.teacherA1}`, (xs) => xs.length > 0)

    const res = await admin({ method: 'GET', url: `/api/admin/audit?format=csv&person=${s.ids.teacherA1}&outcome=denied` })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/)
    expect(res.body.startsWith('\uFEFF')).toBe(true)
    const rows = Papa.parse<string[]>(res.body.slice(1).trim()).data
    expect(rows[0]).toEqual(['When (UK time)', 'Who', 'Person id', 'Action', 'Object', 'Object id', 'Outcome', 'Link', 'Detail', 'Request id'])
    expect(rows.slice(1)).toHaveLength(1)
    expect(rows[1]!.slice(1, 8)).toEqual([`'=HYPERLINK("https://evil.example","Click")`, s.ids.teacherA1, 'request.publish', 'request', draft, 'denied', `https://exchange.test.example/requests/${draft}`])

    // Successes only: refusals are written just after their answer, so a late one could land between the two reads.
    const all = await admin({ method: 'GET', url: '/api/admin/audit?format=csv&outcome=success' })
    const json = await trail(admin, 'limit=100&outcome=success')
    expect(Papa.parse<string[]>(all.body.slice(1).trim()).data.length - 1).toBe(json.length)
  })
})
