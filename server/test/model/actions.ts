import fc from 'fast-check'
import {
  ENGAGEMENT_LIFECYCLE,
  EXTENSION_LIFECYCLE,
  type Lifecycle,
  OFFER_LIFECYCLE,
  type Party,
  RELEASE_LIFECYCLE,
  REQUEST_LIFECYCLE,
  allows,
} from '@ee/shared/lifecycles'
import { sweep } from '../../src/jobs/sweeper.ts'
import { withTrust } from '../../src/db/scope.ts'
import { requestBody } from '../commissioning.ts'
import { ENTRIES, type EngagementState, type Entry, HEADS, type OfferState, type RequestState, ROLES, type Role, type State, type World } from './world.ts'

/**
 * Every action of commissioning by every role, as the model draws them (issue 13 item 7). An action
 * is one entry of ACTIONS: its parameters (who, which object, what values) as a fast-check
 * arbitrary, and `run`, which resolves them against the state before the step, makes the HTTP call
 * and says what the answer must respect:
 *
 * - `guards`: the lifecycle steps (shared/src/lifecycles.ts) the action takes, on which object, as
 *   which party. Where a table has no such step from the object's state, or not for that party, the
 *   answer must be 4xx; where it succeeds, the object's new state must be one the table leads to.
 * - `refuse`: other reasons, read from the state before, why it must be refused (a log outside the
 *   engagement, days past those agreed, an entry not one's own).
 *
 * New actions (an expert leaving, an invitation moving on) are one more entry here.
 */

type Kind = 'request' | 'offer' | 'engagement' | 'release' | 'extension'
export type Guard = { kind: Kind; id: string; action: string; parties?: Party[] }
export type Answer = { statusCode: number; body: string }
export type Attempt = { res: Answer; guards?: Guard[]; refuse?: string[] }
export type ModelAction<P = unknown> = { name: string; weight: number; params: fc.Arbitrary<P>; run: (w: World, p: P) => Promise<Attempt> }

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one table per kind, each with its own states and actions
export const TABLES: Record<Kind, Lifecycle<any, any>> = {
  request: REQUEST_LIFECYCLE, offer: OFFER_LIFECYCLE, engagement: ENGAGEMENT_LIFECYCLE, release: RELEASE_LIFECYCLE, extension: EXTENSION_LIFECYCLE,
}

/** The state an object of a kind is in, read from a step's state; undefined when it does not exist. */
export function statusOf(s: State, kind: Kind, id: string): string | undefined {
  switch (kind) {
    case 'request': return s.requests.find((r) => r.id === id)?.status
    case 'offer': return s.offers.find((o) => o.id === id)?.status
    case 'engagement': return s.engagements.find((g) => g.id === id)?.status
    case 'release': return s.engagements.find((g) => g.id === id)?.release
    case 'extension': return s.extensions.find((x) => x.id === id)?.status
  }
}

const MISSING = '00000000-0000-4000-8000-000000000000'
const REFLECTION = 'We rebuilt the intervention around fluency and daily reading aloud; most pupils caught up.'

/** Who acts: mostly the party the action is for (`party`, resolved against the object), sometimes anyone at all (the wrong-role attempts). */
type Who = Role | 'party'
const by = fc.oneof({ weight: 4, arbitrary: fc.constant<Who>('party') }, { weight: 1, arbitrary: fc.constantFrom<Who>(...ROLES) })
const actor = (who: Who, party: Role | undefined): Role => (who === 'party' ? (party ?? 'central') : who)
/** Which object: mostly one the table lets the action start from, sometimes any (the wrong-state attempts). */
const pick = fc.record({ n: fc.nat({ max: 10_000 }), fitting: fc.boolean() })
type Pick = { n: number; fitting: boolean }

function choose<T>(items: T[], p: Pick, fits: (t: T) => boolean): T | undefined {
  const pool = p.fitting && items.some(fits) ? items.filter(fits) : items
  return pool.length ? pool[p.n % pool.length] : undefined
}

