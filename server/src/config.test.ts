import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

const production = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-that-is-long-enough-0123456789',
  PUBLIC_URL: 'https://exchange.northfield.example/',
  DATABASE_URL: 'postgres://app@db:5432/exchange',
}
const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env)
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  return []
}

describe('start-up configuration', () => {
  it('When production starts with what it needs, then the demo is never seeded and links use PUBLIC_URL without its trailing slash', () => {
    const config = loadConfig(production)
    expect(config).toMatchObject({ env: 'production', seedDemo: false, publicUrl: 'https://exchange.northfield.example', secureCookies: true })
  })

  it('When nothing says otherwise, then production gets the default per-person quotas; WRITES_PER_MINUTE raises one and keeps the other', () => {
    expect(loadConfig(production).rateLimits).toBeUndefined()
    expect(loadConfig({ ...production, WRITES_PER_MINUTE: '5000' }).rateLimits).toEqual({ writesPerMinute: 5000, notFoundPerMinute: 60 })
    expect(problemsOf({ ...production, NOT_FOUND_PER_MINUTE: '0' })).toEqual(['NOT_FOUND_PER_MINUTE: NOT_FOUND_PER_MINUTE must be at least 1'])
  })

  it('When production is asked to seed the demo, then it refuses to start, saying why', () => {
    expect(problemsOf({ ...production, SEED_DEMO: 'true' })).toEqual(['SEED_DEMO: the demo trust is never seeded in production; unset SEED_DEMO'])
    expect(loadConfig({ ...production, SEED_DEMO: 'false' }).seedDemo).toBe(false)
  })

  it('When production has no PUBLIC_URL (or no JWT_SECRET), then it refuses to start and lists each', () => {
    const { PUBLIC_URL: _url, JWT_SECRET: _secret, ...rest } = production
    expect(problemsOf(rest)).toEqual([
      'JWT_SECRET: required in production',
      'PUBLIC_URL: required in production (the address people use, for the links in e-mails)',
    ])
    expect(problemsOf({ ...production, PUBLIC_URL: 'ftp://exchange.example' })).toEqual(['PUBLIC_URL: PUBLIC_URL must be an http:// or https:// URL'])
  })

  it('When development starts, then the demo is seeded unless SEED_DEMO=false, and SMTP_URL and MAIL_FROM are read', () => {
    const dev = { JWT_SECRET: production.JWT_SECRET, DATABASE_URL: production.DATABASE_URL }
    expect(loadConfig(dev)).toMatchObject({ env: 'development', seedDemo: true, publicUrl: 'http://localhost:3000', smtpUrl: undefined })
    expect(loadConfig({ ...dev, SEED_DEMO: 'false' }).seedDemo).toBe(false)
    expect(loadConfig({ ...dev, SMTP_URL: '' }).smtpUrl).toBeUndefined()
    expect(loadConfig({ ...dev, SMTP_URL: 'smtp://mail.example:2525', MAIL_FROM: 'Exchange <exchange@trust.example>' })).toMatchObject({ smtpUrl: 'smtp://mail.example:2525', mailFrom: 'Exchange <exchange@trust.example>' })
  })
})
