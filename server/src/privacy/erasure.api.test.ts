import { beforeAll, describe, expect, it } from 'vitest'
import { FORMER_COLLEAGUE, REMOVED_TEXT } from '@ee/shared/privacy'
import { CONFIDENTIAL_TITLE } from '@ee/shared/requests'
import { as, useTestApp } from '../../test/app.ts'
import { TEST_PASSWORD, type Seeded, seed, unique } from '../../test/bundle.ts'
import { settableClock } from '../../test/clock.ts'
import { type Api, commissioningBundle, offer, openRequest } from '../../test/commissioning.ts'
import { dumpDatabase, residue } from '../../test/dump.ts'
import { SHOWN_TO_THEM_ONLY } from './privacy.service.ts'

/**
 * Subject access and erasure (issue 14 items 2–3, docs/design.md §11), on the database the suite runs on:
 * with DATABASE_URL the residue check is a pg_dump of this file's own database; on PGlite, every row of
 * every table (test/dump.ts).
 */
const clock = settableClock('2027-01-05T09:00:00Z')
const t = useTestApp({ clock })

const NAME = 'Philippa Quennell-Ashdown'
/** Words only she wrote: none may be left anywhere once she is erased. */
const HERS = {
  title: 'Tollgate fluency method for Year 7',
  summary: 'Paired reading with <script>alert(1)</script> timing sheets, run by form tutors.',
  evidence: 'Reading ages in the Tollgate cohort rose by fourteen months.',
  offer: 'Marram reading circles worked for us and would suit your Year 7.',
  log: 'Observed Quillfeather guided reading with the English team.',
  extension: 'One more day to embed the Marram circles with new tutors.',
  reflection: 'Kestrel phonics routine helped the weakest readers most.',
}
/** Head A's words about her: kept, with her name taken out. */
const HEAD_REFLECTION = `${NAME} transformed our Year 7 reading lessons.`
const HEAD_DECLINE = `Thank you, ${NAME}, the three days were enough.`

let s: Seeded
let headA: Api, admin: Api, central: Api, her: Api
let herId: string, herEmail: string, engagementId: string, caseId: string, confidentialId: string

beforeAll(async () => {
  const b = commissioningBundle({}, 'Erasure')
  b.people!.push({ ref: 'philippa', email: `philippa.quennell-ashdown.${unique()}@example.org`, name: NAME, role: 'teacher', school: 'B', password: TEST_PASSWORD })
  b.expertise!.push({
    ref: 'eP', person: 'philippa', title: HERS.title, summary: HERS.summary, evidence: HERS.evidence, areas: ['reading'], subjects: ['english'],
    phases: ['secondary'], modes: ['fresh_eyes', 'implementation'], capacityDaysPerTerm: 10,
  })
  s = await seed(t.app, b)
  headA = as(t.app, await s.token('headA'))
  admin = as(t.app, await s.token('admin'))
  central = as(t.app, await s.token('central'))
  her = as(t.app, await s.token('philippa'))
  herId = s.ids.philippa!
  herEmail = s.email('philippa')

  // The whole loop, with her words and her name at every step.
  const requestId = await openRequest(headA, { title: 'Year 7 readers who fell behind' })
  const offerId = await offer(her, requestId, s.ids.eP!, 3)
  expect((await her({ method: 'PATCH', url: `/api/offers/${offerId}`, payload: { message: HERS.offer } })).statusCode).toBe(200)
  const accepted = await headA({ method: 'POST', url: `/api/offers/${offerId}/accept`, payload: {} })
  expect(accepted.statusCode).toBe(200)
  engagementId = accepted.json().engagementId
  clock.set('2027-02-10T16:00:00Z')
  expect((await her({ method: 'POST', url: `/api/engagements/${engagementId}/logs`, payload: { date: '2027-01-20', days: 1, note: HERS.log } })).statusCode).toBe(201)
  const asked = await her({ method: 'POST', url: `/api/engagements/${engagementId}/extensions`, payload: { days: 1, reason: HERS.extension } })
  expect(asked.statusCode).toBe(201)
  const extensionId = asked.json().extensions[0].id
  expect((await headA({ method: 'POST', url: `/api/extensions/${extensionId}/decline`, payload: { reason: HEAD_DECLINE } })).statusCode).toBe(200)
  expect((await headA({ method: 'POST', url: `/api/engagements/${engagementId}/complete`, payload: { impact: 5, reflection: HEAD_REFLECTION } })).statusCode).toBe(200)
  const reflected = await her({ method: 'POST', url: `/api/engagements/${engagementId}/reflection`, payload: { reflection: HERS.reflection } })
  expect(reflected.statusCode).toBe(200)
  caseId = reflected.json().caseId

  // A confidential request she is invited to: its words are hers to read, not the administrator's.
  confidentialId = await openRequest(headA, { title: 'Wrenfield attendance after a family bereavement', confidentiality: 'invited' })
  const invited = await headA({ method: 'POST', url: `/api/requests/${confidentialId}/invitations`, payload: { expertiseId: s.ids.eP, note: `${NAME}, could you help us here?` } })
  expect(invited.statusCode).toBe(201)
  expect((await her({ method: 'PUT', url: '/api/me/notification-preferences', payload: { offer_accepted: 'digest' } })).statusCode).toBe(200)
  expect((await admin({ method: 'PATCH', url: `/api/people/${herId}`, payload: { name: NAME } })).statusCode).toBe(200)
  expect((await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: herEmail } })).statusCode).toBe(202)
})

