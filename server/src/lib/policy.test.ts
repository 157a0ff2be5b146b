import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ROLES } from '@ee/shared/common'
import type { Actor } from './actor.ts'
import { ACTIONS, type Action, ROLES_EVER, assertCan, can } from './policy.ts'

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
  ['bundle.export', { trustId: T1 }, ['admin']],
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
  ['audit.read', { trustId: T1 }, ['admin']],
  ['retention.edit', { trustId: T1 }, ['admin']],
  ['person.update', { trustId: T1 }, ['admin']],
  ['person.sendPasswordReset', { trustId: T1 }, ['admin']],
  ['person.export', { trustId: T1 }, ['admin']],
  ['person.erase', { trustId: T1 }, ['admin']],
  ['trust.read', { trustId: T1 }, ['headA', 'teacherA', 'headB', 'teacherB', 'central', 'admin']],
  ['request.update', request(), ['headA']],
  ['request.see', request(), ['headA', 'teacherA', 'headB', 'teacherB', 'central', 'admin']],
  ['request.see', request({ confidentiality: 'invited' }), ['headA', 'teacherB', 'central', 'admin']],
  ['request.see', request({ status: 'draft' }), ['headA']],
  ['request.readText', request(), ['headA', 'teacherA', 'headB', 'teacherB', 'central', 'admin']],
  ['request.readText', request({ confidentiality: 'invited' }), ['headA', 'teacherB']],
  ['request.readText', request({ status: 'draft' }), ['headA']],
  ['offer.list', request(), ['headA', 'teacherA', 'headB', 'teacherB']],
  ['release.list', { trustId: T1 }, ['headA', 'headB']],
  ['case.read', { trustId: T1, visibility: 'trust', schoolIds: [A, B], confidential: false, expertId: 'teacherB' }, ['headA', 'teacherA', 'headB', 'teacherB', 'central', 'admin']],
  ['case.read', { trustId: T1, visibility: 'schools', schoolIds: [A, B], confidential: false, expertId: 'teacherB' }, ['headA', 'teacherA', 'headB', 'teacherB']],
  ['case.read', { trustId: T1, visibility: 'schools', schoolIds: [A, B], confidential: true, expertId: 'teacherB' }, ['headA', 'headB', 'teacherB']],
  ['engagement.cancel', engagement, ['headA', 'teacherB']],
  ['engagement.readText', engagement, ['headA', 'headB', 'teacherB']],
  // More days (docs/design.md §3): the expert asks, the receiving head decides; the providing head releases through release.decide.
  ['engagement.extend', engagement, ['teacherB']],
  ['extension.decide', engagement, ['headA']],
  // People who leave: the receiving head chooses, the expert's own head names a colleague.
  ['engagement.endEarly', engagement, ['headA']],
  ['engagement.askColleague', engagement, ['headA']],
  ['engagement.nameColleague', engagement, ['headB']],
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

describe('the roles that can ever do an action (refused before validation)', () => {
  const me = (role: Actor['role']): Actor => actor('me', role, role === 'headteacher' || role === 'teacher' ? A : null)
  const someone = fc.constantFrom('me', 'someone')
  const school = fc.constantFrom<string | null>(A, B, null)
  /** Every field any rule reads, each drawn from values that include the actor's own. */
  const anyObject = fc.record({
    trustId: fc.constant(T1),
    schoolId: school, requestSchoolId: school, providerSchoolId: school, receiverSchoolId: school,
    personId: someone, expertId: someone,
    participantIds: fc.subarray(['me', 'someone']),
    schoolIds: fc.subarray<string | null>([A, B, null]),
    confidentiality: fc.constantFrom('trust', 'invited'), status: fc.constantFrom('draft', 'open', 'completed'),
    visibility: fc.constantFrom('trust', 'schools'), archived: fc.boolean(), confidential: fc.boolean(),
  })
  const allows = (role: Actor['role'], action: Action, object: object) => can(me(role), action, object as never)

  it('lists every action, with roles known to the product', () => {
    expect(Object.keys(ROLES_EVER).sort()).toEqual([...ACTIONS].sort())
    for (const roles of Object.values(ROLES_EVER)) for (const r of roles) expect(ROLES).toContain(r)
  })

  it('When a role is not listed for an action, then no object lets that role do it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACTIONS), fc.constantFrom(...ROLES), anyObject, (action, role, object) =>
        ROLES_EVER[action].includes(role) || !allows(role, action, object)),
      { numRuns: 20_000 },
    )
  })

  it.each(ACTIONS.flatMap((action) => ROLES_EVER[action].map((role) => [action, role] as const)))(
    'When %s lists %s, then some object lets that role do it (the list is not wider than the rules)',
    (action, role) => {
      const found = fc.check(fc.property(anyObject, (object) => !allows(role, action, object)), { numRuns: 2_000 })
      expect(found.failed).toBe(true)
    },
  )
})
