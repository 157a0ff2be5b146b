import type { EngagementStatus, ReleaseStatus } from './engagements.ts'
import type { OfferStatus } from './offers.ts'
import type { RequestStatus } from './requests.ts'

/**
 * Every lifecycle of commissioning as one table each (docs/design.md §3): the server's services refuse
 * any step not in its table with 409, the tests walk the tables, and the client shows an action only
 * where its table allows it. A row is one step: from a state, an action, to a state, by whom.
 *
 * `who` names the party, not a role: `head` is the requesting (receiving) school's head, `providing`
 * the head of the expert's own school, `expert` the person offering or doing the work, `system` the
 * product itself (the last place filled, an invitation expiring). Authorisation (which person is that
 * party) stays in server/src/lib/policy.ts; the table says which steps exist.
 */
export type Party = 'head' | 'expert' | 'providing' | 'system'

export type Transition<S extends string, A extends string> = {
  readonly from: S
  readonly action: A
  readonly to: S
  readonly who: readonly Party[]
  /** When one action can lead to two states, what decides (e.g. the last place, the release budget). */
  readonly when?: string
}

export type Lifecycle<S extends string, A extends string> = {
  readonly noun: string
  /** "This request is …" */
  readonly is: Readonly<Record<S, string>>
  /** "only … can be published" */
  readonly a: Readonly<Record<S, string>>
  /** "… can be <done>" */
  readonly done: Readonly<Record<A, string>>
  readonly transitions: readonly Transition<S, A>[]
}

const t = <S extends string, A extends string>(from: S, action: A, to: S, who: Party[], when?: string): Transition<S, A> =>
  when ? { from, action, to, who, when } : { from, action, to, who }

export const REQUEST_ACTIONS = ['edit', 'publish', 'withdraw', 'invite', 'offer', 'accept', 'complete', 'reopen'] as const
export type RequestAction = (typeof REQUEST_ACTIONS)[number]

export const REQUEST_LIFECYCLE: Lifecycle<RequestStatus, RequestAction> = {
  noun: 'request',
  is: { draft: 'a draft', open: 'open', commissioned: 'commissioned', completed: 'completed', withdrawn: 'withdrawn' },
  a: { draft: 'a draft', open: 'an open request', commissioned: 'a commissioned request', completed: 'a completed request', withdrawn: 'a withdrawn request' },
  done: {
    edit: 'edited', publish: 'published', withdraw: 'withdrawn', invite: 'sent invitations', offer: 'offered on',
    accept: 'given an accepted offer', complete: 'completed', reopen: 'opened again',
  },
  transitions: [
    t('draft', 'edit', 'draft', ['head']),
    t('open', 'edit', 'open', ['head'], 'places are still left'),
    t('open', 'edit', 'commissioned', ['head'], 'fewer places are wanted and every one is filled'),
    t('draft', 'publish', 'open', ['head']),
    t('draft', 'withdraw', 'withdrawn', ['head']),
    t('open', 'withdraw', 'withdrawn', ['head'], 'nobody is working on it yet'),
    // The system invites for the head when an invitation lapses and they asked for the next suggestion automatically.
    t('open', 'invite', 'open', ['head', 'system']),
    t('open', 'offer', 'open', ['expert']),
    t('open', 'accept', 'open', ['head'], 'places are still left'),
    t('open', 'accept', 'commissioned', ['head'], 'the last place is filled'),
    t('commissioned', 'complete', 'completed', ['system'], 'no work is under way and some was completed'),
    t('commissioned', 'reopen', 'open', ['system'], 'a place is free again: a release was refused or an engagement cancelled'),
  ],
}

export const OFFER_ACTIONS = ['answer', 'edit', 'accept', 'decline', 'expire', 'close', 'withdraw'] as const
export type OfferAction = (typeof OFFER_ACTIONS)[number]

export const OFFER_LIFECYCLE: Lifecycle<OfferStatus, OfferAction> = {
  noun: 'offer',
  is: { invited: 'an invitation not yet answered', proposed: 'waiting for the head to decide', accepted: 'accepted', declined: 'declined', withdrawn: 'withdrawn' },
  a: { invited: 'an invitation not yet answered', proposed: 'an offer waiting for a decision', accepted: 'an accepted offer', declined: 'a declined offer', withdrawn: 'a withdrawn offer' },
  done: { answer: 'answered', edit: 'changed', accept: 'accepted', decline: 'declined', expire: 'expired', close: 'closed', withdraw: 'withdrawn' },
  transitions: [
    t('invited', 'answer', 'proposed', ['expert']),
    t('invited', 'decline', 'declined', ['head', 'expert']),
    t('invited', 'expire', 'declined', ['system'], 'five school days pass unanswered'),
    t('invited', 'close', 'declined', ['system'], 'the request is filled or withdrawn'),
    t('invited', 'withdraw', 'withdrawn', ['expert']),
    t('proposed', 'edit', 'proposed', ['expert']),
    t('proposed', 'accept', 'accepted', ['head']),
    t('proposed', 'decline', 'declined', ['head']),
    t('proposed', 'close', 'declined', ['system'], 'the request is filled or withdrawn'),
    t('proposed', 'withdraw', 'withdrawn', ['expert']),
  ],
}

export const ENGAGEMENT_ACTIONS = ['log', 'extend', 'complete', 'reflect', 'cancel', 'refuseRelease', 'endEarly', 'askColleague', 'nameColleague', 'handOver'] as const
export type EngagementAction = (typeof ENGAGEMENT_ACTIONS)[number]

