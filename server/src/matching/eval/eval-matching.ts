import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { importBundle, parseBundle } from '../../admin/import.service.ts'
import { buildApp } from '../../app.ts'
import { loadConfig } from '../../config.ts'
import { type Database, createDb } from '../../db/client.ts'
import { migrate } from '../../db/migrate.ts'
import { fixedClock } from '../../lib/clock.ts'
import { bundleToMatchingInput } from './bundle-input.ts'
import { type EvalSummary, summarise } from './metrics.ts'
import { EVAL_CLOCK, type DevSetPaths, devSetPaths, formatSummary, labelRule, loadBundle, loadLabels } from './offline-eval.ts'

/**
 * npm run eval:matching — the labelled set through the real code path: the bundle is imported into a
 * fresh database, the app is built with the clock at the evaluation date, each requesting head signs
 * in and asks GET /api/requests/:id/matches?limit=10, and the answers are mapped back to refs.
 */
export async function evaluateThroughApi(paths: DevSetPaths = devSetPaths(), databaseUrl?: string): Promise<EvalSummary> {
  if (!existsSync(paths.bundlePath)) throw new Error(`The matching development set is missing: ${paths.bundlePath}. Put ../shared beside the project.`)
  const raw = loadBundle(paths.bundlePath)
  const labels = loadLabels(paths.labelsPath)
  const parsed = parseBundle(raw)
  if (!parsed.ok) throw new Error(`The development bundle is not valid: ${JSON.stringify(parsed.errors.slice(0, 5))}`)

  const { database, dispose } = await scratchDatabase(databaseUrl)
  try {
    await migrate(database)
    const ids = await importBundle(database.db, parsed.bundle)
    const refOf = new Map(Object.entries(ids).map(([ref, id]) => [id, ref]))
    const config = { ...loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'evaluation-secret-evaluation-secret-1234' }), seedDemo: false }
    const app = await buildApp({ config, database, clock: fixedClock(EVAL_CLOCK) })
    const tokens = new Map<string, string>()
    const tokenFor = async (personRef: string) => {
      const cached = tokens.get(personRef)
      if (cached) return cached
      const person = parsed.bundle.people.find((p) => p.ref === personRef)!
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: person.password } })
      if (res.statusCode !== 200) throw new Error(`sign-in failed for ${person.email}: ${res.body}`)
      const token = res.json<{ token: string }>().token
      tokens.set(personRef, token)
      return token
    }
    const rankings = new Map<string, string[]>()
    for (const ref of Object.keys(labels.requests)) {
      const request = parsed.bundle.requests.find((r) => r.ref === ref)
      if (!request) throw new Error(`labelled request ${ref} is not in the bundle`)
      const res = await app.inject({
        method: 'GET',
        url: `/api/requests/${ids[ref]}/matches?limit=10`,
        headers: { authorization: `Bearer ${await tokenFor(request.raisedBy)}` },
      })
      if (res.statusCode !== 200) throw new Error(`matches for ${ref}: ${res.statusCode} ${res.body}`)
      rankings.set(ref, res.json<{ expertise: { id: string } }[]>().map((m) => refOf.get(m.expertise.id) ?? m.expertise.id))
    }
    await app.close()
    const input = bundleToMatchingInput(raw, { clock: EVAL_CLOCK })
    return summarise(rankings, labels.requests, (r, e) => labelRule(input, r, e))
  } finally {
    await dispose()
  }
}

/** A database of the evaluation's own: a new one on PostgreSQL when a URL is given, else in-memory PGlite. */
async function scratchDatabase(url: string | undefined): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (!url) {
    const database = createDb({ kind: 'pglite', dataDir: null })
    return { database, dispose: () => database.close() }
  }
  const name = `ee_eval_${randomBytes(4).toString('hex')}`
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin.toString() })
    await c.connect()
    await c.query(sql).finally(() => c.end())
  }
  await run(`create database "${name}"`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const database = createDb({ kind: 'postgres', url: target.toString() })
  return {
    database,
    dispose: async () => {
      await database.close()
      await run(`drop database if exists "${name}" with (force)`)
    },
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sharedDir = process.argv[2]
  const summary = await evaluateThroughApi(sharedDir ? devSetPaths(sharedDir) : devSetPaths(), process.env.DATABASE_URL)
  console.log(`Matching evaluation through GET /api/requests/:id/matches (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}), clock ${EVAL_CLOCK}\n`)
  console.log(formatSummary(summary))
  process.exitCode = summary.hardFailures.length > 0 ? 1 : 0
}
