import { CONFIDENTIAL_TITLE } from '@ee/shared/requests'
import type { Role } from '@ee/shared/common'
import type { Actor } from './actor.ts'
import { Problem, notFound } from './problem.ts'

/**
 * Who may do what (docs/design.md §2). One function per action; every service asks `assertCan` before it
 * writes, and the authorization matrix test walks this table.
 *
 * The commissioning right: only a school's own headteacher raises, publishes, withdraws, invites,
 * accepts and declines for that school. The central team reads and curates but never commissions.
 */

type TrustScoped = { trustId: string }
type SchoolScoped = TrustScoped & { schoolId: string | null }
type Owned = SchoolScoped & { personId: string }
type RequestObject = SchoolScoped & {
  confidentiality: 'trust' | 'invited'
  status: string
  /** People invited to, or offering on, this request. */
  participantIds?: readonly string[]
}
type OfferObject = TrustScoped & { personId: string; requestSchoolId: string }
type ReleaseObject = TrustScoped & { providerSchoolId: string | null }
type EngagementObject = TrustScoped & { expertId: string; receiverSchoolId: string; providerSchoolId: string | null }

const isHead = (a: Actor) => a.role === 'headteacher'
const isStaff = (a: Actor) => a.role === 'headteacher' || a.role === 'teacher'
const headOf = (a: Actor, schoolId: string | null) => isHead(a) && schoolId !== null && a.schoolId === schoolId