describe('subject access (GET /api/me/export, GET /api/admin/people/:id/export)', () => {
  it('When she downloads her data, then every row about her is there, her words and the other side’s on work she did, within seconds', async () => {
    const started = performance.now()
    const res = await her({ method: 'GET', url: '/api/me/export' })
    const ms = performance.now() - started
    console.info(`subject access export: ${Math.round(ms)} ms, ${res.body.length} bytes of JSON`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="my-data-2027-02-10\.json"$/)
    const x = res.json()
    expect(x.requestedBy).toBe('self')
    expect(x.person).toMatchObject({ id: herId, name: NAME, email: herEmail, role: 'teacher', schoolName: 'Erasure Academy B', active: true })
    expect(x.expertise).toEqual([expect.objectContaining({ title: HERS.title, summary: HERS.summary, evidence: HERS.evidence, areas: ['reading'] })])
    expect(x.offers.map((o: { requestTitle: string; message: string; status: string }) => [o.requestTitle, o.message, o.status])).toEqual([
      ['Year 7 readers who fell behind', HERS.offer, 'accepted'],
      ['Wrenfield attendance after a family bereavement', '', 'invited'],
    ])
    expect(x.engagements).toEqual([expect.objectContaining({
      id: engagementId, part: 'expert', status: 'completed', days: 3, deliveredDays: 1, impact: 5, expertReflection: HERS.reflection, headReflection: HEAD_REFLECTION,
    })])
    expect(x.sessionLogs).toEqual([expect.objectContaining({ engagementId, date: '2027-01-20', days: 1, note: HERS.log })])
    expect(x.extensions).toEqual([expect.objectContaining({ engagementId, days: 1, reason: HERS.extension, status: 'declined' })])
    expect(x.notifications.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['offer_accepted', 'extension_decided', 'invitation_received']))
    expect(x.emails.map((m: { subject: string }) => m.subject).join('\n')).toContain('password')
    expect(x.notificationPreferences).toEqual([{ kind: 'offer_accepted', delivery: 'digest' }])
    const actions = x.auditEvents.map((e: { action: string; byThisPerson: boolean }) => `${e.action}${e.byThisPerson ? '' : ' (by someone else)'}`)
    expect(actions).toEqual(expect.arrayContaining(['offer.proposed', 'offer.updated', 'engagement.logged', 'extension.proposed', 'engagement.reflected', 'person.updated (by someone else)', 'authn_password_reset_requested']))
    expect(ms).toBeLessThan(5000)
  })

  it('When she asks for the page, then it is readable HTML, self-contained, with what she typed escaped', async () => {
    const res = await her({ method: 'GET', url: '/api/me/export', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-disposition']).toBe('attachment; filename="my-data-2027-02-10.html"')
    expect(res.body).toContain(`<h1>Your data on Expertise Exchange: ${NAME}</h1>`)
    expect(res.body).toContain('Paired reading with &lt;script&gt;alert(1)&lt;/script&gt; timing sheets')
    expect(res.body).not.toContain('<script')
    expect(res.body).not.toMatch(/(src|href)="http/)
    for (const heading of ['Your expertise', 'Offers and invitations', 'Work', 'Sessions you logged', 'More days you asked for', 'Notifications', 'Audit trail']) expect(res.body).toContain(`<h2>${heading}</h2>`)
    expect((await her({ method: 'GET', url: '/api/me/export?format=html' })).body).toContain(HERS.log)
  })

  it('When the administrator downloads her data, then they get it all, except words they may not read: a confidential request and her messages', async () => {
    const res = await admin({ method: 'GET', url: `/api/admin/people/${herId}/export` })
    expect(res.statusCode).toBe(200)
    const x = res.json()
    expect(x.requestedBy).toBe('admin')
    expect(x.person).toMatchObject({ id: herId, name: NAME, email: herEmail })
    expect(x.offers.map((o: { requestTitle: string }) => o.requestTitle)).toEqual(['Year 7 readers who fell behind', CONFIDENTIAL_TITLE])
    expect(x.engagements[0]).toMatchObject({ expertReflection: HERS.reflection, headReflection: null })
    expect(new Set(x.notifications.map((n: { title: string; body: string }) => `${n.title}|${n.body}`))).toEqual(new Set([`${SHOWN_TO_THEM_ONLY}|${SHOWN_TO_THEM_ONLY}`]))
    expect(res.body).not.toContain('Wrenfield')
    expect((await central({ method: 'GET', url: `/api/admin/people/${herId}/export` })).json()).toMatchObject({ status: 403, detail: expect.stringContaining('Download my data') })
  })
})

describe('erasure (POST /api/admin/people/:id/erase)', () => {
  it('When the administrator types another name, then 400 names the field and nothing is erased', async () => {
    const res = await admin({ method: 'POST', url: `/api/admin/people/${herId}/erase`, payload: { confirmName: 'Philippa' } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({
      status: 400, detail: 'The name typed does not match, so nothing was erased.', errors: [{ path: 'confirmName', message: `Type their name exactly as it is shown: ${NAME}` }],
    })
    expect((await admin({ method: 'GET', url: `/api/people?q=Quennell` })).json().items).toHaveLength(1)
  })

  it('When she is erased, then her name, e-mail and words are nowhere in the database (a dump), the figures stay, and the case keeps head A’s words', async () => {
    // Supply against demand counts active expertise only: it loses her capacity, as it would on deactivation.
    const FIGURES = ['/api/flows?period=academic-year', '/api/flows/balance?period=academic-year', '/api/flows/time-to-commission?period=academic-year', '/api/flows/left-behind?period=academic-year']
    const figures = async () => Promise.all(FIGURES.map(async (url) => (await central({ method: 'GET', url })).body))
    const before = await figures()
    const needles = [NAME, 'Quennell', herEmail, 'philippa.quennell', ...Object.values(HERS).map((w) => w.slice(0, 24))]
    // Not vacuous: before the erasure the same dump finds every one of them.
    expect(residue((await dumpDatabase(t.database)).text, needles)).toHaveLength(needles.length)
    const engagementBefore = (await headA({ method: 'GET', url: `/api/engagements/${engagementId}` })).json()

    const res = await admin({ method: 'POST', url: `/api/admin/people/${herId}/erase`, payload: { confirmName: ` ${NAME.toUpperCase()} ` } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: herId, name: FORMER_COLLEAGUE, erasedAt: '2027-02-10T16:00:00.000Z' })
    console.info(`erasure: ${res.json().textsRemoved} texts replaced, ${res.json().rowsDeleted} rows deleted`)

    // Counts, days and flows stay.
    expect(await figures()).toEqual(before)
    const engagementAfter = (await headA({ method: 'GET', url: `/api/engagements/${engagementId}` })).json()
    expect(engagementAfter).toMatchObject({ status: 'completed', days: engagementBefore.days, impact: 5, headReflection: 'A former colleague transformed our Year 7 reading lessons.' })

    // The case keeps the receiving school's words and says "a former colleague".
    const kase = (await headA({ method: 'GET', url: `/api/cases/${caseId}` })).json()
    expect(kase).toMatchObject({ title: 'Year 7 readers who fell behind', outcome: 'A former colleague transformed our Year 7 reading lessons.', approach: REMOVED_TEXT, impact: 5 })

    // She cannot sign in, and the people page shows a former colleague.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: herEmail, password: TEST_PASSWORD } })).statusCode).toBe(401)
    expect((await her({ method: 'GET', url: '/api/me' })).statusCode).toBe(401)
    const listed = (await admin({ method: 'GET', url: `/api/people?active=false` })).json().items.find((p: { id: string }) => p.id === herId)
    expect(listed).toMatchObject({ name: FORMER_COLLEAGUE, email: `erased-${herId}@erased.invalid`, active: false })

    const dump = await dumpDatabase(t.database)
    const left = residue(dump.text, needles)
    console.info(`erasure residue (${dump.how}, ${dump.text.length} characters): ${left.length} found`)
    expect(left).toEqual([])
    // The other side's words are still there, and so is everyone else.
    expect(dump.text).toContain('transformed our Year 7 reading lessons')
    expect(dump.text).toContain('the three days were enough')
    expect(dump.text).toContain(s.email('headA'))
  })

  it('When she has already been erased, then a second erasure is 409 and says so', async () => {
    const res = await admin({ method: 'POST', url: `/api/admin/people/${herId}/erase`, payload: { confirmName: FORMER_COLLEAGUE } })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ status: 409, detail: 'This person has already been erased.' })
  })

  it('When the administrator tries to erase themselves, then 409 says to ask another administrator', async () => {
    const me = (await admin({ method: 'GET', url: '/api/me' })).json().person
    const res = await admin({ method: 'POST', url: `/api/admin/people/${me.id}/erase`, payload: { confirmName: me.name } })
    expect(res.json()).toMatchObject({ status: 409, detail: 'You cannot erase yourself. Ask another trust administrator to do it.' })
  })
})