export const ENGAGEMENT_LIFECYCLE: Lifecycle<EngagementStatus, EngagementAction> = {
  noun: 'engagement',
  is: { active: 'under way', completed: 'completed', cancelled: 'cancelled' },
  a: { active: 'an engagement under way', completed: 'a completed engagement', cancelled: 'a cancelled engagement' },
  done: {
    log: 'logged against', extend: 'given more days', complete: 'completed', reflect: 'reflected on', cancel: 'cancelled', refuseRelease: 'refused a release',
    endEarly: 'ended with what was delivered', askColleague: 'handed to a colleague', nameColleague: 'given a colleague', handOver: 'handed over',
  },
  transitions: [
    t('active', 'log', 'active', ['expert'], 'its release is approved'),
    t('active', 'extend', 'active', ['expert'], 'its release is approved'),
    t('active', 'complete', 'completed', ['head'], 'its release is approved'),
    t('active', 'reflect', 'active', ['expert'], 'its release is approved'),
    t('completed', 'reflect', 'completed', ['expert']),
    t('active', 'cancel', 'cancelled', ['head', 'expert']),
    t('active', 'refuseRelease', 'cancelled', ['providing']),
    // People who leave (docs/decisions/012-people-who-leave.md): the receiving head chooses once the expert has gone.
    t('active', 'endEarly', 'completed', ['head'], 'its expert has left or is away, and some days were delivered'),
    t('active', 'askColleague', 'active', ['head'], 'its expert has left or is away, and days are left'),
    t('active', 'nameColleague', 'active', ['providing'], 'the receiving head asked for a colleague'),
    t('active', 'handOver', 'completed', ['head'], "the head accepts the colleague's offer after some days were delivered"),
    t('active', 'handOver', 'cancelled', ['head'], "the head accepts the colleague's offer before any day was delivered"),
  ],
}

export const RELEASE_ACTIONS = ['approve', 'refuse'] as const
export type ReleaseAction = (typeof RELEASE_ACTIONS)[number]

/** Born approved while the providing school stays within its releaseDaysPerTerm, otherwise pending. */
export const RELEASE_LIFECYCLE: Lifecycle<ReleaseStatus, ReleaseAction> = {
  noun: 'release',
  is: { pending: 'awaiting approval', approved: 'approved', refused: 'refused' },
  a: { pending: 'a release awaiting approval', approved: 'an approved release', refused: 'a refused release' },
  done: { approve: 'approved', refuse: 'refused' },
  transitions: [
    t('pending', 'approve', 'approved', ['providing']),
    t('pending', 'refuse', 'refused', ['providing']),
  ],
}

export const EXTENSION_STATUSES = ['proposed', 'pending', 'approved', 'declined', 'refused'] as const
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number]
export const EXTENSION_ACTIONS = ['agree', 'decline', 'approve', 'refuse'] as const
export type ExtensionAction = (typeof EXTENSION_ACTIONS)[number]

/**
 * More days on an engagement (docs/design.md §3): the expert proposes, the receiving head agrees or
 * declines; agreed days are released like the first ones: at once inside the providing school's
 * budget for the term, otherwise pending until its head approves or refuses.
 */
export const EXTENSION_LIFECYCLE: Lifecycle<ExtensionStatus, ExtensionAction> = {
  noun: 'request for more days',
  is: { proposed: 'waiting for the head to agree', pending: "waiting for the expert's own school to release the days", approved: 'approved', declined: 'declined', refused: 'refused' },
  a: { proposed: 'a request waiting for the head', pending: "a request waiting for the expert's own school", approved: 'an approved request', declined: 'a declined request', refused: 'a refused request' },
  done: { agree: 'agreed', decline: 'declined', approve: 'approved', refuse: 'refused' },
  transitions: [
    t('proposed', 'agree', 'approved', ['head'], "the days fit the providing school's release budget"),
    t('proposed', 'agree', 'pending', ['head'], "the days pass the providing school's release budget"),
    t('proposed', 'decline', 'declined', ['head']),
    t('pending', 'approve', 'approved', ['providing']),
    t('pending', 'refuse', 'refused', ['providing']),
  ],
}

/** The states an action can lead to from `from`: empty when the table has no such step. */
export function targets<S extends string, A extends string>(lc: Lifecycle<S, A>, from: S, action: A): S[] {
  return lc.transitions.filter((r) => r.from === from && r.action === action).map((r) => r.to)
}

export const allows = <S extends string, A extends string>(lc: Lifecycle<S, A>, from: S, action: A, who?: Party) =>
  lc.transitions.some((r) => r.from === from && r.action === action && (who === undefined || r.who.includes(who)))

/** The actions a party may take from a state, in table order: the client's buttons read this. */
export function actionsFrom<S extends string, A extends string>(lc: Lifecycle<S, A>, from: S, who?: Party): A[] {
  return [...new Set(lc.transitions.filter((r) => r.from === from && (who === undefined || r.who.includes(who))).map((r) => r.action))]
}

const orList = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`)

/** Why a step is refused, in plain English: "This request is commissioned; only a draft can be published." */
export function refusal<S extends string, A extends string>(lc: Lifecycle<S, A>, from: S, action: A): string {
  const starts = [...new Set(lc.transitions.filter((r) => r.action === action).map((r) => r.from))]
  const noun = lc.noun.charAt(0).toUpperCase() + lc.noun.slice(1)
  if (!starts.length) return `${noun}s cannot be ${lc.done[action]}.`
  return `This ${lc.noun} is ${lc.is[from]}; only ${orList(starts.map((s) => lc.a[s]))} can be ${lc.done[action]}.`
}

/** The states an action can start from: a guarded UPDATE's `where status in (…)` reads this. */
export function startsOf<S extends string, A extends string>(lc: Lifecycle<S, A>, action: A): S[] {
  return [...new Set(lc.transitions.filter((r) => r.action === action).map((r) => r.from))]
}
