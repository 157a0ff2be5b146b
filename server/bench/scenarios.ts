import path from 'node:path'
import type { Db } from '../src/db/client.ts'
import { type NationalData, loadNationalData } from './national-data.ts'

export type BenchContext = {
  db: Db
  /** ref → id of the demo trust, imported first. */
  demoIds: Record<string, string>
  /** Anything a scenario's prepare step wants to pass to its path. */
  state: Record<string, unknown>
}

export type Scenario = {
  name: string
  /** Signs in as this e-mail (password demo-password-1) and sends the token. */
  as?: string
  path: string | ((ctx: BenchContext) => string)
  /** Loads what the scenario needs into the bench database, once, before any server starts. */
  prepare?: (ctx: BenchContext) => Promise<void>
}

const SHARED_DIR = path.resolve(import.meta.dirname, '../../../shared')

/** The national database is loaded once and shared by every scenario that needs it. */
async function national(ctx: BenchContext): Promise<void> {
  if (!ctx.state.national) {
    const data = await loadNationalData(ctx.db, { sharedDir: SHARED_DIR })
    console.log(`  national data: ${data.schools.toLocaleString('en-GB')} schools, ${data.entries.toLocaleString('en-GB')} expertise entries`)
    ctx.state.national = data
  }
}
const nat = (ctx: BenchContext) => ctx.state.national as NationalData
const BENCH_HEAD = 'bench.head@bench.example.org'

export const SCENARIOS: Scenario[] = [
  { name: 'GET /api/health', path: '/api/health' },
  { name: 'GET /api/me (authenticated read)', as: 'head@demo.example.org', path: '/api/me' },
  {
    name: 'directory search, trust of 10,000 entries in 200,000',
    as: BENCH_HEAD,
    prepare: national,
    path: '/api/expertise?q=phonics%20keep-up&limit=20',
  },
  {
    name: 'matches for a request, trust of 10,000 entries in 200,000',
    as: BENCH_HEAD,
    prepare: national,
    path: (ctx) => `/api/requests/${nat(ctx).benchRequestId}/matches?limit=10`,
  },
]
