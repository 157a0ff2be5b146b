import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { CONFIDENTIAL_TITLE } from '@ee/shared/requests'
import { emailOutbox } from '../db/schema/index.ts'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, TEST_PASSWORD, seed, unique } from '../../test/bundle.ts'
import { type Api, commissioningBundle, offer, openRequest } from '../../test/commissioning.ts'

/**
 * docs/design.md §3: one confidentiality rule on every surface. A confidential (`invited`) request's title and
 * words reach its own head and its participants (and, once commissioned, the engagement's parties); central and
 * admin know it exists as "Confidential request" with its areas and days; nobody else learns anything of it.
 */
const t = useTestApp()
const u = unique()
const TITLE = `Quiet canary title ${u}`
const PROBLEM = `Sensitive canary problem ${u}: a long staff absence has unsettled the cohort.`
const WORDS = [TITLE, PROBLEM, `canary title ${u}`]

let s: Seeded
let who: Record<'headA' | 'teacherA1' | 'headB' | 'teacherB1' | 'headC' | 'central' | 'admin', Api>
let requestId: string
let engagementId: string
let caseId: string
/** Those who may know of the request but never read its words, and those who may not know of it at all. */
const TRUST_TEAM = ['central', 'admin'] as const
const STRANGERS = ['teacherA1', 'headC'] as const
const OUTSIDERS = [...TRUST_TEAM, ...STRANGERS] as const

const FLOW_VIEWS = ['/api/flows', '/api/flows/balance', '/api/flows/supply-demand', '/api/flows/time-to-commission', '/api/flows/left-behind', '/api/flows/open-requests']

function expectNoWords(body: string, where: string) {
  for (const w of WORDS) expect(body.includes(w), `${where} carries "${w}"`).toBe(false)
}

beforeAll(async () => {
  // A third school whose head has expertise in the request's area: "a head of another school" with no part in it.
  const bundle = commissioningBundle()
  const suffix = bundle.people![0]!.email.split('.').slice(1).join('.')
  bundle.schools!.push({ ref: 'C', urn: bundle.schools![1]!.urn + 1_000_000, name: 'Test School C', phase: 'secondary', lat: 53.75, lng: -1.52, cluster: 'South', releaseDaysPerTerm: 10 })
  bundle.people!.push({ ref: 'headC', email: `headC.${suffix}`, name: 'headC Test', role: 'headteacher', school: 'C', password: TEST_PASSWORD })
  bundle.expertise!.push({ ...bundle.expertise![0]!, ref: 'eHeadC', person: 'headC', title: 'Reading recovery across a trust' })
  s = await seed(t.app, bundle)
  const refs = ['headA', 'teacherA1', 'headB', 'teacherB1', 'headC', 'central', 'admin'] as const
  who = Object.fromEntries(await Promise.all(refs.map(async (r) => [r, as(t.app, await s.token(r))] as const))) as typeof who

  requestId = await openRequest(who.headA, { title: TITLE, problem: PROBLEM, confidentiality: 'invited' })
  const invited = await who.headA({ method: 'POST', url: `/api/requests/${requestId}/invitations`, payload: { expertiseId: s.ids.eB1 } })
  expect(invited.statusCode).toBe(201)
})