const post = (w: World, role: Role, url: string, payload?: object) => w.api(role)({ method: 'POST', url, ...(payload ? { payload } : {}) })
const patch = (w: World, role: Role, url: string, payload: object) => w.api(role)({ method: 'PATCH', url, payload })

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** Who `role` is to an object: the parties of shared/src/lifecycles.ts. */
function requestParties(w: World, role: Role, r: RequestState | undefined): Party[] {
  return r && w.isHeadOf(role, r.schoolId) ? ['head'] : []
}
function offerParties(w: World, role: Role, o: OfferState | undefined, s: State): Party[] {
  if (!o) return []
  const r = s.requests.find((x) => x.id === o.requestId)
  return [...(w.personId(role) === o.personId ? ['expert' as const] : []), ...requestParties(w, role, r)]
}
function engagementParties(w: World, role: Role, g: EngagementState | undefined): Party[] {
  if (!g) return []
  const parties: Party[] = []
  if (w.personId(role) === g.expertId) parties.push('expert')
  if (w.isHeadOf(role, g.receiverSchoolId)) parties.push('head')
  if (w.isHeadOf(role, g.providerSchoolId)) parties.push('providing')
  return parties
}

/** Reasons any attempt by `role` must fail, whatever it is: they have been deactivated. */
function gone(w: World, role: Role): string[] {
  return w.state.people.find((p) => p.id === w.personId(role))?.active === false ? [`${role} has been deactivated`] : []
}

const fitsTable = (kind: Kind, action: string) => (status: string) => allows(TABLES[kind], status, action)

// ---------------------------------------------------------------------------------------------
// Requests: the head raises, edits, publishes, withdraws and invites.

const raise: ModelAction<{ role: Role; wanted: number; days: number; from: number; length: number }> = {
  name: 'raise a request', weight: 2,
  params: fc.record({
    role: fc.oneof({ weight: 4, arbitrary: fc.constantFrom<Role>(...HEADS) }, { weight: 1, arbitrary: fc.constantFrom(...ROLES) }),
    wanted: fc.integer({ min: 1, max: 3 }), days: fc.integer({ min: 1, max: 4 }), from: fc.nat({ max: 30 }), length: fc.integer({ min: 5, max: 80 }),
  }),
  async run(w, p) {
    const spring = w.seq.terms.find((t) => t.name === 'spring')!
    const start = addDays(spring.start, p.from)
    const res = await post(w, p.role, '/api/requests', requestBody({
      title: `Reading recovery ${w.seq.year}`, expertsWanted: p.wanted, daysPerExpert: p.days, window: { start, end: addDays(start, p.length) },
    }))
    return { res, refuse: [...gone(w, p.role), ...((HEADS as readonly Role[]).includes(p.role) ? [] : [`${p.role} is not a head`])] }
  },
}

/** A request of the sequence and its head's call on it (or someone else's). */
const requestStep = (name: string, weight: number, action: string, call: (w: World, role: Role, id: string) => Promise<Answer>): ModelAction<{ who: Who; r: Pick }> => ({
  name, weight,
  params: fc.record({ who: by, r: pick }),
  async run(w, p) {
    const r = choose(w.state.requests, p.r, (x) => fitsTable('request', action)(x.status))
    const role = actor(p.who, r && w.headOf(r.schoolId))
    const res = await call(w, role, r?.id ?? MISSING)
    return { res, guards: r ? [{ kind: 'request', id: r.id, action, parties: requestParties(w, role, r) }] : [], refuse: [...gone(w, role), ...(r ? [] : ['no such request'])] }
  },
})

const publish = requestStep('publish a request', 2, 'publish', (w, role, id) => post(w, role, `/api/requests/${id}/publish`))
const withdraw = requestStep('withdraw a request', 1, 'withdraw', (w, role, id) => post(w, role, `/api/requests/${id}/withdraw`))

