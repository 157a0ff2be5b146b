import { randomUUID } from 'node:crypto'
import { requestBody } from '../commissioning.ts'
import { nextUrn, unique } from '../bundle.ts'
import type { Kind, Owner, World } from './world.ts'

/**
 * The authorization matrix (RELIABILITY §1.3–1.4, AZ-1..3): for every registered /api route, the status
 * each principal gets, per object where the route acts on one. Driven by server/src/authz-matrix.api.test.ts.
 *
 * Principals, in the order of every cell string (a space between the trusts):
 *   teacherA1 teacherA2 headA teacherB1 headB centralT1 adminT1 | headC teacherC centralT2 adminT2
 * (school A and B of trust T1; headC and teacherC are of school "C", the first school of trust T2.)
 * anon and the four forged tokens get 401 on every route that is not public.
 *
 * Codes: Y the route's success status (`ok`), F 403, N 404, C 409, B 400.
 * Object columns: A (school A's object in T1), B (school B's), T2 (school C's, in trust T2). For objects that
 * belong to a trust (areas, clusters, invitations) A stands for T1's and there is no B.
 */
export const PRINCIPALS = ['teacherA1', 'teacherA2', 'headA', 'teacherB1', 'headB', 'centralT1', 'adminT1', 'headC', 'teacherC', 'centralT2', 'adminT2'] as const
export type Principal = (typeof PRINCIPALS)[number]
export const FORGED = ['alg none', 'expired', 'tampered', 'wrong aud'] as const
export type Column = 'A' | 'B' | 'T2'
export const CODES = { F: 403, N: 404, C: 409, B: 400 } as const

/** Where a principal lives: their trust's world and their bundle ref. */
export const WHO: Record<Principal, { trust: 'T1' | 'T2'; ref: string; school: 'A' | 'B' | null }> = {
  teacherA1: { trust: 'T1', ref: 'teacherA1', school: 'A' }, teacherA2: { trust: 'T1', ref: 'teacherA2', school: 'A' }, headA: { trust: 'T1', ref: 'headA', school: 'A' },
  teacherB1: { trust: 'T1', ref: 'teacherB1', school: 'B' }, headB: { trust: 'T1', ref: 'headB', school: 'B' }, centralT1: { trust: 'T1', ref: 'central', school: null },
  adminT1: { trust: 'T1', ref: 'admin', school: null }, headC: { trust: 'T2', ref: 'headA', school: 'A' }, teacherC: { trust: 'T2', ref: 'teacherA1', school: 'A' },
  centralT2: { trust: 'T2', ref: 'central', school: null }, adminT2: { trust: 'T2', ref: 'admin', school: null },
}

/** What a cell knows when it builds its call. */
export type Cell = {
  who: Principal
  /** The id of the object the call acts on (fresh for an allowed write). */
  id: string
  column: Column | null
  /** The world that owns the object (the caller's own world for routes without an object). */
  w: World
  owner: Owner
  /** The caller's own world. */
  mine: World
}

export type Row = {
  route: string
  /** Status of Y (default 200). */
  ok?: number
  /** Public routes: the status everybody gets, signed in, anonymous or forged. */
  public?: number
  /** Cells for a route without an object. */
  cells?: string
  /** The object the route acts on, and the cells per column. */
  kind?: Kind
  columns?: Partial<Record<Column, string>>
  /** Allowed calls change the object's state: each gets a fresh one. */
  fresh?: boolean
  url?: (c: Cell) => string
  query?: (c: Cell) => Record<string, string>
  body?: (c: Cell) => unknown
  headers?: Record<string, string>
  /** Ends the caller's sessions: run after every other row. */
  last?: boolean
}

const ALL = 'YYYYYYY YYYY'
const STAFF_ONLY = 'YYYYYFF YYFF'
const ADMIN_ONLY = 'FFFFFFY FFFY'
const HEADS_ONLY = 'FFYFYFF YFFF'
const FLOWS = 'FFYFYYY YFYY'
/** Own-school head only: A's object, B's object, T2's object. */
const OWN_HEAD = { A: 'FFYFFFF NFFF', B: 'FFFFYFF NFFF', T2: 'FFNFNFF YFFF' }
const READ_BY_TRUST = { A: 'YYYYYYY NNNN', B: 'YYYYYYY NNNN', T2: 'NNNNNNN YYYY' }
const TRUST_ADMIN = { A: 'FFFFFFY FFFN', T2: 'FFFFFFN FFFY' }
const SCHOOL_ADMIN = { A: 'FFFFFFY FFFN', B: 'FFFFFFY FFFN', T2: 'FFFFFFN FFFY' }
/** The expert (a teacher of the other school) only. */
const EXPERT = { A: 'FFFYFFF NNFF', B: 'YFFFFFF NNFF', T2: 'NNNNNFF FFFF' }

