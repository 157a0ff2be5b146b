import { type ChildProcess, fork } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { importBundle, parseBundle } from '../src/admin/import.service.ts'
import { createDb } from '../src/db/client.ts'
import { migrate } from '../src/db/migrate.ts'
import { DEMO_BUNDLE } from '../src/admin/seed.ts'
import { IN_PROCESS, SCENARIOS, type BenchContext, type InProcess } from './scenarios.ts'

/**
 * npm run bench: prepares a PostgreSQL database, starts the product and a bare Fastify hello-world
 * in their own processes, measures each scenario with autocannon at c=10, and prints req/s and
 * latency with the ratio to hello-world measured in the same run. Figures, not assertions.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 10
const only = process.argv.slice(2)

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const dbName = `ee_bench_${process.pid}`
const adminUrl = withDb(baseUrl, 'postgres')
const benchUrl = withDb(baseUrl, dbName)

function withDb(url: string, name: string) {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

function start(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, script), args, { env: { ...process.env, ...env }, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    child.once('message', () => resolve(child))
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
  })
}

type Result = { name: string; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; first: number }

/** autocannon's summary has no p95, so each response time is kept and the percentiles computed here. */
function run(opts: autocannon.Options): Promise<{ result: autocannon.Result; times: number[] }> {
  return new Promise((resolve, reject) => {
    const times: number[] = []
    const instance = autocannon(opts, (err: unknown, result) => (err ? reject(err instanceof Error ? err : new Error('autocannon failed')) : resolve({ result, times })))
    instance.on('response', (_client, _status, _bytes, responseTime: number) => times.push(responseTime))
  })
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
const round = (n: number) => Math.round(n * 100) / 100

async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<Result> {
  // The first answer builds what a trust's later answers reuse (the matching index): timed on its own.
  const t0 = performance.now()
  const res = await fetch(url, { headers })
  await res.arrayBuffer()
  const first = round(performance.now() - t0)
  if (!res.ok) throw new Error(`${res.status} from ${url}`)
  await run({ url, connections: CONNECTIONS, duration: 2, headers }) // warm-up
  const { result, times } = await run({ url, connections: CONNECTIONS, duration: DURATION, headers })
  times.sort((a, b) => a - b)
  return {
    name,
    rps: result.requests.average,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    first,
  }
}

async function main() {
  console.log(`Preparing PostgreSQL database ${dbName}…`)
  await admin(`drop database if exists "${dbName}" with (force)`)
  await admin(`create database "${dbName}"`)
  const database = createDb({ kind: 'postgres', url: benchUrl }, () => {}, { statementTimeoutMs: 0 })
  const children: ChildProcess[] = []
  try {
    await migrate(database)
    const parsed = parseBundle(JSON.parse(await readFile(DEMO_BUNDLE, 'utf8')))
    if (!parsed.ok) throw new Error('demo bundle invalid')
    const demoIds = await importBundle(database.db, parsed.bundle)
    const ctx: BenchContext = { db: database.db, demoIds, state: {} }
    const scenarios = SCENARIOS.filter((s) => only.length === 0 || only.some((o) => s.name.includes(o)))
    const inProcess = IN_PROCESS.filter((s) => only.length === 0 || only.some((o) => s.name.includes(o)))
    for (const s of [...scenarios, ...inProcess]) {
      if (s.prepare) {
        const t0 = Date.now()
        console.log(`Preparing: ${s.name}…`)
        await s.prepare(ctx)
        console.log(`  ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
      }
    }
    await admin(`vacuum analyze`).catch(() => {})
    const c = new pg.Client({ connectionString: benchUrl })
    await c.connect()
    await c.query('vacuum analyze')
    // Write the loaded data out now, so a checkpoint does not land in the middle of a measurement.
    await c.query('checkpoint')
    await c.end()

    const helloPort = 4100 + (process.pid % 500)
    const appPort = helloPort + 1
    children.push(await start('hello.ts', [String(helloPort)], {}))
    children.push(await start('serve.ts', [], { DATABASE_URL: benchUrl, PORT: String(appPort), NODE_ENV: 'production', PUBLIC_URL: `http://127.0.0.1:${appPort}`, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-1234', LOG_LEVEL: 'warn' }))
    const app = `http://127.0.0.1:${appPort}`

    const hello = await measure('hello-world (bare Fastify)', `http://127.0.0.1:${helloPort}/`)
    const results: Result[] = []
    for (const s of scenarios) {
      try {
        const token = s.as ? await signIn(app, typeof s.as === 'function' ? s.as(ctx) : s.as) : undefined
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
        const target = typeof s.path === 'function' ? s.path(ctx) : s.path
        results.push(await measure(s.name, `${app}${target}`, headers))
      } catch (err) {
        console.error(`  ${s.name}: not measured — ${(err as Error).message.slice(0, 300)}`)
      }
    }
    print(hello, results)
    await printInProcess(ctx, inProcess)
  } finally {
    for (const child of children) child.kill('SIGTERM')
    await database.close()
    await admin(`drop database if exists "${dbName}" with (force)`)
  }
}

async function printInProcess(ctx: BenchContext, measures: InProcess[]) {
  if (measures.length === 0) return
  console.log('\nIn the bench process, no HTTP and no cache: what a first answer after a write costs\n')
  console.log('| work | runs | p50 ms | p95 ms |')
  console.log('|---|---|---|---|')
  for (const m of measures) {
    try {
      const work = await m.setup(ctx)
      await work() // warm-up
      const times: number[] = []
      for (let i = 0; i < m.runs; i++) {
        const t0 = performance.now()
        await work()
        times.push(performance.now() - t0)
      }
      times.sort((a, b) => a - b)
      console.log(`| ${m.name} | ${m.runs} | ${round(percentile(times, 50))} | ${round(percentile(times, 95))} |`)
    } catch (err) {
      console.error(`  ${m.name}: not measured — ${(err as Error).message.slice(0, 300)}`)
    }
  }
}

async function signIn(app: string, email: string) {
  const res = await fetch(`${app}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-password-1' }) })
  if (!res.ok) throw new Error(`bench sign-in ${email}: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}

function print(hello: Result, results: Result[]) {
  const row = (r: Result) =>
    `| ${r.name} | ${Math.round(r.rps).toLocaleString('en-GB')} | ${r.p50} | ${r.p95} | ${r.p99} | ${(r.rps / hello.rps).toFixed(3)} | ${r.errors + r.non2xx} | ${r.first} |`
  console.log(`\nautocannon, ${CONNECTIONS} connections, ${DURATION} s each, Node ${process.version}, PostgreSQL\n`)
  console.log('| scenario | req/s | p50 ms | p95 ms | p99 ms | ratio to hello-world | errors/non-2xx | first request ms |')
  console.log('|---|---|---|---|---|---|---|---|')
  console.log(row(hello))
  for (const r of results) console.log(row(r))
}

await main()