const edit: ModelAction<{ who: Who; r: Pick; wanted: number | undefined; days: number | undefined; stale: boolean }> = {
  name: 'edit a request', weight: 1,
  params: fc.record({ who: by, r: pick, wanted: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), days: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), stale: fc.boolean() }),
  async run(w, p) {
    const r = choose(w.state.requests, p.r, (x) => fitsTable('request', 'edit')(x.status))
    const role = actor(p.who, r && w.headOf(r.schoolId))
    const version = r ? r.version - (p.stale ? 1 : 0) : 1
    const res = await patch(w, role, `/api/requests/${r?.id ?? MISSING}`, { version: Math.max(version, 1), title: `Reading recovery, edited ${version}`, expertsWanted: p.wanted, daysPerExpert: p.days })
    const refuse = [...gone(w, role), ...(r ? [] : ['no such request']), ...(p.stale && r && r.version > 1 ? ['the edit is of an older version'] : [])]
    return { res, guards: r ? [{ kind: 'request', id: r.id, action: 'edit', parties: requestParties(w, role, r) }] : [], refuse }
  },
}

const entry = fc.constantFrom(...(Object.keys(ENTRIES) as Entry[]))
const entriesOutside = (w: World, schoolId: string | undefined) => (Object.keys(ENTRIES) as Entry[]).filter((e) => w.schoolOf(ENTRIES[e]) !== schoolId)

const invite: ModelAction<{ who: Who; r: Pick; entry: Entry; n: number }> = {
  name: 'invite an expert', weight: 2,
  params: fc.record({ who: by, r: pick, entry, n: fc.nat() }),
  async run(w, p) {
    const r = choose(w.state.requests, p.r, (x) => fitsTable('request', 'invite')(x.status))
    const role = actor(p.who, r && w.headOf(r.schoolId))
    const outside = entriesOutside(w, r?.schoolId)
    const invited = p.r.fitting && outside.length ? outside[p.n % outside.length]! : p.entry
    const res = await post(w, role, `/api/requests/${r?.id ?? MISSING}/invitations`, { expertiseId: w.entryId(invited) })
    const own = r && w.schoolOf(ENTRIES[invited]) === r.schoolId
    return {
      res,
      guards: r ? [{ kind: 'request', id: r.id, action: 'invite', parties: requestParties(w, role, r) }] : [],
      refuse: [...gone(w, role), ...(r ? [] : ['no such request']), ...(own ? ['the expert works at the requesting school'] : [])],
    }
  },
}

// ---------------------------------------------------------------------------------------------
// Offers: experts offer (or answer an invitation), edit and withdraw; heads accept and decline.

const makeOffer: ModelAction<{ who: Who; r: Pick; days: number; n: number; other: Entry }> = {
  name: 'offer or answer an invitation', weight: 6,
  params: fc.record({ who: by, r: pick, days: fc.integer({ min: 1, max: 5 }), n: fc.nat(), other: entry }),
  async run(w, p) {
    const r = choose(w.state.requests, p.r, (x) => x.status === 'open')
    const outside = entriesOutside(w, r?.schoolId)
    // The party: an expert of another school, with their own entry. Anyone else offers with their own entry if they have one.
    const partyEntry = outside.length ? outside[p.n % outside.length] : undefined
    const role = actor(p.who, partyEntry && ENTRIES[partyEntry])
    const mine = (Object.keys(ENTRIES) as Entry[]).find((e) => ENTRIES[e] === role)
    const expertise = p.who === 'party' ? (partyEntry ?? p.other) : (mine ?? p.other)
    const res = await post(w, role, `/api/requests/${r?.id ?? MISSING}/offers`, { expertiseId: w.entryId(expertise), message: 'I led our KS3 reading recovery programme.', days: p.days })
    const live = r && w.state.offers.find((o) => o.requestId === r.id && o.personId === w.personId(role) && ['invited', 'proposed', 'accepted'].includes(o.status))
    const guards: Guard[] = r ? [{ kind: 'request', id: r.id, action: 'offer' }] : []
    if (live) guards.push({ kind: 'offer', id: live.id, action: 'answer', parties: offerParties(w, role, live, w.state) })
    const refuse = [
      ...gone(w, role), ...(r ? [] : ['no such request']),
      ...(ENTRIES[expertise] !== role ? ['the expertise is not theirs'] : []),
      ...(r && w.schoolOf(role) === r.schoolId ? ['they work at the requesting school'] : []),
    ]
    return { res, guards, refuse }
  },
}

