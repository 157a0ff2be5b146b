import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { settableClock } from '../../test/clock.ts'
import { type Api, offer, openRequest, seedCommissioning } from '../../test/commissioning.ts'
import { applyRetention } from './retention.service.ts'

/** Issue 14 item 4: the words of closed work are kept for the trust's months, then removed; the figures stay. */
const START = '2027-01-05T09:00:00Z'
const clock = settableClock(START)
const t = useTestApp({ clock })

const REFLECTION = 'We rebuilt the intervention around fluency and daily reading aloud.'
const EXPERT_REFLECTION = 'A keen team; the English lead now runs it without me.'

/** A request commissioned, worked, completed and reflected on by both sides; answers both ids. */
async function completedWork(headA: Api, headB: Api, teacherB1: Api, expertiseId: string) {
  clock.set(START)
  const requestId = await openRequest(headA, { title: 'Kept for a while' })
  const offerId = await offer(teacherB1, requestId, expertiseId, 2)
  const engagementId = (await headA({ method: 'POST', url: `/api/offers/${offerId}/accept` })).json().engagementId as string
  await headB({ method: 'POST', url: `/api/releases/${engagementId}/approve` })
  clock.set('2027-02-10T16:00:00Z')
  await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/logs`, payload: { date: '2027-01-20', days: 1, note: 'Observed lessons in Year 7' } })
  await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/logs`, payload: { date: '2027-01-27', days: 1, note: 'Coached the English lead' } })
  expect((await headA({ method: 'POST', url: `/api/engagements/${engagementId}/complete`, payload: { impact: 4, reflection: REFLECTION } })).statusCode).toBe(200)
  expect((await teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/reflection`, payload: { reflection: EXPERT_REFLECTION } })).statusCode).toBe(200)
  return { requestId, engagementId }
}

const balance = async (who: Api) => (await who({ method: 'GET', url: '/api/flows/balance?period=academic-year&limit=100' })).json().items as unknown[]

describe('Retention', () => {
  it('When 24 months have passed since the work closed, then the daily job removes the request\'s words, the session notes and the reflections, and every figure stays', async () => {
    const s = await seedCommissioning(t.app, {}, 'Kept')
    const { headA, headB, teacherB1, central } = await s.apis('headA', 'headB', 'teacherB1', 'central')
    const { requestId, engagementId } = await completedWork(headA, headB, teacherB1, s.ids.eB1!)
    const figuresBefore = await balance(central)

    // A day short of 24 months: nothing goes.
    clock.set('2029-02-09T16:00:00Z')
    await applyRetention(t.app.db, clock.now())
    expect((await headA({ method: 'GET', url: `/api/requests/${requestId}` })).json().tried).toBe('Small-group phonics after school; a reading age test every term.')

    clock.set('2029-02-11T03:00:00Z')
    const first = await applyRetention(t.app.db, clock.now())
    expect(first.requests).toBeGreaterThanOrEqual(1)
    expect(first.engagements).toBeGreaterThanOrEqual(1)

    const request = (await headA({ method: 'GET', url: `/api/requests/${requestId}` })).json()
    expect(request).toMatchObject({
      title: 'Kept for a while', status: 'completed', expertsWanted: 1, daysPerExpert: 3, areas: [{ slug: 'reading', name: 'Reading' }],
      problem: 'The words of this request were removed 24 months after it closed, as the trust’s retention setting asks.', tried: '', outcome: '',
    })
    const engagement = (await headA({ method: 'GET', url: `/api/engagements/${engagementId}` })).json()
    expect(engagement).toMatchObject({ status: 'completed', days: 2, daysLogged: 2, impact: 4, headReflection: null, expertReflection: null })
    expect(engagement.logs.map((l: { date: string; days: number; note: string }) => [l.date, l.days, l.note])).toEqual([['2027-01-20', 1, ''], ['2027-01-27', 1, '']])
    clock.set('2027-02-10T16:00:00Z')
    expect(await balance(central)).toEqual(figuresBefore)

    // Run again (another day, another process): nothing is removed twice.
    clock.set('2029-02-12T03:00:00Z')
    expect(await applyRetention(t.app.db, clock.now())).toEqual({ requests: 0, engagements: 0 })

    const admin = await s.api('admin')
    const trail = (await admin({ method: 'GET', url: `/api/admin/audit?objectId=${requestId}&action=request.text_removed` })).json().items
    expect(trail).toEqual([expect.objectContaining({ actor: null, action: 'request.text_removed', objectType: 'request', link: `/requests/${requestId}`, detail: { months: 24 } })])
    expect((await admin({ method: 'GET', url: '/api/retention' })).json()).toEqual({ months: 24, removed: { requests: 1, engagements: 1 } })
  })

  it('When the administrator sets 12 months, then work closed 13 months ago is cleared; a value outside 6 to 120 is refused and only the administrator may change it', async () => {
    const s = await seedCommissioning(t.app, {}, 'Shorter')
    const { headA, headB, teacherB1, admin } = await s.apis('headA', 'headB', 'teacherB1', 'admin')
    const { requestId } = await completedWork(headA, headB, teacherB1, s.ids.eB1!)
    clock.set('2028-03-15T03:00:00Z')
    await applyRetention(t.app.db, clock.now())
    expect((await headA({ method: 'GET', url: `/api/requests/${requestId}` })).json().outcome).toBe('Most pupils back to their reading age within two terms.')

    expect((await headA({ method: 'PUT', url: '/api/admin/retention', payload: { months: 12 } })).json()).toMatchObject({ status: 403, detail: 'Only the trust administrator sets how long closed work is kept.' })
    const tooShort = await admin({ method: 'PUT', url: '/api/admin/retention', payload: { months: 3 } })
    expect(tooShort.statusCode).toBe(400)
    expect(tooShort.json().errors).toEqual([{ path: 'months', message: 'Keep text for at least 6 months' }])
    const set = await admin({ method: 'PUT', url: '/api/admin/retention', payload: { months: 12 } })
    expect(set.statusCode).toBe(200)
    expect(set.json()).toEqual({ months: 12, removed: { requests: 0, engagements: 0 } })
    expect((await headA({ method: 'GET', url: '/api/retention' })).json().months).toBe(12)
    const changed = (await admin({ method: 'GET', url: '/api/admin/audit?action=retention.changed' })).json().items
    expect(changed).toEqual([expect.objectContaining({ actor: { id: s.ids.admin, name: 'admin Shorter' }, action: 'retention.changed', detail: { from: 24, to: 12 } })])

    await applyRetention(t.app.db, clock.now())
    expect((await headA({ method: 'GET', url: `/api/requests/${requestId}` })).json()).toMatchObject({
      problem: 'The words of this request were removed 12 months after it closed, as the trust’s retention setting asks.', outcome: '',
    })
  })
})