/** Each staff principal's own expertise entry, for offers. */
const OWN_ENTRY: Partial<Record<Principal, string>> = { teacherA1: 'eA1', teacherA2: 'eA2', headA: 'eHA', teacherB1: 'eB1', headB: 'eHB', headC: 'eHA', teacherC: 'eA1' }
/** A school file with one new school, named by its URN in the query. */
const newSchool = (path: string) => {
  let urn = 0
  return {
    url: () => `${path}?urns=${(urn = nextUrn())}`,
    body: () => ({ csv: `urn,name,phase,lat,lng\n${urn},Matrix New School,primary,53.8,-1.55\n` }),
  }
}
const otherSchoolExpert = (c: Cell) => c.w.ref(c.owner === 'A' ? 'eB1' : 'eA1')

export const MATRIX: Row[] = [
  // The API document and the ways in: public.
  { route: 'GET /api/docs', public: 200 },
  { route: 'HEAD /api/docs/', public: 200 },
  { route: 'GET /api/docs/static/index.html', public: 302 },
  { route: 'GET /api/docs/static/swagger-initializer.js', public: 200 },
  { route: 'GET /api/docs/static/*', url: () => '/api/docs/static/swagger-ui.css', public: 200 },
  { route: 'GET /api/docs/json', public: 200 },
  { route: 'GET /api/docs/yaml', public: 200 },
  { route: 'GET /api/health', public: 200 },
  { route: 'GET /api/health/ready', public: 200 },
  { route: 'POST /api/auth/login', public: 401, body: () => ({ email: `nobody-${unique()}@example.org`, password: 'not the password' }) },
  { route: 'POST /api/auth/accept-invitation', public: 410, body: () => ({ token: 'x'.repeat(40), name: 'Someone New', password: 'a long enough passphrase 42' }) },
  { route: 'POST /api/auth/password-reset', public: 202, body: () => ({ email: `nobody-${unique()}@example.org` }) },
  { route: 'POST /api/auth/password-reset/confirm', public: 410, body: () => ({ token: 'x'.repeat(40), password: 'a long enough passphrase 42' }) },

  // Any signed-in person, for themselves.
  { route: 'GET /api/me', cells: ALL },
  { route: 'POST /api/auth/password', cells: 'BBBBBBB BBBB', body: () => ({ currentPassword: 'not my password', newPassword: 'a long enough passphrase 42' }) },
  { route: 'POST /api/auth/logout', cells: ALL, last: true },
  { route: 'GET /api/expertise/mine', cells: ALL },
  { route: 'GET /api/me/profile', cells: ALL },
  { route: 'GET /api/requests', cells: ALL },
  { route: 'GET /api/requests/for-me', cells: ALL },
  { route: 'GET /api/engagements', cells: ALL },
  { route: 'GET /api/cases', cells: ALL },
  { route: 'POST /api/cases/similar', cells: ALL, body: () => ({ title: 'Reading recovery', problem: 'Pupils read below their age.', areas: ['reading'] }) },
  { route: 'GET /api/notifications', cells: ALL },
  { route: 'POST /api/notifications/read-all', cells: ALL },
  { route: 'GET /api/me/notification-preferences', cells: ALL },
  { route: 'PUT /api/me/notification-preferences', cells: ALL, body: () => ({ offer_received: 'immediate' }) },
  { route: 'POST /api/notifications/:id/read', kind: 'notif', columns: { A: 'NNYNNNN NNNN', B: 'NNNNYNN NNNN', T2: 'NNNNNNN YNNN' } },

  // The trust's reference data: everyone reads, one role curates.
  { route: 'GET /api/areas', cells: ALL },
  { route: 'POST /api/areas', ok: 201, cells: 'FFFFFYF FFYF', body: () => ({ slug: `matrix-${unique()}`, name: 'A new area' }) },
  { route: 'PATCH /api/areas/:id', kind: 'area', columns: { A: 'FFFFFYF FFNF', T2: 'FFFFFNF FFYF' }, body: () => ({ description: 'Curated again.' }) },
  { route: 'DELETE /api/areas/:id', kind: 'area', fresh: true, columns: { A: 'FFFFFYF FFNF', T2: 'FFFFFNF FFYF' } },
  { route: 'GET /api/calendar', cells: ALL },
  { route: 'PUT /api/calendar/:year', cells: ADMIN_ONLY, url: () => '/api/calendar/2030', body: () => CALENDAR_2030 },
  { route: 'DELETE /api/calendar/:year', cells: ADMIN_ONLY, url: () => '/api/calendar/2031' },
  { route: 'GET /api/schools', cells: ALL },
  { route: 'PATCH /api/schools/:id', kind: 'school', columns: SCHOOL_ADMIN, body: (c) => ({ name: `${c.w.name} school ${c.owner}` }) },
  { route: 'POST /api/schools/import/preview', cells: ADMIN_ONLY, ...newSchool('/api/schools/import/preview') },
  { route: 'POST /api/schools/import', cells: ADMIN_ONLY, ...newSchool('/api/schools/import') },
  { route: 'GET /api/clusters', cells: ALL },
  { route: 'POST /api/clusters', ok: 201, cells: ADMIN_ONLY, body: () => ({ name: `Matrix cluster ${unique()}` }) },
  { route: 'PATCH /api/clusters/:id', kind: 'cluster', columns: TRUST_ADMIN, body: () => ({ name: `Renamed cluster ${unique()}` }) },
  { route: 'POST /api/clusters/:id/merge', kind: 'cluster', fresh: true, columns: TRUST_ADMIN, body: (c) => ({ intoId: c.w.object('cluster', 'A', 0) }) },
  { route: 'DELETE /api/clusters/:id', kind: 'cluster', fresh: true, columns: TRUST_ADMIN },
  { route: 'POST /api/clusters/assign', cells: ADMIN_ONLY, body: (c) => ({ clusterId: null, schoolIds: [c.mine.ref('B')] }) },

  // People: the trust administrator.
  { route: 'GET /api/people', cells: ADMIN_ONLY },
  { route: 'PATCH /api/people/:id', kind: 'spare', columns: SCHOOL_ADMIN, body: (c) => ({ name: `Spare ${c.owner} ${c.w.name}` }) },
  { route: 'POST /api/people/:id/password-reset', ok: 202, kind: 'spare', columns: SCHOOL_ADMIN },
  // Subject access and erasure (docs/design.md §11): anyone for themselves; the administrator for their trust's people.
  { route: 'GET /api/me/export', cells: ALL },
  { route: 'GET /api/admin/people/:id/export', kind: 'spare', columns: SCHOOL_ADMIN },
  // After the other rows on the spare person: erasing is once per person (a second answers 409).
  { route: 'POST /api/admin/people/:id/erase', kind: 'spare', columns: SCHOOL_ADMIN, body: (c) => ({ confirmName: `Spare ${c.owner} ${c.w.name}` }) },
  { route: 'GET /api/invitations', cells: ADMIN_ONLY },
  { route: 'POST /api/invitations', ok: 201, cells: ADMIN_ONLY, body: () => ({ email: `invitee-${unique()}@example.org`, role: 'central' }) },
  { route: 'POST /api/invitations/:id/resend', kind: 'invitation', columns: TRUST_ADMIN },
  { route: 'POST /api/invitations/import', cells: ADMIN_ONLY, body: () => ({ csv: `email,role,school_urn\ninvitee-${unique()}@example.org,central,\n` }) },
  { route: 'POST /api/admin/import', ok: 201, cells: ADMIN_ONLY, body: () => ({ schools: [], people: [] }) },
  { route: 'GET /api/admin/export', cells: ADMIN_ONLY },
  // The trust's data: its audit trail and how long closed work keeps its words (issue 14).
  { route: 'GET /api/admin/audit', cells: ADMIN_ONLY },
  { route: 'GET /api/retention', cells: ALL },
  { route: 'PUT /api/admin/retention', cells: ADMIN_ONLY, body: () => ({ months: 24 }) },

  // Expertise.
  { route: 'GET /api/expertise', cells: ALL },
  { route: 'POST /api/expertise', ok: 201, cells: STAFF_ONLY, body: () => ({
    title: 'Reading recovery for Year 7', summary: 'What I have done and how I would help a school.', evidence: 'Led a two-year programme in my school; reading ages rose by a year on average.',
    areas: ['reading'], subjects: ['english'], phases: ['secondary'], modes: ['fresh_eyes'], capacityDaysPerTerm: 2,
  }) },
  { route: 'GET /api/expertise/:id', kind: 'exp', columns: READ_BY_TRUST },
  { route: 'PATCH /api/expertise/:id', kind: 'exp', columns: { A: 'YFFFFFF NNFF', B: 'FFFYFFF NNFF', T2: 'NNNNNFF FYFF' }, body: () => ({ capacityDaysPerTerm: 40 }) },
  { route: 'DELETE /api/expertise/:id', kind: 'arch', fresh: true, columns: { A: 'YFFFFFF NNFF', B: 'FFFYFFF NNFF', T2: 'NNNNNFF FYFF' } },
  { route: 'PATCH /api/me/availability', cells: STAFF_ONLY, body: () => ({ paused: false }) },

  // Requests: the commissioning right (docs/design.md §1–2).
  { route: 'POST /api/requests', ok: 201, cells: HEADS_ONLY, body: () => requestBody({ title: 'A request raised by the matrix' }) },
  { route: 'GET /api/requests/:id', kind: 'open', columns: READ_BY_TRUST },
  { route: 'PATCH /api/requests/:id', kind: 'open', fresh: true, columns: OWN_HEAD, body: () => ({ version: 1, title: 'Rewritten by the matrix' }) },
  { route: 'POST /api/requests/:id/publish', kind: 'draft', fresh: true, columns: OWN_HEAD },
  { route: 'POST /api/requests/:id/withdraw', kind: 'open', fresh: true, columns: OWN_HEAD },
  { route: 'GET /api/requests/:id/similar-cases', kind: 'open', columns: READ_BY_TRUST },
  { route: 'GET /api/requests/:id/matches', kind: 'open', columns: OWN_HEAD },
  { route: 'GET /api/requests/:id/why-not', kind: 'open', columns: OWN_HEAD, query: (c) => ({ person: c.w.ref(c.owner === 'A' ? 'teacherB1' : 'teacherA1') }) },
  { route: 'GET /api/requests/:id/next-suggestions', kind: 'open', columns: OWN_HEAD },
  { route: 'POST /api/requests/:id/invitations', ok: 201, kind: 'open', fresh: true, columns: OWN_HEAD, body: (c) => ({ expertiseId: otherSchoolExpert(c) }) },
  { route: 'POST /api/requests/:id/offers', ok: 201, kind: 'open', fresh: true, columns: { A: 'FFFYYFF NNFF', B: 'YYYFFFF NNFF', T2: 'NNNNNFF FFFF' },
    body: (c) => ({ expertiseId: c.mine.ref(OWN_ENTRY[c.who] ?? 'eB1'), message: 'I led this in my own school.', days: 1 }) },
  { route: 'GET /api/requests/:id/offers', kind: 'open', columns: { A: 'YYYYYFF NNFF', B: 'YYYYYFF NNFF', T2: 'NNNNNFF YYFF' } },

  // Offers.
  { route: 'POST /api/offers/:id/accept', kind: 'offer', fresh: true, columns: OWN_HEAD },
  { route: 'POST /api/offers/:id/decline', kind: 'offer', fresh: true, columns: { A: 'FFYCFFF NNFF', B: 'CFFFYFF NNFF', T2: 'NNNNNFF YFFF' } },
  { route: 'POST /api/offers/:id/withdraw', kind: 'offer', fresh: true, columns: EXPERT },
  { route: 'PATCH /api/offers/:id', kind: 'offer', columns: EXPERT, body: () => ({ days: 1 }) },

  // Engagements and releases.
  { route: 'GET /api/engagements/:id', kind: 'eng', columns: { A: 'FFYYYYF NNNF', B: 'YFYFYYF NNNF', T2: 'NNNNNNF YFYF' } },
  { route: 'POST /api/engagements/:id/logs', ok: 201, kind: 'eng', fresh: true, columns: EXPERT, body: () => ({ date: new Date().toISOString().slice(0, 10), days: 1 }) },
  { route: 'POST /api/engagements/:id/complete', kind: 'eng', fresh: true, columns: OWN_HEAD, body: () => ({ impact: 4, reflection: 'The work changed how we teach reading.' }) },
  { route: 'POST /api/engagements/:id/reflection', kind: 'eng', fresh: true, columns: EXPERT, body: () => ({ reflection: 'I learned how another school teaches reading.' }) },
  { route: 'POST /api/engagements/:id/extensions', ok: 201, kind: 'eng', fresh: true, columns: EXPERT, body: () => ({ days: 1, reason: 'The work needs one more day to finish well.' }) },
  // A request for more days on an id that is not one: refused by role before any lookup, else not found.
  { route: 'POST /api/extensions/:id/agree', cells: 'FFNFNFF NFFF', url: () => `/api/extensions/${randomUUID()}/agree` },
  { route: 'POST /api/extensions/:id/decline', cells: 'FFNFNFF NFFF', url: () => `/api/extensions/${randomUUID()}/decline`, body: () => ({ reason: '' }) },
  { route: 'POST /api/extensions/:id/approve', cells: 'FFNFNFF NFFF', url: () => `/api/extensions/${randomUUID()}/approve` },
  { route: 'POST /api/extensions/:id/refuse', cells: 'FFNFNFF NFFF', url: () => `/api/extensions/${randomUUID()}/refuse`, body: () => ({ reason: '' }) },
  // People who leave: the engagements of the matrix's world have their expert at work, so the party allowed reaches the state check (409).
  { route: 'POST /api/engagements/:id/end-early', kind: 'eng', columns: { A: 'FFCFFFF NFFF', B: 'FFFFCFF NFFF', T2: 'FFNFNFF CFFF' }, body: () => ({ impact: 3, reflection: 'What was delivered changed how we teach reading.' }) },
  { route: 'POST /api/engagements/:id/colleague-request', kind: 'eng', columns: { A: 'FFCFFFF NFFF', B: 'FFFFCFF NFFF', T2: 'FFNFNFF CFFF' }, body: () => ({ note: '' }) },
  { route: 'GET /api/engagements/:id/colleagues', kind: 'eng', columns: { A: 'FFFFYFF NFFF', B: 'FFYFFFF NFFF', T2: 'FFNFNFF FFFF' } },
  { route: 'POST /api/engagements/:id/colleague', kind: 'eng', columns: { A: 'FFFFCFF NFFF', B: 'FFCFFFF NFFF', T2: 'FFNFNFF FFFF' }, body: (c) => ({ expertiseId: c.w.ref('eA1'), message: 'She led the same work at our school last year.' }) },
  { route: 'POST /api/engagements/:id/cancel', kind: 'eng', fresh: true, columns: { A: 'FFYYFFF NNFF', B: 'YFFFYFF NNFF', T2: 'NNNNNFF YFFF' }, body: () => ({ reason: 'The school closed for a week' }) },
  { route: 'GET /api/releases', cells: HEADS_ONLY },
  { route: 'POST /api/releases/:id/approve', kind: 'pend', fresh: true, columns: { A: 'FFFFYFF NFFF', B: 'FFYFFFF NFFF', T2: 'FFNFNFF FFFF' } },
  { route: 'POST /api/releases/:id/refuse', kind: 'pend', fresh: true, columns: { A: 'FFFFYFF NFFF', B: 'FFYFFFF NFFF', T2: 'FFNFNFF FFFF' } },

  // Cases and flows.
  { route: 'GET /api/cases/:id', kind: 'case', columns: READ_BY_TRUST },
  { route: 'GET /api/flows', cells: FLOWS },
  { route: 'GET /api/flows/balance', cells: FLOWS },
  { route: 'GET /api/flows/supply-demand', cells: FLOWS },
  { route: 'GET /api/flows/time-to-commission', cells: FLOWS },
  { route: 'GET /api/flows/left-behind', cells: FLOWS },
  { route: 'GET /api/flows/open-requests', cells: FLOWS },
  { route: 'GET /api/flows/links/:from/:to', kind: 'school', columns: { A: 'FFYFYYY NFNN', T2: 'FFNFNNN YFYY' },
    url: (c) => `/api/flows/links/${c.w.ref('B')}/${c.w.ref('A')}` },
]

const CALENDAR_2030 = {
  terms: [
    { name: 'autumn', start: '2030-09-02', end: '2030-12-20', halfTerm: { start: '2030-10-28', end: '2030-11-01' } },
    { name: 'spring', start: '2031-01-06', end: '2031-04-04', halfTerm: { start: '2031-02-17', end: '2031-02-21' } },
    { name: 'summer', start: '2031-04-22', end: '2031-07-18', halfTerm: { start: '2031-05-26', end: '2031-05-30' } },
  ],
  closures: [],
}