/** An offer of the sequence and a party's call on it. */
const offerStep = (name: string, weight: number, party: (w: World, o: OfferState) => Role | undefined, action: string, call: (w: World, role: Role, id: string) => Promise<Answer>, requestAction?: string): ModelAction<{ who: Who; o: Pick }> => ({
  name, weight,
  params: fc.record({ who: by, o: pick }),
  async run(w, p) {
    const o = choose(w.state.offers, p.o, (x) => fitsTable('offer', action)(x.status))
    const role = actor(p.who, o && party(w, o))
    const res = await call(w, role, o?.id ?? MISSING)
    const guards: Guard[] = o ? [{ kind: 'offer', id: o.id, action, parties: offerParties(w, role, o, w.state) }] : []
    if (o && requestAction) guards.push({ kind: 'request', id: o.requestId, action: requestAction })
    return { res, guards, refuse: [...gone(w, role), ...(o ? [] : ['no such offer'])] }
  },
})

const theExpert = (w: World, o: OfferState) => w.roleOf(o.personId)
const theHead = (w: World, o: OfferState) => w.headOf(w.state.requests.find((r) => r.id === o.requestId)?.schoolId ?? null)
const acceptOffer = offerStep('accept an offer', 6, theHead, 'accept', (w, role, id) => post(w, role, `/api/offers/${id}/accept`, { note: 'Thank you.' }), 'accept')
const declineOffer = offerStep('decline an offer or invitation', 1, (w, o) => (o.status === 'invited' && o.days % 2 ? theExpert(w, o) : theHead(w, o)), 'decline',
  (w, role, id) => post(w, role, `/api/offers/${id}/decline`, { reason: 'We chose another offer.' }))
const withdrawOffer = offerStep('withdraw an offer', 1, theExpert, 'withdraw', (w, role, id) => post(w, role, `/api/offers/${id}/withdraw`))

const editOffer: ModelAction<{ who: Who; o: Pick; days: number }> = {
  name: 'edit an offer', weight: 1,
  params: fc.record({ who: by, o: pick, days: fc.integer({ min: 1, max: 5 }) }),
  async run(w, p) {
    const o = choose(w.state.offers, p.o, (x) => fitsTable('offer', 'edit')(x.status))
    const role = actor(p.who, o && theExpert(w, o))
    const res = await patch(w, role, `/api/offers/${o?.id ?? MISSING}`, { days: p.days, message: 'I can give a little more time than I first said.' })
    const guards: Guard[] = o ? [{ kind: 'offer', id: o.id, action: 'edit', parties: offerParties(w, role, o, w.state) }, { kind: 'request', id: o.requestId, action: 'offer' }] : []
    return { res, guards, refuse: [...gone(w, role), ...(o ? [] : ['no such offer'])] }
  },
}

// ---------------------------------------------------------------------------------------------
// Releases: the providing head approves or refuses.

