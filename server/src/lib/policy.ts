import type { Actor } from './actor.ts'
import { Problem } from './problem.ts'

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
  'bundle.import': (a: Actor, _o: TrustScoped) => a.role === 'admin',
  'calendar.read': (_a: Actor, _o: TrustScoped) => true,
  'calendar.edit': (a: Actor, _o: TrustScoped) => a.role === 'admin',
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
  /** The words of the request. Confidential ones: only the head, invited and offering experts. */
  'request.readText': (a: Actor, o: RequestObject) =>
    headOf(a, o.schoolId) ||
    (o.status !== 'draft' && isStaff(a) && (o.confidentiality === 'trust' || (o.participantIds ?? []).includes(a.id))),
  /** Whether the request shows up at all: an invited one only to its head, its participants, and (metadata) central and admin. */
  'request.see': (a: Actor, o: RequestObject) =>
    o.status === 'draft'
      ? headOf(a, o.schoolId)
      : o.confidentiality === 'trust' || a.role === 'central' || a.role === 'admin' || headOf(a, o.schoolId) || (o.participantIds ?? []).includes(a.id),
  /** The words for the trust's own team: central and admin read trust-wide requests, never confidential ones. */
  'request.readTextTrustWide': (a: Actor, o: RequestObject) =>
    (a.role === 'central' || a.role === 'admin') && o.status !== 'draft' && o.confidentiality === 'trust',
  'offer.list': (a: Actor, _o: RequestObject) => isStaff(a),
  'release.list': (a: Actor, _o: TrustScoped) => isHead(a),
  /** A confidential request's case, kept between the schools, is read by its expert and the two schools' heads only. */
  'case.read': (a: Actor, o: TrustScoped & { visibility: 'trust' | 'schools'; schoolIds: readonly (string | null)[]; confidential: boolean; expertId: string }) =>
    o.visibility === 'trust' || (isStaff(a) && a.schoolId !== null && o.schoolIds.includes(a.schoolId) && (!o.confidential || isHead(a) || a.id === o.expertId)),
  'offer.create': (a: Actor, o: RequestObject) => isStaff(a) && a.schoolId !== o.schoolId,
  'offer.decide': (a: Actor, o: OfferObject) => headOf(a, o.requestSchoolId),
  'offer.respond': (a: Actor, o: OfferObject) => a.id === o.personId,
  'offer.withdraw': (a: Actor, o: OfferObject) => a.id === o.personId,
  'release.decide': (a: Actor, o: ReleaseObject) => headOf(a, o.providerSchoolId),
  'engagement.read': (a: Actor, o: EngagementObject) =>
    a.id === o.expertId || headOf(a, o.receiverSchoolId) || headOf(a, o.providerSchoolId) || a.role === 'central',
  'engagement.log': (a: Actor, o: EngagementObject) => a.id === o.expertId,
  'engagement.complete': (a: Actor, o: EngagementObject) => headOf(a, o.receiverSchoolId),
  'engagement.cancel': (a: Actor, o: EngagementObject) => headOf(a, o.receiverSchoolId) || a.id === o.expertId,
  'engagement.reflect': (a: Actor, o: EngagementObject) => a.id === o.expertId,
  /** More days: the expert asks, the receiving head agrees or declines (docs/design.md §3). */
  'engagement.extend': (a: Actor, o: EngagementObject) => a.id === o.expertId,
  'extension.decide': (a: Actor, o: EngagementObject) => headOf(a, o.receiverSchoolId),
  'flows.readTrust': (a: Actor, _o: TrustScoped) => a.role === 'central' || a.role === 'admin',
  'flows.readSchool': (a: Actor, o: SchoolScoped) => a.role === 'central' || a.role === 'admin' || headOf(a, o.schoolId),
} satisfies Record<string, (a: Actor, o: never) => boolean>

type Rules = typeof rules
export type Action = keyof Rules
export type PolicyObject<A extends Action> = Parameters<Rules[A]>[1]
export const ACTIONS = Object.keys(rules) as Action[]

/** Another trust's object is invisible: the caller learns nothing more than from a missing id. */
export function can<A extends Action>(actor: Actor, action: A, object: PolicyObject<A>): boolean {
  if (actor.trustId !== object.trustId) return false
  return (rules[action] as (a: Actor, o: PolicyObject<A>) => boolean)(actor, object)
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
  'calendar.edit': "Only the trust administrator edits the trust's calendar.",
}

export function assertCan<A extends Action>(actor: Actor, action: A, object: PolicyObject<A>, what = 'item'): void {
  if (actor.trustId !== object.trustId) {
    throw new Problem(404, '/problems/not-found', 'Not found', `We could not find that ${what}.`)
  }
  if (!can(actor, action, object)) {
    throw new Problem(403, '/problems/forbidden', 'Not allowed', WHY[action] ?? 'Your role does not allow this.')
  }
}

/** For routes that act on the whole trust rather than one object. */
export function assertRole(actor: Actor, action: Action): void {
  assertCan(actor, action, { trustId: actor.trustId, schoolId: actor.schoolId, personId: actor.id })
}
