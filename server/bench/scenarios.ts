import path from 'node:path'
import type { Db } from '../src/db/client.ts'
import { buildMatchIndex } from '../src/matching/index/match-index.ts'
import { loadCandidates, loadFramework, loadRequests } from '../src/matching/matching.repo.ts'
import { rankExpertise } from '../src/matching/rank/rank.ts'
import type { MatchContext } from '../src/matching/types.ts'
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

/**
 * Timed in the bench's own process, without HTTP or any cache: what the answers above cost when they
 * are first computed after a write (docs/decisions/008-trust-version-cache.md).
 */
export type InProcess = {
  name: string
  prepare: (ctx: BenchContext) => Promise<void>
  /** Returns the work to time, set up once. */
  setup: (ctx: BenchContext) => Promise<() => unknown>
  runs: number
}

async function benchTrustMatching(ctx: BenchContext) {
  const { benchTrustId, benchRequestId } = nat(ctx)
  const [entries, framework, [request]] = await Promise.all([
    loadCandidates(ctx.db, benchTrustId),
    loadFramework(ctx.db, benchTrustId),
    loadRequests(ctx.db, { ids: [benchRequestId] }),
  ])
  const context: MatchContext = {
    areaStrands: framework.strands, areaNames: framework.names, history: [],
    load: { expertDaysThisTerm: new Map(), schoolDaysThisTerm: new Map() }, now: new Date().toISOString(),
  }
  return { entries, request: request!, context }
}

export const IN_PROCESS: InProcess[] = [
  {
    name: 'rank one request over a 10,000-entry trust (hard rules, signals, reasons, top 10)',
    prepare: national,
    runs: 200,
    setup: async (ctx) => {
      const { entries, request, context } = await benchTrustMatching(ctx)
      const index = buildMatchIndex(entries)
      return () => rankExpertise(request, entries, context, { limit: 10, index })
    },
  },
  {
    name: "load a 10,000-entry trust's candidates from PostgreSQL",
    prepare: national,
    runs: 5,
    setup: async (ctx) => () => loadCandidates(ctx.db, nat(ctx).benchTrustId),
  },
  {
    name: 'build the matching index of a 10,000-entry trust',
    prepare: national,
    runs: 5,
    setup: async (ctx) => {
      const { entries } = await benchTrustMatching(ctx)
      return () => buildMatchIndex(entries)
    },
  },
]