const releaseStep = (name: string, action: 'approve' | 'refuse'): ModelAction<{ who: Who; g: Pick }> => ({
  name, weight: 2,
  params: fc.record({ who: by, g: pick }),
  async run(w, p) {
    const g = choose(w.state.engagements, p.g, (x) => x.status === 'active' && fitsTable('release', action)(x.release))
    const role = actor(p.who, g && w.headOf(g.providerSchoolId))
    const res = await post(w, role, `/api/releases/${g?.id ?? MISSING}/${action}`, action === 'refuse' ? { reason: 'We cannot spare her this term.' } : undefined)
    const guards: Guard[] = g ? [{ kind: 'release', id: g.id, action, parties: engagementParties(w, role, g) }] : []
    if (g && action === 'refuse') guards.push({ kind: 'engagement', id: g.id, action: 'refuseRelease', parties: engagementParties(w, role, g) })
    return { res, guards, refuse: [...gone(w, role), ...(g ? [] : ['no such engagement']), ...(g && g.status !== 'active' ? [`the engagement is ${g.status}`] : [])] }
  },
})

// ---------------------------------------------------------------------------------------------
// Engagements: the expert logs sessions, reflects and asks for more days; the receiving head completes; either cancels.

const LOG_DATES = ['inside', 'inside', 'inside', 'before acceptance', 'in the future', 'after the window'] as const
const theEngagementExpert = (w: World, g: EngagementState) => w.roleOf(g.expertId)
const theReceivingHead = (w: World, g: EngagementState) => w.headOf(g.receiverSchoolId)

const logSession: ModelAction<{ who: Who; g: Pick; when: (typeof LOG_DATES)[number]; offset: number; days: number }> = {
  name: 'log a session', weight: 5,
  params: fc.record({ who: by, g: pick, when: fc.constantFrom(...LOG_DATES), offset: fc.nat({ max: 60 }), days: fc.constantFrom(0.5, 1, 1, 2, 3, 6) }),
  async run(w, p) {
    const g = choose(w.state.engagements, p.g, (x) => x.status === 'active' && x.release === 'approved')
    const role = actor(p.who, g && theEngagementExpert(w, g))
    const today = w.today()
    const last = g && g.windowEnd < today ? g.windowEnd : today
    const span = g ? Math.max(0, (Date.parse(last) - Date.parse(g.acceptedOn)) / 86_400_000) : 0
    const date = !g ? today
      : p.when === 'inside' ? addDays(g.acceptedOn, span ? p.offset % (span + 1) : 0)
      : p.when === 'before acceptance' ? addDays(g.acceptedOn, -1 - (p.offset % 20))
      : p.when === 'in the future' ? addDays(today, 1 + (p.offset % 20))
      : addDays(g.windowEnd, 1 + (p.offset % 20))
    const res = await post(w, role, `/api/engagements/${g?.id ?? MISSING}/logs`, { date, days: p.days, note: 'Coached two teachers on fluency.' })
    const refuse = [...gone(w, role), ...(g ? [] : ['no such engagement'])]
    if (g) {
      if (date > today) refuse.push(`${date} is after today, ${today}`)
      if (date < g.acceptedOn) refuse.push(`${date} is before the offer was accepted on ${g.acceptedOn}`)
      if (date > g.windowEnd) refuse.push(`${date} is after the window's end, ${g.windowEnd}`)
      if (p.days > g.days - g.delivered) refuse.push(`${p.days} days would pass the ${g.days} agreed (${g.delivered} logged)`)
      if (g.release !== 'approved') refuse.push(`the release is ${g.release}`)
    }
    return { res, guards: g ? [{ kind: 'engagement', id: g.id, action: 'log', parties: engagementParties(w, role, g) }] : [], refuse }
  },
}

