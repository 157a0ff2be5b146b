import { describe, expect, it } from 'vitest'
import { REQUEST_STATUSES, type RequestStatus } from '@ee/shared/requests'
import { assertRequestEditable, assertRequestTransition, canMoveRequest } from './request-status.ts'

const LEGAL: [RequestStatus, RequestStatus][] = [
  ['draft', 'open'],
  ['draft', 'withdrawn'],
  ['open', 'commissioned'],
  ['open', 'withdrawn'],
  ['commissioned', 'open'],
  ['commissioned', 'completed'],
]
const isLegal = (from: RequestStatus, to: RequestStatus) => LEGAL.some(([f, t]) => f === from && t === to)
const ALL = REQUEST_STATUSES.flatMap((from) => REQUEST_STATUSES.map((to) => [from, to] as [RequestStatus, RequestStatus]))

describe('request lifecycle', () => {
  it.each(LEGAL)('When a request moves %s → %s, then it is allowed', (from, to) => {
    expect(canMoveRequest(from, to)).toBe(true)
    expect(() => assertRequestTransition(from, to)).not.toThrow()
  })

  it.each(ALL.filter(([f, t]) => !isLegal(f, t)))('When a request would move %s → %s, then 409 and a reason a head can read', (from, to) => {
    expect(canMoveRequest(from, to)).toBe(false)
    expect(() => assertRequestTransition(from, to)).toThrow(expect.objectContaining({ status: 409, type: '/problems/conflict', detail: expect.stringContaining('cannot become') }))
  })

  it('covers every pair of statuses exactly once', () => {
    expect(ALL).toHaveLength(25)
    expect(ALL.filter(([f, t]) => canMoveRequest(f, t))).toEqual(LEGAL)
  })

  it.each(REQUEST_STATUSES.map((s) => [s, s === 'draft' || s === 'open'] as const))('When a %s request is edited, then editable is %s', (status, ok) => {
    if (ok) expect(() => assertRequestEditable(status)).not.toThrow()
    else expect(() => assertRequestEditable(status)).toThrow(expect.objectContaining({ status: 409 }))
  })
})
