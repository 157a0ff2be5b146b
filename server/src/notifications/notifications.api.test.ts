import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { type Api, type CommissioningSeed, offer, openRequest, seedCommissioning } from '../../test/commissioning.ts'

const t = useTestApp()
let s: CommissioningSeed
let headA: Api, teacherB1: Api
beforeAll(async () => {
  s = await seedCommissioning(t.app)
  ;({ headA, teacherB1 } = await s.apis('headA', 'teacherB1'))
})

describe('notifications', () => {
  it('When things happen to me, then my notifications list them newest first with an unread count; reading them counts down', async () => {
    const first = await openRequest(headA, { title: 'First to be offered on' })
    const second = await openRequest(headA, { title: 'Second to be offered on' })
    await offer(teacherB1, first, s.ids.eB1!)
    await offer(teacherB1, second, s.ids.eB1!)
    const list = await headA({ method: 'GET', url: '/api/notifications' })
    expect(list.statusCode).toBe(200)
    expect(list.json()).toMatchObject({
      unread: 2,
      items: [
        { kind: 'offer_received', title: 'New offer of help: “Second to be offered on”', link: `/requests/${second}`, read: false },
        { kind: 'offer_received', title: 'New offer of help: “First to be offered on”', link: `/requests/${first}`, read: false },
      ],
    })
    const id = list.json().items[1].id as string
    const read = await headA({ method: 'POST', url: `/api/notifications/${id}/read` })
    expect(read.json()).toMatchObject({ id, read: true })
    expect((await headA({ method: 'GET', url: '/api/notifications' })).json().unread).toBe(1)
    expect((await headA({ method: 'GET', url: '/api/notifications?unread=true' })).json().items).toHaveLength(1)
    expect((await headA({ method: 'POST', url: '/api/notifications/read-all' })).json()).toEqual({ updated: 1 })
    expect((await headA({ method: 'GET', url: '/api/notifications' })).json().unread).toBe(0)
  })

  it('When someone tries to mark another person’s notification, then 404 and it stays unread', async () => {
    const requestId = await openRequest(headA, { title: 'Someone else’s notice' })
    await offer(teacherB1, requestId, s.ids.eB1!, 1)
    const mine = (await headA({ method: 'GET', url: '/api/notifications?unread=true' })).json().items[0]
    const res = await teacherB1({ method: 'POST', url: `/api/notifications/${mine.id}/read` })
    expect(res.statusCode).toBe(404)
    expect((await headA({ method: 'GET', url: '/api/notifications?unread=true' })).json().items.map((n: { id: string }) => n.id)).toContain(mine.id)
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401)
  })
})