/** An engagement of the sequence and a party's call on it. */
const engagementStep = (
  name: string, weight: number, party: (w: World, g: EngagementState) => Role | undefined, action: string,
  call: (w: World, role: Role, id: string) => Promise<Answer>, extra: (g: EngagementState) => string[] = () => [],
): ModelAction<{ who: Who; g: Pick }> => ({
  name, weight,
  params: fc.record({ who: by, g: pick }),
  async run(w, p) {
    const g = choose(w.state.engagements, p.g, (x) => fitsTable('engagement', action)(x.status) && extra(x).length === 0)
    const role = actor(p.who, g && party(w, g))
    const res = await call(w, role, g?.id ?? MISSING)
    return {
      res,
      guards: g ? [{ kind: 'engagement', id: g.id, action, parties: engagementParties(w, role, g) }] : [],
      refuse: [...gone(w, role), ...(g ? extra(g) : ['no such engagement'])],
    }
  },
})

const released = (g: EngagementState) => (g.release === 'approved' ? [] : [`the release is ${g.release}`])

const complete = engagementStep('complete an engagement', 3, theReceivingHead, 'complete', (w, role, id) => post(w, role, `/api/engagements/${id}/complete`, { impact: 4, reflection: REFLECTION }), released)
const reflect = engagementStep('reflect on an engagement', 3, theEngagementExpert, 'reflect', (w, role, id) => post(w, role, `/api/engagements/${id}/reflection`, { reflection: REFLECTION }),
  (g) => [...released(g), ...(g.expertReflected ? ['the expert has reflected already'] : [])])
const cancel = engagementStep('cancel an engagement', 1, (w, g) => (g.days % 2 ? theReceivingHead(w, g) : theEngagementExpert(w, g)), 'cancel',
  (w, role, id) => post(w, role, `/api/engagements/${id}/cancel`, { reason: 'The school has closed for repairs.' }))

const propose: ModelAction<{ who: Who; g: Pick; days: number }> = {
  name: 'ask for more days', weight: 2,
  params: fc.record({ who: by, g: pick, days: fc.integer({ min: 1, max: 5 }) }),
  async run(w, p) {
    const open = (g: EngagementState) => w.state.extensions.some((x) => x.engagementId === g.id && (x.status === 'proposed' || x.status === 'pending'))
    const g = choose(w.state.engagements, p.g, (x) => x.status === 'active' && x.release === 'approved' && !open(x))
    const role = actor(p.who, g && theEngagementExpert(w, g))
    const res = await post(w, role, `/api/engagements/${g?.id ?? MISSING}/extensions`, { days: p.days, reason: 'The department asked for two more coaching cycles.' })
    const refuse = [...gone(w, role), ...(g ? released(g) : ['no such engagement']), ...(g && open(g) ? ['a request for more days is open already'] : [])]
    return { res, guards: g ? [{ kind: 'engagement', id: g.id, action: 'extend', parties: engagementParties(w, role, g) }] : [], refuse }
  },
}

/** A request for more days of the sequence and a head's call on it. */
const extensionStep = (name: string, action: 'agree' | 'decline' | 'approve' | 'refuse'): ModelAction<{ who: Who; x: Pick }> => ({
  name, weight: 2,
  params: fc.record({ who: by, x: pick }),
  async run(w, p) {
    const x = choose(w.state.extensions, p.x, (e) => fitsTable('extension', action)(e.status))
    const g = x && w.state.engagements.find((e) => e.id === x.engagementId)
    const role = actor(p.who, g && (action === 'agree' || action === 'decline' ? theReceivingHead(w, g) : w.headOf(g.providerSchoolId)))
    const res = await post(w, role, `/api/extensions/${x?.id ?? MISSING}/${action}`, action === 'decline' || action === 'refuse' ? { reason: 'Not this term.' } : undefined)
    const refuse = [...gone(w, role), ...(x ? [] : ['no such request for more days'])]
    if (g && g.status !== 'active' && (action === 'agree' || action === 'approve')) refuse.push(`the engagement is ${g.status}`)
    return { res, guards: x ? [{ kind: 'extension', id: x.id, action, parties: engagementParties(w, role, g) }] : [], refuse }
  },
})

// ---------------------------------------------------------------------------------------------
// Experts' availability, the administrator, and time.

