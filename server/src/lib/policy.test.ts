import { describe, expect, it } from 'vitest'
import type { Actor } from './actor.ts'
import { ACTIONS, assertCan, can } from './policy.ts'

const T1 = 'trust-1'
const A = 'school-a'
const B = 'school-b'
const actor = (id: string, role: Actor['role'], schoolId: string | null, trustId = T1): Actor => ({ id, role, schoolId, trustId, name: id })
const P = {
  headA: actor('headA', 'headteacher', A),
  teacherA: actor('teacherA', 'teacher', A),
  headB: actor('headB', 'headteacher', B),
  teacherB: actor('teacherB', 'teacher', B),
  central: actor('central', 'central', null),
  admin: actor('admin', 'admin', null),
  headC: actor('headC', 'headteacher', 'school-c', 'trust-2'),
}
type Who = keyof typeof P

const request = (over: object = {}) => ({ trustId: T1, schoolId: A, confidentiality: 'trust' as const, status: 'open', participantIds: ['teacherB'], ...over })
const offer = { trustId: T1, personId: 'teacherB', requestSchoolId: A }
const engagement = { trustId: T1, expertId: 'teacherB', receiverSchoolId: A, providerSchoolId: B }

/** role × action × object → allowed? The commissioning right in one table. */
const MATRIX: [string, object, Who[]][] = [
  ['request.create', { trustId: T1, schoolId: A }, ['headA']],
  ['request.publish', request(), ['headA']],
  ['request.withdraw', request(), ['headA']],
  ['request.invite', request(), ['headA']],
  ['request.matches', request(), ['headA']],
  ['request.read', request(), ['headA', 'teacherA', 'headB', 'teacherB', 'central', 'admin']],
  ['request.read', request({ status: 'draft' }), ['headA']],
  ['request.readText', request(), ['headA', 'teacherA', 'headB', 'teacherB']],
  ['request.readText', request({ confidentiality: 'invited' }), ['headA', 'teacherB']],
  ['offer.create', request(), ['headB', 'teacherB']],
  ['offer.decide', offer, ['headA']],
  ['offer.respond', offer, ['teacherB']],
  ['offer.withdraw', offer, ['teacherB']],
  ['release.decide', { trustId: T1, providerSchoolId: B }, ['headB']],
  ['engagement.log', engagement, ['teacherB']],
  ['engagement.complete', engagement, ['headA']],
  ['engagement.reflect', engagement, ['teacherB']],
  ['engagement.read', engagement, ['headA', 'headB', 'teacherB', 'central']],
  ['area.create', { trustId: T1 }, ['central']],
  ['school.update', { trustId: T1 }, ['admin']],
  ['person.invite', { trustId: T1 }, ['admin']],
  ['bundle.import', { trustId: T1 }, ['admin']],
  ['flows.readTrust', { trustId: T1 }, ['central', 'admin']],
  ['flows.readSchool', { trustId: T1, schoolId: A }, ['headA', 'central', 'admin']],
  ['expertise.update', { trustId: T1, schoolId: B, personId: 'teacherB' }, ['teacherB']],
  ['expertise.create', { trustId: T1 }, ['headA', 'teacherA', 'headB', 'teacherB']],
  ['expertise.read', { trustId: T1, schoolId: B, personId: 'teacherB', archived: false }, ['headA', 'teacherA', 'headB', 'teacherB', 'central', 'admin']],
  ['expertise.read', { trustId: T1, schoolId: B, personId: 'teacherB', archived: true }, ['teacherB', 'central', 'admin']],
  ['availability.update', { trustId: T1, schoolId: A, personId: 'headA' }, ['headA']],
  ['area.update', { trustId: T1 }, ['central']],
  ['area.delete', { trustId: T1 }, ['central']],
  ['school.import', { trustId: T1 }, ['admin']],
  ['cluster.manage', { trustId: T1 }, ['admin']],
  ['person.list', { trustId: T1 }, ['admin']],
  ['calendar.read', { trustId: T1 }, ['headA', 'teacherA', 'headB', 'teacherB', 'central', 'admin']],
  ['calendar.edit', { trustId: T1 }, ['admin']],
  ['person.update', { trustId: T1 }, ['admin']],
  ['person.sendPasswordReset', { trustId: T1 }, ['admin']],
  ['trust.read', { trustId: T1 }, ['headA', 'teacherA', 'headB', 'teacherB', 'central', 'admin']],
  ['request.update', request(), ['headA']],
  ['request.see', request(), ['headA', 'teacherA', 'headB', 'teacherB', 'central', 'admin']],
  ['request.see', request({ confidentiality: 'invited' }), ['headA', 'teacherB', 'central', 'admin']],
  ['request.see', request({ status: 'draft' }), ['headA']],
  ['request.readTextTrustWide', request(), ['central', 'admin']],
  ['request.readTextTrustWide', request({ confidentiality: 'invited' }), []],
  ['offer.list', request(), ['headA', 'teacherA', 'headB', 'teacherB']],
  ['release.list', { trustId: T1 }, ['headA', 'headB']],
  ['case.read', { trustId: T1, visibility: 'trust', schoolIds: [A, B], confidential: false, expertId: 'teacherB' }, ['headA', 'teacherA', 'headB', 'teacherB', 'central', 'admin']],
  ['case.read', { trustId: T1, visibility: 'schools', schoolIds: [A, B], confidential: false, expertId: 'teacherB' }, ['headA', 'teacherA', 'headB', 'teacherB']],
  ['case.read', { trustId: T1, visibility: 'schools', schoolIds: [A, B], confidential: true, expertId: 'teacherB' }, ['headA', 'headB', 'teacherB']],
  ['engagement.cancel', engagement, ['headA', 'teacherB']],
  // More days (docs/design.md §3): the expert asks, the receiving head decides; the providing head releases through release.decide.
  ['engagement.extend', engagement, ['teacherB']],
  ['extension.decide', engagement, ['headA']],
]

describe('policy', () => {
  it('has a row in the matrix for every action, so a new action cannot go untested', () => {
    const tested = new Set(MATRIX.map(([action]) => action))
    expect(ACTIONS.filter((a) => !tested.has(a))).toEqual([])
  })

  it.each(MATRIX.flatMap(([action, object, allowed]) => (Object.keys(P) as Who[]).map((who) => [action, who, allowed.includes(who), object] as const)))(
    '%s by %s → %s',
    (action, who, expected, object) => {
      expect(can(P[who], action as never, object as never)).toBe(expected)
    },
  )

  it('never lets the central team or an administrator commission', () => {
    for (const who of ['central', 'admin'] as const) {
      for (const action of ['request.create', 'request.publish', 'offer.decide', 'release.decide', 'request.invite'] as const) {
        expect(can(P[who], action, { ...request(), ...offer, providerSchoolId: B })).toBe(false)
      }
    }
  })

  it('answers 404 for another trust and 403 for a forbidden action in this one', () => {
    expect(() => assertCan(P.headC, 'request.publish', request(), 'request')).toThrow(expect.objectContaining({ status: 404 }))
    expect(() => assertCan(P.headB, 'request.publish', request(), 'request')).toThrow(expect.objectContaining({ status: 403 }))
  })
})