const rules = {
  'trust.read': (_a: Actor, _o: TrustScoped) => true,
  'area.create': (a: Actor, _o: TrustScoped) => a.role === 'central',
  'area.update': (a: Actor, _o: TrustScoped) => a.role === 'central',
  'area.delete': (a: Actor, _o: TrustScoped) => a.role === 'central',
  'school.update': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  'school.import': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  'cluster.manage': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  'person.list': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  'person.invite': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  'person.update': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  'person.sendPasswordReset': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  /** Subject access on someone's behalf, and erasure (docs/design.md §11): the trust administrator. */
  'person.export': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  'person.erase': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  'bundle.import': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  'bundle.export': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  'calendar.read': (_a: Actor, _o: TrustScoped) => true,
  'calendar.edit': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  /** The trust's audit trail (issue 14): the administrator, who answers for the trust's data. */
  'audit.read': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  'retention.edit': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  'expertise.create': (a: Actor, _o: TrustScoped) => isStaff(a),
  'expertise.update': (a: Actor, o: Owned) => isStaff(a) && a.id === o.personId,
  'availability.update': (a: Actor, o: Owned) => isStaff(a) && a.id === o.personId,
  /** An archived entry stays readable by its owner, the central team and administrators only. */
  'expertise.read': (a: Actor, o: Owned & { archived: boolean }) => !o.archived || a.id === o.personId || a.role === 'central' || a.role === 'admin',
  'request.create': (a: Actor, o: SchoolScoped) => headOf(a, o.schoolId),
  'request.update': (a: Actor, o: RequestObject) => headOf(a, o.schoolId),
  'request.publish': (a: Actor, o: RequestObject) => headOf(a, o.schoolId),
  'request.withdraw': (a: Actor, o: RequestObject) => headOf(a, o.schoolId),
  'request.invite': (a: Actor, o: RequestObject) => headOf(a, o.schoolId),
  'request.matches': (a: Actor, o: RequestObject) => headOf(a, o.schoolId),
  /** Metadata (title, areas, status) of any request in the trust; drafts stay with their school's head. */
  'request.read': (a: Actor, o: RequestObject) => o.status !== 'draft' || headOf(a, o.schoolId),
  /**
   * The words of the request: its title, problem, what was tried and the outcome hoped for. The one
   * confidentiality rule (docs/design.md §3): a confidential request's words are read by its own head and
   * its participants (invited and offering experts) only; central and admin, who may know it exists, read
   * "Confidential request" with its areas and days. Every surface (requests, matches, requests for me,
   * flows, engagements) asks this; requests.repo's `visible` is `request.see` in SQL, and cases keep theirs
   * in `case.read` / cases.repo's `readable`.
   */
  'request.readText': (a: Actor, o: RequestObject) =>
    headOf(a, o.schoolId) ||
    (o.status !== 'draft' &&
      (o.confidentiality === 'trust' ? isStaff(a) || a.role === 'central' || a.role === 'admin' : isStaff(a) && (o.participantIds ?? []).includes(a.id))),
  /** Whether the request shows up at all: an invited one only to its head, its participants, and (metadata) central and admin. */
  'request.see': (a: Actor, o: RequestObject) =>
    o.status === 'draft'
      ? headOf(a, o.schoolId)
      : o.confidentiality === 'trust' || a.role === 'central' || a.role === 'admin' || headOf(a, o.schoolId) || (o.participantIds ?? []).includes(a.id),
  'offer.list': (a: Actor, _o: RequestObject) => isStaff(a),
  'release.list': (a: Actor, _o: TrustScoped) => isHead(a),
  /** A confidential request's case, kept between the schools, is read by its expert and the two schools' heads only. */
  'case.read': (a: Actor, o: TrustScoped & { visibility: 'trust' | 'schools'; schoolIds: readonly (string | null)[]; confidential: boolean; expertId: string }) =>
    o.visibility === 'trust' || (isStaff(a) && a.schoolId !== null && o.schoolIds.includes(a.schoolId) && (!o.confidential || isHead(a) || a.id === o.expertId)),
  'offer.create': (a: Actor, o: RequestObject) => isStaff(a) && a.schoolId !== o.schoolId,
  'offer.decide': (a: Actor, o: OfferObject) => headOf(a, o.requestSchoolId),
  'offer.respond': (a: Actor, o: OfferObject) => isStaff(a) && a.id === o.personId,
  'offer.withdraw': (a: Actor, o: OfferObject) => isStaff(a) && a.id === o.personId,
  'release.decide': (a: Actor, o: ReleaseObject) => headOf(a, o.providerSchoolId),
  'engagement.read': (a: Actor, o: EngagementObject) =>
    (isStaff(a) && a.id === o.expertId) || headOf(a, o.receiverSchoolId) || headOf(a, o.providerSchoolId) || a.role === 'central',
  /** The words of the work (its request's title, reflections): its parties, never central (docs/design.md §3). */
  'engagement.readText': (a: Actor, o: EngagementObject) => (isStaff(a) && a.id === o.expertId) || headOf(a, o.receiverSchoolId) || headOf(a, o.providerSchoolId),
  'engagement.log': (a: Actor, o: EngagementObject) => isStaff(a) && a.id === o.expertId,
  'engagement.complete': (a: Actor, o: EngagementObject) => headOf(a, o.receiverSchoolId),
  'engagement.cancel': (a: Actor, o: EngagementObject) => headOf(a, o.receiverSchoolId) || (isStaff(a) && a.id === o.expertId),
  'engagement.reflect': (a: Actor, o: EngagementObject) => isStaff(a) && a.id === o.expertId,
  /** More days: the expert asks, the receiving head agrees or declines (docs/design.md §3). */
  'engagement.extend': (a: Actor, o: EngagementObject) => isStaff(a) && a.id === o.expertId,
  'extension.decide': (a: Actor, o: EngagementObject) => headOf(a, o.receiverSchoolId),
  /** People who leave: the receiving head chooses, the expert's own head names a colleague (docs/decisions/012-people-who-leave.md). */
  'engagement.endEarly': (a: Actor, o: EngagementObject) => headOf(a, o.receiverSchoolId),
  'engagement.askColleague': (a: Actor, o: EngagementObject) => headOf(a, o.receiverSchoolId),
  'engagement.nameColleague': (a: Actor, o: EngagementObject) => headOf(a, o.providerSchoolId),
  'flows.readTrust': (a: Actor, _o: TrustScoped) => a.role === 'central' || a.role === 'admin',
  'flows.readSchool': (a: Actor, o: SchoolScoped) => a.role === 'central' || a.role === 'admin' || headOf(a, o.schoolId),
} satisfies Record<string, (a: Actor, o: never) => boolean>

