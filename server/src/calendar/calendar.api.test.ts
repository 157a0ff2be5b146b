import { beforeAll, describe, expect, it } from 'vitest'
import type { PutCalendarYearBody } from '@ee/shared/calendar'
import { useTestApp } from '../../test/app.ts'
import { fixedClock } from '../lib/clock.ts'
import { type Api, type CommissioningSeed, openRequest, seedCommissioning } from '../../test/commissioning.ts'

/** Friday 18 Dec 2026, 10:00: the last day of the autumn term in England's default calendar. */
const t = useTestApp({ clock: fixedClock('2026-12-18T10:00:00Z') })
let s: CommissioningSeed
let other: CommissioningSeed
let headA: Api, teacherB1: Api, central: Api, admin: Api, otherAdmin: Api
beforeAll(async () => {
  s = await seedCommissioning(t.app, { extraExperts: 1 })
  other = await seedCommissioning(t.app, {}, 'Other')
  ;({ headA, teacherB1, central, admin } = await s.apis('headA', 'teacherB1', 'central', 'admin'))
  otherAdmin = await other.api('admin')
})

const DEFAULT_2026 = [
  { name: 'autumn', label: 'Autumn 2026', start: '2026-09-02', end: '2026-12-18', halfTerm: { start: '2026-10-26', end: '2026-10-30' }, schoolDays: 73 },
  { name: 'spring', label: 'Spring 2027', start: '2027-01-04', end: '2027-03-25', halfTerm: { start: '2027-02-15', end: '2027-02-19' }, schoolDays: 54 },
  { name: 'summer', label: 'Summer 2027', start: '2027-04-12', end: '2027-07-22', halfTerm: { start: '2027-05-31', end: '2027-06-04' }, schoolDays: 68 },
]

/** The default year with spring starting after two INSET days (Monday 4 and Tuesday 5 January). */
function withInsetDays(): PutCalendarYearBody {
  return {
    terms: DEFAULT_2026.map(({ name, start, end, halfTerm }) => ({ name: name as 'autumn', start, end, halfTerm })),
    closures: [
      { date: '2027-01-04', label: 'INSET day' },
      { date: '2027-01-05', label: 'INSET day' },
      { date: '2027-05-03', label: 'Early May bank holiday' },
    ],
  }
}

const put = (who: Api, body: unknown, year = 2026) => who({ method: 'PUT', url: `/api/calendar/${year}`, payload: body as object })

