import path from 'node:path'
import type { Db } from '../src/db/client.ts'
import { type FlowsData, loadFlowsData } from './flows-data.ts'
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
  as?: string | ((ctx: BenchContext) => string)
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

async function flows(ctx: BenchContext): Promise<void> {
  if (!ctx.state.flows) {
    const data = await loadFlowsData(ctx.db, { engagements: Number(process.env.BENCH_ENGAGEMENTS ?? 1_000_000) })
    console.log(`  flows data: ${data.engagements.toLocaleString('en-GB')} engagements over ${data.schools.toLocaleString('en-GB')} schools in ${data.trusts} trusts`)
    ctx.state.flows = data
  }
}
const fl = (ctx: BenchContext) => ctx.state.flows as FlowsData

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
  {
    name: 'flows of a 100-school trust for this term, 1,000,000 engagements nationally',
    as: (ctx) => fl(ctx).centralEmail,
    prepare: flows,
    path: '/api/flows',
  },
  {
    name: 'balance of a 100-school trust for this term, 1,000,000 engagements nationally',
    as: (ctx) => fl(ctx).centralEmail,
    prepare: flows,
    path: '/api/flows/balance',
  },
  {
    name: 'flows of a 100-school trust for the academic year, 1,000,000 engagements nationally',
    as: (ctx) => fl(ctx).centralEmail,
    prepare: flows,
    path: '/api/flows?period=academic-year',
  },
]