describe('a confidential request before it is commissioned', () => {
  it('When the trust team reads the request, then they see "Confidential request" with its areas and days, and none of its words', async () => {
    for (const ref of TRUST_TEAM) {
      const one = await who[ref]({ method: 'GET', url: `/api/requests/${requestId}` })
      expect(one.statusCode, ref).toBe(200)
      expect(one.json()).toMatchObject({
        id: requestId, title: CONFIDENTIAL_TITLE, problem: null, tried: null, outcome: null, textHidden: true,
        confidentiality: 'invited', daysPerExpert: 3, areas: [{ slug: 'reading' }],
      })
      expectNoWords(one.body, `${ref} GET /api/requests/:id`)
      const similar = await who[ref]({ method: 'GET', url: `/api/requests/${requestId}/similar-cases` })
      expect(similar.statusCode, ref).toBe(200)
      expectNoWords(similar.body, `${ref} GET /api/requests/:id/similar-cases`)
      const list = await who[ref]({ method: 'GET', url: '/api/requests' })
      expect(list.json().items.find((r: { id: string }) => r.id === requestId), ref).toMatchObject({ title: CONFIDENTIAL_TITLE, problem: null })
      expectNoWords(list.body, `${ref} GET /api/requests`)
    }
  })

  it('When an uninvited teacher of the same school or a head of another school looks, then the request does not exist for them', async () => {
    for (const ref of STRANGERS) {
      expect((await who[ref]({ method: 'GET', url: `/api/requests/${requestId}` })).statusCode, ref).toBe(404)
      expect((await who[ref]({ method: 'GET', url: `/api/requests/${requestId}/similar-cases` })).statusCode, ref).toBe(404)
      const list = await who[ref]({ method: 'GET', url: '/api/requests' })
      expect(list.json().items.map((r: { id: string }) => r.id), ref).not.toContain(requestId)
      expectNoWords(list.body, `${ref} GET /api/requests`)
    }
  })

  it('When anyone but its head asks for suggestions, then they are refused without its words; its head gets them', async () => {
    for (const ref of [...OUTSIDERS, 'teacherB1', 'headB'] as const) {
      for (const url of [`/api/requests/${requestId}/matches`, `/api/requests/${requestId}/why-not?person=${s.ids.headC}`]) {
        const res = await who[ref]({ method: 'GET', url })
        expect([403, 404], `${ref} ${url}`).toContain(res.statusCode)
        expectNoWords(res.body, `${ref} ${url}`)
      }
    }
    expect((await who.headA({ method: 'GET', url: `/api/requests/${requestId}/matches` })).statusCode).toBe(200)
  })

  it('When experts look at the requests ranked for them, then the invited expert finds it by its title and an uninvited head of another school does not', async () => {
    const invited = await who.teacherB1({ method: 'GET', url: '/api/requests/for-me' })
    expect(invited.statusCode).toBe(200)
    expect(invited.json().map((i: { request: { id: string; title: string } }) => i.request)).toContainEqual(expect.objectContaining({ id: requestId, title: TITLE }))
    for (const ref of ['headC', 'headB'] as const) {
      const res = await who[ref]({ method: 'GET', url: '/api/requests/for-me' })
      expect(res.statusCode, ref).toBe(200)
      expect(res.json().map((i: { request: { id: string } }) => i.request.id), ref).not.toContain(requestId)
      expectNoWords(res.body, `${ref} GET /api/requests/for-me`)
    }
  })

  it('When its head and the invited expert read it, then they read its title and its problem', async () => {
    for (const ref of ['headA', 'teacherB1'] as const) {
      const res = await who[ref]({ method: 'GET', url: `/api/requests/${requestId}` })
      expect(res.json(), ref).toMatchObject({ title: TITLE, problem: PROBLEM, textHidden: false })
      expect((await who[ref]({ method: 'GET', url: '/api/requests' })).json().items.find((r: { id: string }) => r.id === requestId), ref).toMatchObject({ title: TITLE, problem: PROBLEM })
    }
  })

  it('When the trust team reads every flows view and its CSV, then the request is "Confidential request" at most', async () => {
    for (const ref of TRUST_TEAM) {
      for (const url of FLOW_VIEWS) {
        for (const format of ['', '?format=csv']) {
          const res = await who[ref]({ method: 'GET', url: `${url}${format}` })
          expect(res.statusCode, `${ref} ${url}${format}`).toBe(200)
          expectNoWords(res.body, `${ref} ${url}${format}`)
        }
      }
      const open = (await who[ref]({ method: 'GET', url: '/api/flows/open-requests' })).json()
      expect(open.items.find((r: { requestId?: string; id?: string }) => (r.requestId ?? r.id) === requestId), ref).toMatchObject({ title: CONFIDENTIAL_TITLE })
    }
  })
})