describe('the trust calendar', () => {
  it("When anyone in the trust reads the calendar, then with nothing stored it is England's usual dates for this year and the next", async () => {
    for (const who of [teacherB1, headA, central, admin]) {
      const res = await who({ method: 'GET', url: '/api/calendar' })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({
        year: 2026, label: '2026/27', isDefault: true, currentYear: 2026, terms: DEFAULT_2026,
        closures: [{ date: '2027-05-03', label: 'Early May bank holiday' }],
      })
    }
    const next = (await teacherB1({ method: 'GET', url: '/api/calendar?year=2027' })).json()
    expect(next).toMatchObject({ year: 2027, label: '2027/28', isDefault: true })
    expect(next.terms.map((x: { label: string; start: string; end: string }) => [x.label, x.start, x.end])).toEqual([
      ['Autumn 2027', '2027-09-01', '2027-12-17'], ['Spring 2028', '2028-01-04', '2028-04-07'], ['Summer 2028', '2028-04-24', '2028-07-21'],
    ])
    expect((await teacherB1({ method: 'GET', url: '/api/calendar?year=twenty' })).json().errors).toEqual([
      { path: 'year', message: 'Give the academic year by its first calendar year, e.g. 2026' },
    ])
  })

  it('When someone other than the admin changes the calendar, then 403 and nothing changes', async () => {
    for (const who of [headA, teacherB1, central]) {
      expect((await put(who, withInsetDays())).statusCode).toBe(403)
      expect((await who({ method: 'DELETE', url: '/api/calendar/2026' })).statusCode).toBe(403)
    }
    expect((await put(central, withInsetDays())).json().detail).toBe("Only the trust administrator edits the trust's calendar.")
    expect((await headA({ method: 'GET', url: '/api/calendar' })).json().isDefault).toBe(true)
  })

  it('When the admin saves dates that do not make a school year, then 400 names each field and says what to do', async () => {
    const body = withInsetDays()
    body.terms[1]!.start = '2026-12-18' // overlaps autumn's last day
    body.terms[1]!.halfTerm = { start: '2026-12-01', end: '2027-02-19' } // starts before spring
    body.terms[2]!.end = '2027-09-10' // past 31 August
    body.closures.push({ date: '2027-04-01', label: 'Easter Thursday' }) // in the Easter holiday
    const res = await put(admin, body)
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([
      { path: 'terms[1].halfTerm.start', message: 'Start the half-term inside the spring term (18 Dec 2026 to 25 Mar 2027)' },
      { path: 'terms[1].start', message: 'Start the spring term after the autumn term ends (18 Dec 2026)' },
      { path: 'terms[2].end', message: 'Use a date in the academic year 2026/27 (1 Sep 2026 to 31 Aug 2027)' },
      { path: 'closures[3].date', message: '1 Apr 2027 is not in term time: closure days are days a school would otherwise be open' },
    ])
    const order = withInsetDays()
    order.terms = [order.terms[1]!, order.terms[0]!, order.terms[2]!]
    expect((await put(admin, order)).json().errors).toContainEqual({ path: 'terms[0].name', message: 'The terms go autumn, spring, summer: this one should be autumn' })
    expect((await put(admin, { terms: [], closures: [] })).json().errors).toEqual([{ path: 'terms', message: 'Give the three terms: autumn, spring and summer' }])
    expect((await put(admin, { ...withInsetDays(), closures: [{ date: '2027-01-04', label: '' }] })).json().errors).toEqual([
      { path: 'closures[0].label', message: 'Say what the closure is, e.g. INSET day' },
    ])
    expect((await admin({ method: 'GET', url: '/api/calendar' })).json().isDefault).toBe(true)
  })

  it("When the admin saves the trust's own dates, then everyone in the trust reads them, another trust keeps its own, and DELETE goes back to the defaults", async () => {
    const saved = await put(admin, withInsetDays())
    expect(saved.statusCode).toBe(200)
    expect(saved.json()).toMatchObject({ year: 2026, isDefault: false, closures: withInsetDays().closures })
    expect(saved.json().terms[1]).toMatchObject({ label: 'Spring 2027', schoolDays: 52 })
    expect((await teacherB1({ method: 'GET', url: '/api/calendar?year=2026' })).json()).toMatchObject({ isDefault: false, terms: [{}, { schoolDays: 52 }, {}] })
    expect((await teacherB1({ method: 'GET', url: '/api/calendar?year=2027' })).json().isDefault).toBe(true)
    expect((await otherAdmin({ method: 'GET', url: '/api/calendar' })).json()).toMatchObject({ isDefault: true, closures: [{ date: '2027-05-03' }] })
    // Another trust's admin changing their year leaves ours alone.
    expect((await otherAdmin({ method: 'DELETE', url: '/api/calendar/2026' })).statusCode).toBe(200)
    expect((await headA({ method: 'GET', url: '/api/calendar' })).json().isDefault).toBe(false)

    const reset = await admin({ method: 'DELETE', url: '/api/calendar/2026' })
    expect(reset.statusCode).toBe(200)
    expect(reset.json()).toMatchObject({ isDefault: true, terms: DEFAULT_2026 })
    expect((await teacherB1({ method: 'GET', url: '/api/calendar' })).json().isDefault).toBe(true)
  })
})

describe('invitation expiry by the trust calendar', () => {
  it("When a head invites on the last day before Christmas, then it expires 5 school days into January; with two INSET days, two days later", async () => {
    const first = await openRequest(headA, { title: 'Invited before Christmas' })
    const invite = (requestId: string, ref: string) => headA({ method: 'POST', url: `/api/requests/${requestId}/invitations`, payload: { expertiseId: s.ids[ref], note: '' } })
    const before = await invite(first, 'eB1')
    expect(before.statusCode).toBe(201)
    expect(before.json().expiresAt).toBe('2027-01-08T10:00:00.000Z')

    expect((await put(admin, withInsetDays())).statusCode).toBe(200)
    const second = await openRequest(headA, { title: 'Invited after the calendar changed' })
    expect((await invite(second, 'eX0')).json().expiresAt).toBe('2027-01-12T10:00:00.000Z')
    expect((await admin({ method: 'DELETE', url: '/api/calendar/2026' })).statusCode).toBe(200)
  })
})
