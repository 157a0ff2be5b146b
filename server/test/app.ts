import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll } from 'vitest'
import { buildApp } from '../src/app.ts'
import type { Config } from '../src/config.ts'
import type { Database } from '../src/db/client.ts'
import type { Clock } from '../src/lib/clock.ts'
import { createTestDatabase } from './db.ts'

export const testConfig: Config = Object.freeze({
  env: 'test' as const,
  port: 0,
  host: '127.0.0.1',
  database: { kind: 'pglite' as const, dataDir: null },
  dataDir: '/tmp/ee-test',
  jwtSecret: 'test-secret-that-is-long-enough-for-hs256-0123456789',
  smtpUrl: undefined,
  publicUrl: 'https://exchange.test.example',
  mailFrom: 'test@example.org',
  seedDemo: false,
  logLevel: 'silent',
  secureCookies: false,
  // Suites act as one person hundreds of times a minute; the limits' own test runs with production's (lib/rate-limits.ts).
  rateLimits: { notFoundPerMinute: 100_000, writesPerMinute: 100_000 },
})

export type TestContext = { app: FastifyInstance; database: Database }

/** One app on one database per test file: `const t = useTestApp()` then `t.app.inject(...)` in tests. */
export function useTestApp(opts: { clock?: Clock; config?: Partial<Config>; logger?: object } = {}): TestContext {
  const ctx = {} as TestContext
  beforeAll(async () => {
    ctx.database = await createTestDatabase()
    ctx.app = await buildApp({ config: { ...testConfig, ...opts.config }, database: ctx.database, clock: opts.clock, logger: opts.logger })
    await ctx.app.ready()
  })
  afterAll(async () => {
    await ctx.app?.close()
    await ctx.database?.close()
  })
  return ctx
}

export async function login(app: FastifyInstance, email: string, password = 'test-password-1'): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`)
  return res.json<{ token: string }>().token
}

/** inject() as a signed-in person. */
export function as(app: FastifyInstance, token: string) {
  return (opts: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({ ...opts, headers: { ...opts.headers, authorization: `Bearer ${token}` } })
}
