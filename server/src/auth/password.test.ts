import { describe, expect, it } from 'vitest'
import { afterCutoff, assertPasswordPolicy, hashPassword, verifyPassword } from './password.ts'

describe('password hashing', () => {
  it('gives the same password a different salt, and so a different hash, every time', async () => {
    const [a, b] = await Promise.all([hashPassword('maple-kettle-orbit-42'), hashPassword('maple-kettle-orbit-42')])
    expect(a).toMatch(/^\$argon2id\$/)
    expect(a.split('$')[4]).not.toBe(b.split('$')[4])
    expect(a).not.toBe(b)
    expect(await verifyPassword(a, 'maple-kettle-orbit-42')).toBe(true)
    expect(await verifyPassword(b, 'maple-kettle-orbit-42')).toBe(true)
    expect(await verifyPassword(a, 'maple-kettle-orbit-43')).toBe(false)
  })
})

describe('assertPasswordPolicy', () => {
  it('throws a 400 problem naming the field with the reason', () => {
    expect(() => assertPasswordPolicy('password1234', 'newPassword', [])).toThrow(
      expect.objectContaining({ status: 400, errors: [{ path: 'newPassword', message: expect.stringMatching(/^This is too close to a common password/) }] }),
    )
    expect(() => assertPasswordPolicy('maple-kettle-orbit-42', 'newPassword', [])).not.toThrow()
  })
})

describe('afterCutoff', () => {
  it('returns once the clock has passed the cutoff, so a new session is issued strictly after it', async () => {
    const cutoff = new Date()
    await afterCutoff(cutoff)
    expect(Date.now()).toBeGreaterThan(cutoff.getTime())
  })
})
