import type { Db } from '../src/db/client.ts'

export type BenchContext = {
  db: Db
  /** ref → id of the demo trust, imported first. */
  demoIds: Record<string, string>
  /** Anything a scenario's prepare step wants to pass to its path. */
  state: Record<string, unknown>
}

export type Scenario = {
  name: string
  /** Signs in as this demo e-mail and sends the token. */
  as?: string
  path: string | ((ctx: BenchContext) => string)
  /** Loads what the scenario needs into the bench database, once, before any server starts. */
  prepare?: (ctx: BenchContext) => Promise<void>
}

export const SCENARIOS: Scenario[] = [
  { name: 'GET /api/health', path: '/api/health' },
  { name: 'GET /api/me (authenticated read)', as: 'head@demo.example.org', path: '/api/me' },
]
