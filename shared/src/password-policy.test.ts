import { describe, expect, it } from 'vitest'
import { passwordProblem } from './password-policy.ts'

describe('password policy', () => {
  it.each([
    ['password123', /^Use at least 12 characters/],
    ['123456789012', /^This is one of the most common passwords/],
    ['1q2w3e4r5t6y', /^This is one of the most common passwords/],
    ['password1234', /^This is too close to a common password\. Add another word or two/],
    ['qwertyuiop123', /^This is too close to a common password/],
    ['unbelievably', /^This is a single word or name that appears in dictionaries/],
    ['aaaaaaaaaaaaaa', /^This password would be too easy to guess\. Repeated characters/],
    ['jane.smith.2026', /^Do not build your password from your name or e-mail address/],
  ])('refuses %s and says why', (password, why) => {
    expect(passwordProblem(password, ['jane.smith@school.org', 'Jane Smith'])).toMatch(why)
  })

  it.each(['maple-kettle-orbit-42', 'correct horse battery staple', 'quiet-harbour-lantern-9', 'test-password-1'])('accepts %s', (password) => {
    expect(passwordProblem(password, ['jane.smith@school.org', 'Jane Smith'])).toBeNull()
  })
})