describe('a confidential request once commissioned, completed and made a case kept between the schools', () => {
  beforeAll(async () => {
    const offerId = await offer(who.teacherB1, requestId, s.ids.eB1!, 1)
    const accepted = (await who.headA({ method: 'POST', url: `/api/offers/${offerId}/accept` })).json()
    engagementId = accepted.engagementId as string
    if (accepted.release === 'pending') await who.headB({ method: 'POST', url: `/api/releases/${engagementId}/approve` })
    const completed = await who.headA({ method: 'POST', url: `/api/engagements/${engagementId}/complete`, payload: { impact: 4, reflection: `The cover plan held; canary title ${u} stays ours.`, shareWithTrust: false } })
    expect(completed.statusCode).toBe(200)
    const reflected = await who.teacherB1({ method: 'POST', url: `/api/engagements/${engagementId}/reflection`, payload: { reflection: 'A steady cover plan and one voice for the class.' } })
    caseId = reflected.json().caseId as string
    expect(caseId).toBeTruthy()
  })

  it('When the central team reads the engagements, then the work shows as "Confidential request" with none of its words', async () => {
    const one = await who.central({ method: 'GET', url: `/api/engagements/${engagementId}` })
    expect(one.statusCode).toBe(200)
    expect(one.json().request).toEqual({ id: requestId, title: CONFIDENTIAL_TITLE })
    expectNoWords(one.body, 'central GET /api/engagements/:id')
    const list = await who.central({ method: 'GET', url: '/api/engagements' })
    expect(list.json().items.find((g: { id: string }) => g.id === engagementId).request.title).toBe(CONFIDENTIAL_TITLE)
    expectNoWords(list.body, 'central GET /api/engagements')
  })

  it('When the engagement’s parties read it, then they read its title: the expert and both heads', async () => {
    for (const ref of ['teacherB1', 'headA', 'headB'] as const) {
      expect((await who[ref]({ method: 'GET', url: `/api/engagements/${engagementId}` })).json().request.title, ref).toBe(TITLE)
    }
    const releases = await who.headB({ method: 'GET', url: '/api/releases?status=all' })
    expect(releases.json().items.find((r: { id: string }) => r.id === engagementId)?.request).toEqual({ id: requestId, title: TITLE })
    expectNoWords((await who.headC({ method: 'GET', url: '/api/releases?status=all' })).body, 'headC GET /api/releases')
  })

  it('When outsiders look for the case by id, search or similar cases (both routes), then they find none of its words', async () => {
    const mine = await openRequest(who.headC, { title: 'Staff absence unsettling a cohort', problem: 'A long staff absence has unsettled the cohort.' })
    for (const ref of OUTSIDERS) {
      const one = await who[ref]({ method: 'GET', url: `/api/cases/${caseId}` })
      expect([403, 404], ref).toContain(one.statusCode)
      expectNoWords(one.body, `${ref} GET /api/cases/:id`)
      for (const url of ['/api/cases', `/api/cases?q=${encodeURIComponent('canary')}`, `/api/cases?q=absence`, '/api/cases?area=reading']) {
        const res = await who[ref]({ method: 'GET', url })
        expect(res.statusCode, `${ref} ${url}`).toBe(200)
        expectNoWords(res.body, `${ref} ${url}`)
      }
      const similar = await who[ref]({ method: 'POST', url: '/api/cases/similar', payload: { title: TITLE, problem: PROBLEM, areas: ['reading'] } })
      expect(similar.json().items.map((c: { id: string }) => c.id), ref).not.toContain(caseId)
    }
    const similarToMine = await who.headC({ method: 'GET', url: `/api/requests/${mine}/similar-cases` })
    expect(similarToMine.statusCode).toBe(200)
    expectNoWords(similarToMine.body, 'headC GET /api/requests/:id/similar-cases')
    expect((await who.teacherB1({ method: 'GET', url: `/api/cases/${caseId}` })).json().title).toBe(TITLE)
  })

  it('When the trust team reads the flows between the two schools, then the engagement is "Confidential request"', async () => {
    for (const ref of TRUST_TEAM) {
      const link = await who[ref]({ method: 'GET', url: `/api/flows/links/${s.ids.B}/${s.ids.A}` })
      expect(link.statusCode, ref).toBe(200)
      expectNoWords(link.body, `${ref} GET /api/flows/links`)
      for (const url of FLOW_VIEWS) expectNoWords((await who[ref]({ method: 'GET', url: `${url}?format=csv` })).body, `${ref} ${url}?format=csv`)
    }
  })

  it('When every notification and e-mail has been written, then no outsider was told its title; its head and expert were', async () => {
    for (const ref of OUTSIDERS) {
      const res = await who[ref]({ method: 'GET', url: '/api/notifications' })
      expect(res.statusCode, ref).toBe(200)
      expectNoWords(res.body, `${ref} GET /api/notifications`)
      const mail = await t.app.db.select().from(emailOutbox).where(eq(emailOutbox.to, s.email(ref)))
      expectNoWords(JSON.stringify(mail), `${ref} e-mails`)
    }
    for (const ref of ['headA', 'teacherB1'] as const) expect((await who[ref]({ method: 'GET', url: '/api/notifications' })).body, ref).toContain(TITLE)
  })

  it('When the requests are listed for each person, then the list and the request itself agree (request.see in SQL and in the policy)', async () => {
    for (const [ref, api] of Object.entries(who)) {
      const listed = (await api({ method: 'GET', url: '/api/requests?status=open,commissioned,completed' })).json().items.map((r: { id: string }) => r.id).includes(requestId)
      const readable = (await api({ method: 'GET', url: `/api/requests/${requestId}` })).statusCode === 200
      expect(listed, ref).toBe(readable)
    }
  })
})
