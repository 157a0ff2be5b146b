import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { RATE_LIMITS, type RateLimits } from './lib/rate-limits.ts'

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: 'DATABASE_URL must be a postgres:// URL' }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: 'SMTP_URL must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().default('Expertise Exchange <no-reply@expertise-exchange.local>'),
  /** How often the outbox worker sends what is due (and checks for the day's digests). */
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100, 'OUTBOX_INTERVAL_MS must be at least 100').max(3_600_000).default(5000),
  /** Where people reach the app: every link in every e-mail is built from it, never from a request header. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'PUBLIC_URL must be an http:// or https:// URL' }).optional(),
  /** Seeds the demo trust into an empty database: the default in development, refused in production. */
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Per-person limits a minute (lib/rate-limits.ts gives the defaults); raised only for load and chaos runs. */
  WRITES_PER_MINUTE: z.coerce.number().int().min(1, 'WRITES_PER_MINUTE must be at least 1').max(1_000_000).optional(),
  NOT_FOUND_PER_MINUTE: z.coerce.number().int().min(1, 'NOT_FOUND_PER_MINUTE must be at least 1').max(1_000_000).optional(),
})

export type Config = Readonly<{
  env: 'development' | 'production' | 'test'
  port: number
  host: string
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null }
  dataDir: string
  jwtSecret: string
  smtpUrl: string | undefined
  /** Without a trailing slash, e.g. `https://exchange.example-trust.org.uk`. */
  publicUrl: string
  mailFrom: string
  /** Optional so that hand-built configs (tests) need not name it; loadConfig always sets it. */
  outboxIntervalMs?: number
  seedDemo: boolean
  logLevel: string
  /** Cookies get `Secure` unless the app is only reachable on this machine. */
  secureCookies: boolean
  /** Per-minute limits (lib/rate-limits.ts); unset, the app gets RATE_LIMITS. Tests, load and chaos runs raise them. */
  rateLimits?: RateLimits
}>

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The environment is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** The one reader of process.env: parses it once, lists every problem, and returns a frozen config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`SMTP_URL=` in a compose file) means unset, not an invalid URL.
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')))
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  const e = parsed.data
  const dataDir = path.resolve(e.DATA_DIR)
  if (e.NODE_ENV === 'production') {
    const problems = [
      ...(e.JWT_SECRET ? [] : ['JWT_SECRET: required in production']),
      ...(e.PUBLIC_URL ? [] : ['PUBLIC_URL: required in production (the address people use, for the links in e-mails)']),
      ...(e.SEED_DEMO === 'true' ? ['SEED_DEMO: the demo trust is never seeded in production; unset SEED_DEMO'] : []),
    ]
    if (problems.length) throw new ConfigError(problems)
  }
  const local = e.HOST === '127.0.0.1' || e.HOST === 'localhost' || e.HOST === '::1'
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgres' as const, url: e.DATABASE_URL } : { kind: 'pglite' as const, dataDir: path.join(dataDir, 'pglite') },
    dataDir,
    jwtSecret: e.JWT_SECRET ?? developmentSecret(dataDir),
    smtpUrl: e.SMTP_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    mailFrom: e.MAIL_FROM,
    outboxIntervalMs: e.OUTBOX_INTERVAL_MS,
    seedDemo: e.NODE_ENV !== 'production' && e.SEED_DEMO !== 'false',
    logLevel: e.LOG_LEVEL,
    secureCookies: e.NODE_ENV === 'production' || !local,
    ...(e.WRITES_PER_MINUTE || e.NOT_FOUND_PER_MINUTE
      ? { rateLimits: { writesPerMinute: e.WRITES_PER_MINUTE ?? RATE_LIMITS.writesPerMinute, notFoundPerMinute: e.NOT_FOUND_PER_MINUTE ?? RATE_LIMITS.notFoundPerMinute } }
      : {}),
  })
}

/** In development the secret is generated once and kept beside the data, so sessions survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}