const setCapacity: ModelAction<{ who: Who; entry: Entry; days: number }> = {
  name: 'set capacity', weight: 1,
  params: fc.record({ who: by, entry, days: fc.integer({ min: 0, max: 12 }) }),
  async run(w, p) {
    const role = actor(p.who, ENTRIES[p.entry])
    const res = await patch(w, role, `/api/expertise/${w.entryId(p.entry)}`, { capacityDaysPerTerm: p.days })
    return { res, refuse: [...gone(w, role), ...(ENTRIES[p.entry] === role ? [] : ['the entry is not theirs'])] }
  },
}

const pause: ModelAction<{ who: Who; entry: Entry; paused: boolean }> = {
  name: 'pause or resume availability', weight: 1,
  params: fc.record({ who: by, entry, paused: fc.boolean() }),
  async run(w, p) {
    const role = actor(p.who, ENTRIES[p.entry])
    const res = await patch(w, role, '/api/me/availability', { paused: p.paused })
    return { res, refuse: [...gone(w, role), ...(w.schoolOf(role) ? [] : [`${role} has no availability to pause`])] }
  },
}

const deactivate: ModelAction<{ who: Who; person: Role }> = {
  name: 'deactivate a person', weight: 1,
  params: fc.record({ who: by, person: fc.constantFrom<Role>('teacherB1', 'expertB0', 'headB', 'teacherA1', 'teacherA2', 'headA') }),
  async run(w, p) {
    const role = actor(p.who, 'admin')
    const res = await patch(w, role, `/api/people/${w.personId(p.person)}`, { active: false })
    return { res, refuse: [...gone(w, role), ...(role === 'admin' ? [] : [`${role} is not the administrator`])] }
  },
}

const ok = (body = ''): Answer => ({ statusCode: 200, body })

const advance: ModelAction<{ days: number }> = {
  name: 'time passes', weight: 3,
  params: fc.record({ days: fc.integer({ min: 1, max: 12 }) }),
  run(w, p) {
    w.clock.set(new Date(w.clock.now().getTime() + p.days * 86_400_000).toISOString())
    return Promise.resolve({ res: ok(w.today()) })
  },
}

const runSweeper: ModelAction<Record<string, never>> = {
  name: 'the sweeper runs', weight: 1,
  params: fc.constant({}),
  // Scoped to the worker's trust: another worker's clock is its own, and so are its invitations.
  async run(w) {
    return { res: ok(JSON.stringify(await withTrust(w.trustId, () => sweep(w.app.db, w.clock.now())))) }
  },
}

/** An action with its parameters' type forgotten: the runner hands `run` what `params` drew. */
export type AnyAction = { name: string; weight: number; params: fc.Arbitrary<unknown>; run: (w: World, p: unknown) => Promise<Attempt> }
const erase = <P>(a: ModelAction<P>): AnyAction => a as unknown as AnyAction

export const ACTIONS: AnyAction[] = [
  raise, edit, publish, withdraw, invite,
  makeOffer, editOffer, withdrawOffer, acceptOffer, declineOffer,
  releaseStep('approve a release', 'approve'), releaseStep('refuse a release', 'refuse'),
  logSession, complete, reflect, cancel, propose,
  extensionStep('agree to more days', 'agree'), extensionStep('decline more days', 'decline'),
  extensionStep('release more days', 'approve'), extensionStep('refuse to release more days', 'refuse'),
  setCapacity, pause, deactivate, advance, runSweeper,
].map((a) => erase(a as ModelAction<unknown>))

/** One step as fast-check draws and prints it: the action's name and its parameters. */
export type Step = { do: string; with: unknown }
export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  ...ACTIONS.map((a) => ({ weight: a.weight, arbitrary: a.params.map((p): Step => ({ do: a.name, with: p })) })),
)
export const actionNamed = (name: string) => ACTIONS.find((a) => a.name === name)!