type Rules = typeof rules
export type Action = keyof Rules
export type PolicyObject<A extends Action> = Parameters<Rules[A]>[1]
export const ACTIONS = Object.keys(rules) as Action[]

const EVERYONE: readonly Role[] = ['headteacher', 'teacher', 'central', 'admin']
const STAFF: readonly Role[] = ['headteacher', 'teacher']
const HEADS: readonly Role[] = ['headteacher']
const CENTRAL: readonly Role[] = ['central']
const ADMIN: readonly Role[] = ['admin']

/**
 * The roles that some object could ever let do each action: a route guarded by an action refuses every
 * other role with 403 before its body is read or validated (docs/design.md §10). Kept next to the rules;
 * policy.test.ts proves each list is exactly what the rules allow, so the two cannot drift.
 */
export const ROLES_EVER: Readonly<Record<Action, readonly Role[]>> = {
  'trust.read': EVERYONE,
  'area.create': CENTRAL,
  'area.update': CENTRAL,
  'area.delete': CENTRAL,
  'school.update': ADMIN,
  'school.import': ADMIN,
  'cluster.manage': ADMIN,
  'person.list': ADMIN,
  'person.invite': ADMIN,
  'person.update': ADMIN,
  'person.sendPasswordReset': ADMIN,
  'person.export': ADMIN,
  'person.erase': ADMIN,
  'bundle.import': ADMIN,
  'bundle.export': ADMIN,
  'calendar.read': EVERYONE,
  'calendar.edit': ADMIN,
  'audit.read': ADMIN,
  'retention.edit': ADMIN,
  'expertise.create': STAFF,
  'expertise.update': STAFF,
  'availability.update': STAFF,
  'expertise.read': EVERYONE,
  'request.create': HEADS,
  'request.update': HEADS,
  'request.publish': HEADS,
  'request.withdraw': HEADS,
  'request.invite': HEADS,
  'request.matches': HEADS,
  'request.read': EVERYONE,
  'request.readText': EVERYONE,
  'request.see': EVERYONE,
  'offer.list': STAFF,
  'release.list': HEADS,
  'case.read': EVERYONE,
  'offer.create': STAFF,
  'offer.decide': HEADS,
  'offer.respond': STAFF,
  'offer.withdraw': STAFF,
  'release.decide': HEADS,
  'engagement.read': ['headteacher', 'teacher', 'central'],
  'engagement.readText': STAFF,
  'engagement.log': STAFF,
  'engagement.complete': HEADS,
  'engagement.cancel': STAFF,
  'engagement.reflect': STAFF,
  'engagement.extend': STAFF,
  'extension.decide': HEADS,
  'engagement.endEarly': HEADS,
  'engagement.askColleague': HEADS,
  'engagement.nameColleague': HEADS,
  'flows.readTrust': ['central', 'admin'],
  'flows.readSchool': ['headteacher', 'central', 'admin'],
}

/** Whether any object at all could let this role do one of these actions. */
export const canEver = (role: Role, actions: readonly Action[]): boolean => actions.some((action) => ROLES_EVER[action].includes(role))

/** Another trust's object is invisible: the caller learns nothing more than from a missing id. */
export function can<A extends Action>(actor: Actor, action: A, object: PolicyObject<A>): boolean {
  if (actor.trustId !== object.trustId) return false
  return (rules[action] as (a: Actor, o: PolicyObject<A>) => boolean)(actor, object)
}

/**
 * A request's title as this reader may see it: its own words where `request.readText` allows (for work
 * already commissioned, `engagement.readText`), otherwise "Confidential request". Trust-wide requests
 * keep their titles for everyone who may see them.
 */
export function requestTitleFor<A extends 'request.readText' | 'engagement.readText'>(
  actor: Actor,
  request: { title: string; confidentiality: string },
  action: A,
  object: PolicyObject<A>,
): string {
  return request.confidentiality === 'trust' || can(actor, action, object) ? request.title : CONFIDENTIAL_TITLE
}

