import { describe, expect, it } from 'vitest'
import { waitInWords } from '@ee/shared/problem'
import { LoginThrottle } from './login-throttle.ts'

describe('the sign-in lock', () => {
  it('When ten failures fall within 15 minutes, then the account is locked until the first of them is 15 minutes old, and Retry-After counts down to it', () => {
    let now = 0
    const throttle = new LoginThrottle(10, 15 * 60_000, () => now)
    for (let i = 0; i < 10; i++) {
      expect(throttle.retryAfterSeconds('a@x')).toBe(0)
      throttle.fail('a@x')
      now += 60_000
    }
    // Ten failures at minutes 0..9; it is now minute 10: the lock lifts at minute 15.
    expect(throttle.isLocked('a@x')).toBe(true)
    expect(throttle.retryAfterSeconds('a@x')).toBe(5 * 60)
    now += 5 * 60_000 - 500
    expect(throttle.retryAfterSeconds('a@x')).toBe(1)
    now += 500
    expect(throttle.isLocked('a@x')).toBe(false)
    expect(throttle.retryAfterSeconds('a@x')).toBe(0)
    expect(throttle.retryAfterSeconds('someone-else@x')).toBe(0)
  })

  it('When the wait is put in words, then it is rounded up and never says 0', () => {
    expect([0, 1, 45, 60, 61, 900, 3600, 5400].map(waitInWords)).toEqual(['1 second', '1 second', '45 seconds', '1 minute', '2 minutes', '15 minutes', '1 hour', '2 hours'])
  })
})
