import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { settableClock } from '../../test/clock.ts'
import { type Api, type CommissioningSeed, offer, openRequest, requestBody, seedCommissioning, snapshot } from '../../test/commissioning.ts'

/** Issue 14 item 6: request, session-log and reflection text never holds a UPN or a date of birth. */
const START = '2027-01-05T09:00:00Z'
const clock = settableClock(START)
afterEach(() => clock.set(START))
const t = useTestApp({ clock })
let s: CommissioningSeed
let headA: Api, teacherB1: Api
beforeAll(async () => {
  s = await seedCommissioning(t.app, { capacityB1: 20 })
  ;({ headA, teacherB1 } = await s.apis('headA', 'teacherB1'))
})

const UPN_MESSAGE = 'This contains a Unique Pupil Number. Remove it: describe the school-level need, never identify a child.'
const DOB_MESSAGE = 'This contains a date of birth next to a name. Remove the date of birth and the name: describe the need, not the child.'
const refused = (...errors: { path: string; message: string }[]) => ({
  type: '/problems/validation', status: 400, title: 'Some fields need attention',
  detail: expect.stringMatching(/^Please check .+\.$/), errors,
})

async function activeEngagement() {
  const requestId = await openRequest(headA)
  const offerId = await offer(teacherB1, requestId, s.ids.eB1!, 3)
  const res = await headA({ method: 'POST', url: `/api/offers/${offerId}/accept` })
  if (res.statusCode !== 200) throw new Error(res.body)
  return res.json().engagementId as string
}

describe('Pupil data is refused', () => {
  it('When a head raises a request with a UPN in the problem and a date of birth in what was tried, then 400 names both fields, says what to remove, and nothing is stored', async () => {
    const before = await snapshot(t.database.db, s.ids.t!)
    const res = await headA({
      method: 'POST', url: '/api/requests',
      payload: requestBody({ problem: 'Our pupil B801200005001 cannot access the curriculum at all this year.', tried: 'Amelia Stone (12/03/2016) had a reading plan.' }),
    })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject(refused({ path: 'problem', message: UPN_MESSAGE }, { path: 'tried', message: DOB_MESSAGE }))
    // The answer never repeats the pupil's details back.
    expect(res.body).not.toMatch(/B801200005001|Amelia|12\/03\/2016/)
    expect(await snapshot(t.database.db, s.ids.t!)).toBe(before)
  })

  it('When a head edits a draft to add a date of birth, then 400 and the draft keeps its words', async () => {
    const created = await headA({ method: 'POST', url: '/api/requests', payload: requestBody() })
    const id = created.json().id as string
    const res = await headA({ method: 'PATCH', url: `/api/requests/${id}`, payload: { version: 1, outcome: 'DOB: 04/09/2015 — back to age-related expectations.' } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject(refused({ path: 'outcome', message: DOB_MESSAGE }))
    expect((await headA({ method: 'GET', url: `/api/requests/${id}` })).json().outcome).toBe(requestBody().outcome)
  })

  it('When a 13-character reference has the wrong check letter, then it is not a UPN and the request is saved', async () => {
    const res = await headA({ method: 'POST', url: '/api/requests', payload: requestBody({ problem: 'Order A801200005001 of reading books never arrived, so the scheme stalled.' }) })
    expect(res.statusCode).toBe(201)
  })

  it('When the expert logs a session note or writes a reflection with a UPN, or the head completes with a date of birth, then each is refused with 400 naming its field', async () => {
    const id = await activeEngagement()
    clock.set('2027-01-21T16:00:00Z')
    const log = await teacherB1({ method: 'POST', url: `/api/engagements/${id}/logs`, payload: { date: '2027-01-20', days: 1, note: 'Worked with T204000110231 on fluency' } })
    expect(log.statusCode).toBe(400)
    expect(log.json()).toMatchObject(refused({ path: 'note', message: UPN_MESSAGE }))
    const logged = await teacherB1({ method: 'POST', url: `/api/engagements/${id}/logs`, payload: { date: '2027-01-20', days: 1, note: 'Worked with the Year 7 team on fluency' } })
    expect(logged.statusCode).toBe(201)

    const complete = await headA({ method: 'POST', url: `/api/engagements/${id}/complete`, payload: { impact: 4, reflection: 'Jayden Smith, born 01/09/2014, now reads at his age, and so do most of his class.' } })
    expect(complete.statusCode).toBe(400)
    expect(complete.json()).toMatchObject(refused({ path: 'reflection', message: DOB_MESSAGE }))
    const done = await headA({ method: 'POST', url: `/api/engagements/${id}/complete`, payload: { impact: 4, reflection: 'Most of the class now read at their age; the team runs it alone.' } })
    expect(done.statusCode).toBe(200)

    const reflect = await teacherB1({ method: 'POST', url: `/api/engagements/${id}/reflection`, payload: { reflection: 'The pupil with UPN H930123456010 made the most progress of all.' } })
    expect(reflect.statusCode).toBe(400)
    expect(reflect.json()).toMatchObject(refused({ path: 'reflection', message: UPN_MESSAGE }))
  })
})