const WHY: Partial<Record<Action, string>> = {
  'request.create': "Only a school's headteacher raises requests for their school.",
  'offer.decide': 'Only the headteacher of the requesting school decides on offers.',
  'release.decide': "Only the headteacher of the expert's own school decides on their release.",
  'area.create': 'Only the central team curates the framework.',
  'area.update': 'Only the central team curates the framework.',
  'area.delete': 'Only the central team curates the framework.',
  'expertise.create': 'Only headteachers and teachers register expertise.',
  'expertise.update': 'Only the person who registered this expertise can change it.',
  'availability.update': 'Only headteachers and teachers have availability to pause.',
  'school.update': 'Only the trust administrator manages schools.',
  'school.import': 'Only the trust administrator imports schools.',
  'cluster.manage': 'Only the trust administrator manages clusters.',
  'person.list': 'Only the trust administrator manages people.',
  'person.invite': 'Only the trust administrator invites people.',
  'person.update': 'Only the trust administrator manages people.',
  'person.sendPasswordReset': 'Only the trust administrator sends reset links to other people. To reset your own password, use “Forgotten your password?” on the sign-in page.',
  'person.export': "Only the trust administrator downloads someone else's data. To download your own, use “Download my data” on your account page.",
  'person.erase': 'Only the trust administrator erases people.',
  'calendar.edit': "Only the trust administrator edits the trust's calendar.",
  'audit.read': "Only the trust administrator reads the trust's audit trail.",
  'retention.edit': 'Only the trust administrator sets how long closed work is kept.',
  'request.update': "Only a school's headteacher edits their school's requests.",
  'request.publish': "Only a school's headteacher publishes their school's requests.",
  'request.withdraw': "Only a school's headteacher withdraws their school's requests.",
  'request.invite': "Only the headteacher of the requesting school invites experts.",
  'request.matches': "Only the headteacher of the requesting school sees suggested experts.",
  'offer.list': 'Only headteachers and teachers read the offers on a request.',
  'offer.create': 'Only headteachers and teachers offer help.',
  'offer.respond': 'Only the invited expert answers an invitation.',
  'offer.withdraw': 'Only the expert who made an offer changes or withdraws it.',
  'release.list': 'Only headteachers decide on releases.',
  'engagement.read': 'Only the people in an engagement, their headteachers and the central team read it.',
  'engagement.log': 'Only the expert logs sessions.',
  'engagement.complete': 'Only the headteacher of the receiving school completes an engagement.',
  'engagement.cancel': 'Only the receiving headteacher or the expert cancels an engagement.',
  'engagement.reflect': 'Only the expert adds their reflection.',
  'engagement.endEarly': 'Only the headteacher of the receiving school ends an engagement with what was delivered.',
  'engagement.askColleague': "Only the headteacher of the receiving school asks the expert's school for a colleague.",
  'engagement.nameColleague': "Only the headteacher of the expert's own school names a colleague to take the work over.",
  'flows.readTrust': 'Only the central team and the trust administrator read the whole trust’s flows.',
  'flows.readSchool': 'Only headteachers (for their school), the central team and the trust administrator read flows.',
}

/** The reason a role is refused an action, in words for the person refused. */
export const whyNot = (action: Action): string => WHY[action] ?? 'Your role does not allow this.'

export function assertCan<A extends Action>(actor: Actor, action: A, object: PolicyObject<A>, what = 'item'): void {
  // Word for word the answer for a missing id, so nothing tells another trust's object from none.
  if (actor.trustId !== object.trustId) notFound(what)
  if (!can(actor, action, object)) {
    throw new Problem(403, '/problems/forbidden', 'Not allowed', whyNot(action))
  }
}

/** For routes that act on the whole trust rather than one object. */
export function assertRole(actor: Actor, action: Action): void {
  assertCan(actor, action, { trustId: actor.trustId, schoolId: actor.schoolId, personId: actor.id })
}
