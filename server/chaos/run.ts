/**
 * `npm run chaos`: the bad days of docs/design.md §9, played against the real server on a PostgreSQL
 * of its own (RELIABILITY RS-1..RS-6). Loopback only, bounded to a few minutes, and it removes its
 * cluster and files even when a step fails. Not part of `npm test`: it needs PostgreSQL 15's server
 * binaries (Debian's /usr/lib/postgresql/15/bin, or PG_BIN) and root to run them as `postgres`.
 *
 *   RS-1  PostgreSQL restarted (pg_ctl restart -m fast) at t = 20 s of 60 s of writes at a fixed rate
 *   RS-2  /api/health/ready during and after that outage; /api/health throughout
 *   RS-3  pg_terminate_backend of the app's backends under writes: 503s, no partial write
 *   RS-4  statement_timeout and idle_in_transaction_session_timeout on the app's own pool settings
 *   RS-5  a row lock held elsewhere fills the pool: every request answers 503 within 5 s, never hangs
 *   RS-6  SIGTERM with 100 writes in flight: all complete, exit 0 within 5 s, no connection left
 *
 * Knobs: CHAOS_RATE (writes per second, default 20: what a shared 2-core CI machine serves with room to spare), CHAOS_SECONDS (RS-1 length, default 60).
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { POOL_LIMITS, createDb } from '../src/db/client.ts'
import { databaseTrouble, pgCode } from '../src/db/pg-errors.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'
const RATE = Number(process.env.CHAOS_RATE ?? 20)
const SECONDS = Number(process.env.CHAOS_SECONDS ?? 60)
const RESTART_AT_S = 20
const WATCHDOG_MS = 6 * 60_000
const APP_NAME = 'expertise-exchange'
const DEMO_PASSWORD = 'demo-password-1'

type Shot = { key: string; sentAt: number; doneAt: number; status: number | 'hang' | 'network' }
type Probe = { at: number; ms: number; status: number | 'hang' | 'network' }

const t0 = Date.now()
const now = () => Date.now()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const secs = (ms: number) => (ms / 1000).toFixed(2)
const log = (msg: string) => console.log(`[${secs(now() - t0).padStart(6)} s] ${msg}`)

const gates: { id: string; ok: boolean; figure: string }[] = []
const gate = (id: string, ok: boolean, figure: string) => {
  gates.push({ id, ok, figure })
  console.log(`${ok ? 'PASS' : 'FAIL'} ${id}: ${figure}`)
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as net.AddressInfo
  await new Promise((r) => server.close(r))
  return port
}

// ---------------------------------------------------------------- the private cluster
const dir = mkdtempSync(path.join(tmpdir(), 'ee-chaos-'))
const dataDir = path.join(dir, 'pgdata')
let pgPort = 0
let pgStarted = false
let api: ChildProcess | undefined
let apiExit: Promise<{ code: number | null; signal: string | null; at: number }> | undefined

const run$ = promisify(execFile)
/** PostgreSQL refuses to run as root: its binaries run as the `postgres` OS user, on a directory it owns. */
const asPostgres = async (bin: string, args: string[]) =>
  (await run$('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args], { timeout: 60_000 })).stdout

const serverOptions = () => `-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50`
const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'postgres.log'), '-w', '-t', '30', ...args])

async function startCluster() {
  execFileSync('chown', ['postgres:postgres', dir])
  pgPort = await freePort()
  await asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C'])
  await pgCtl('-o', serverOptions(), 'start')
  pgStarted = true
  await adminQuery('create database ee_chaos')
}

const adminUrl = () => `postgres://postgres@127.0.0.1:${pgPort}/postgres`
const appUrl = () => `postgres://postgres@127.0.0.1:${pgPort}/ee_chaos`

async function adminQuery<T extends pg.QueryResultRow>(text: string, values: unknown[] = [], url = adminUrl()): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  client.on('error', () => {})
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end().catch(() => {})
  }
}

const appBackends = () =>
  adminQuery<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [APP_NAME]).then((r) => r.map((x) => x.pid))

function cleanup() {
  if (api && api.exitCode === null && api.signalCode === null) api.kill('SIGKILL')
  if (pgStarted) {
    try {
      execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore', timeout: 30_000 })
    } catch {
      /* already stopped */
    }
  }
  rmSync(dir, { recursive: true, force: true })
}

// ---------------------------------------------------------------- the API under test
let base = ''
let stopping = false

async function startApi() {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  api = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      DATABASE_URL: appUrl(),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dir, 'app'),
      SEED_DEMO: 'true',
      LOG_LEVEL: 'error',
      // The run writes as one teacher at CHAOS_RATE a second: it measures the database's bad days, not the write quota.
      WRITES_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  api.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)))
  apiExit = new Promise((resolve) => api!.on('exit', (code, signal) => resolve({ code, signal, at: now() })))
  void apiExit.then((e) => {
    if (!stopping) console.error(`the API exited unexpectedly (code ${e.code}, signal ${e.signal}):\n${stderr.slice(-4000)}`)
  })
  const deadline = now() + 120_000
  while (now() < deadline) {
    if (api.exitCode !== null) throw new Error('the API did not start')
    const r = await probe('/api/health/ready', 2000)
    if (r.status === 200) return
    await sleep(500)
  }
  throw new Error('the API was not ready within 120 s')
}

async function probe(url: string, timeoutMs = 10_000, init: RequestInit = {}): Promise<Probe> {
  const at = now()
  try {
    const res = await fetch(`${base}${url}`, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    await res.arrayBuffer()
    return { at, ms: now() - at, status: res.status }
  } catch (err) {
    return { at, ms: now() - at, status: (err as Error).name === 'TimeoutError' ? 'hang' : 'network' }
  }
}

async function login(email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) })
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status}`)
  return ((await res.json()) as { token: string }).token
}

// ---------------------------------------------------------------- the writes
const runId = Math.random().toString(36).slice(2, 8)
let token = ''
let areaSlug = ''
let counter = 0

/** One expertise entry: three rows (the entry, its area, its audit event) in one transaction, found again by its key. */
async function write(phase: string): Promise<Shot> {
  const key = `chaos-${runId}-${phase}-${++counter}`
  const sentAt = now()
  const body = {
    title: `Chaos write ${key}`,
    summary: 'A write made by npm run chaos to check that nothing acknowledged is lost.',
    evidence: 'Written during a PostgreSQL restart; counted afterwards against what the server acknowledged.',
    areas: [areaSlug],
    modes: ['coaching'],
    capacityDaysPerTerm: 1,
  }
  try {
    const res = await fetch(`${base}/api/expertise`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    })
    await res.arrayBuffer()
    return { key, sentAt, doneAt: now(), status: res.status }
  } catch (err) {
    return { key, sentAt, doneAt: now(), status: (err as Error).name === 'TimeoutError' ? 'hang' : 'network' }
  }
}

/** Writes at a fixed rate (open loop: a slow answer never slows the next send) for `ms`. */
async function load(phase: string, ms: number, during?: (elapsed: number) => void): Promise<Shot[]> {
  const shots: Promise<Shot>[] = []
  const start = now()
  const every = 1000 / RATE
  for (let i = 0; ; i++) {
    const due = start + i * every
    if (due - start >= ms) break
    const wait = due - now()
    if (wait > 0) await sleep(wait)
    during?.(now() - start)
    shots.push(write(phase))
  }
  return Promise.all(shots)
}

type Stored = { title: string; id: string; areas: number; audits: number }
async function stored(phase: string): Promise<Map<string, Stored[]>> {
  const rows = await adminQuery<Stored>(
    `select e.title, e.id,
            (select count(*)::int from expertise_areas a where a.expertise_id = e.id) as areas,
            (select count(*)::int from audit_events v where v.object_id = e.id::text and v.action = 'expertise.created') as audits
       from expertise e where e.title like $1`,
    [`Chaos write chaos-${runId}-${phase}-%`],
    appUrl(),
  )
  const byKey = new Map<string, Stored[]>()
  for (const r of rows) {
    const key = r.title.replace('Chaos write ', '')
    byKey.set(key, [...(byKey.get(key) ?? []), r])
  }
  return byKey
}

const countBy = <T>(xs: T[], f: (x: T) => string) => xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [f(x)]: (acc[f(x)] ?? 0) + 1 }), {})
const is2xx = (s: Shot['status']) => typeof s === 'number' && s >= 200 && s < 300

// ---------------------------------------------------------------- RS-1 and RS-2
async function restartUnderLoad() {
  log(`RS-1/RS-2: ${SECONDS} s of writes at ${RATE}/s; PostgreSQL restarted (-m fast) at t = ${RESTART_AT_S} s`)
  const ready: Probe[] = []
  const live: Probe[] = []
  let polling = true
  const poller = (async () => {
    while (polling) {
      const [r, l] = await Promise.all([probe('/api/health/ready', 5000), probe('/api/health', 5000)])
      ready.push(r)
      live.push(l)
      await sleep(200)
    }
  })()
  let restart: Promise<void> | undefined
  let downAt = 0
  let downSeenAt = 0
  let backAt = 0
  const shots = await load('restart', SECONDS * 1000, (elapsed) => {
    if (restart || elapsed < RESTART_AT_S * 1000) return
    restart = (async () => {
      downAt = now()
      log('pg_ctl restart -m fast')
      let sawDown = false
      let restarted = false
      // When PostgreSQL accepts connections again: the first success after a failure.
      const accepts = (async () => {
        for (;;) {
          try {
            await adminQuery('select 1')
            if (sawDown || restarted) return now()
          } catch {
            if (!sawDown) downSeenAt = now()
            sawDown = true
          }
          await sleep(50)
        }
      })()
      await pgCtl('-m', 'fast', '-o', serverOptions(), 'restart')
      restarted = true
      backAt = await accepts
      if (!sawDown) downSeenAt = backAt
      log(`PostgreSQL refused connections from +${secs(downSeenAt - downAt)} s and accepts them again from +${secs(backAt - downAt)} s after the restart began`)
    })()
  })
  await restart
  polling = false
  await poller

  const byKey = await stored('restart')
  const acked = shots.filter((s) => is2xx(s.status))
  const lost = acked.filter((s) => !byKey.has(s.key))
  const duplicates = [...byKey.values()].filter((rows) => rows.length > 1).length
  const storedUnacked = shots.filter((s) => !is2xx(s.status) && byKey.has(s.key)).length
  const outageEnd = backAt + 5000
  const inOutage = shots.filter((s) => s.doneAt >= downAt && s.sentAt <= outageEnd)
  const failedOutside = shots.filter((s) => !is2xx(s.status) && !(s.doneAt >= downAt && s.sentAt <= outageEnd))
  const bad = shots.filter((s) => !is2xx(s.status) && s.status !== 503)
  const slow503 = Math.max(0, ...shots.filter((s) => s.status === 503).map((s) => s.doneAt - s.sentAt))
  const firstOk = shots.filter((s) => is2xx(s.status) && s.sentAt >= backAt).sort((a, b) => a.doneAt - b.doneAt)[0]
  const firstOkAfter = firstOk ? (firstOk.doneAt - backAt) / 1000 : Infinity
  const up = api!.exitCode === null && api!.signalCode === null
  console.log(
    `  writes sent ${shots.length}, acknowledged ${acked.length}, stored ${byKey.size} (of which not acknowledged ${storedUnacked}), lost ${lost.length}, duplicates ${duplicates}`,
  )
  console.log(`  statuses overall ${JSON.stringify(countBy(shots, (s) => String(s.status)))}; in the outage window ${JSON.stringify(countBy(inOutage, (s) => String(s.status)))}`)
  console.log(`  non-2xx outside the outage window ${failedOutside.length}; slowest 503 ${secs(slow503)} s; first 2xx ${secs(firstOkAfter * 1000)} s after PostgreSQL accepted again`)
  const slowest = shots.filter((s) => s.status === 503).sort((a, b) => b.doneAt - b.sentAt - (a.doneAt - a.sentAt)).slice(0, 5)
  console.log(`  slowest 503s (sent at, relative to the restart; took): ${slowest.map((s) => `${secs(s.sentAt - downAt)} s/${secs(s.doneAt - s.sentAt)} s`).join(', ')}`)
  const p99 = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? 0
  console.log(`  2xx latency p99 ${p99(acked.map((s) => s.doneAt - s.sentAt))} ms; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
  gate(
    'RS-1',
    lost.length === 0 && duplicates === 0 && bad.length === 0 && firstOkAfter <= 5 && up && slow503 <= POOL_LIMITS.acquireTimeoutMs + 1000,
    `acknowledged ${acked.length}, stored ${byKey.size}, lost ${lost.length}, duplicates ${duplicates}, 500s ${shots.filter((s) => s.status === 500).length}, hangs ${shots.filter((s) => s.status === 'hang').length}, other non-503 failures ${bad.length}, first 2xx ${firstOkAfter.toFixed(2)} s after PostgreSQL was back, API up ${up}`,
  )

  // Down from the first refused connection (a fast shutdown first lets running statements end) until back.
  const readyDuring = ready.filter((p) => p.at >= downSeenAt && p.at + p.ms <= backAt)
  const readyAfter = ready.filter((p) => p.at >= backAt + 5000)
  const slowestReady = Math.max(0, ...ready.filter((p) => p.status === 503).map((p) => p.ms))
  gate(
    'RS-2',
    readyDuring.length > 0 &&
      readyDuring.every((p) => p.status === 503) &&
      slowestReady <= 2000 &&
      readyAfter.length > 0 &&
      readyAfter.every((p) => p.status === 200) &&
      live.every((p) => p.status === 200),
    `readiness during the outage ${JSON.stringify(countBy(readyDuring, (p) => String(p.status)))} (slowest 503 ${slowestReady} ms), after ${JSON.stringify(countBy(readyAfter, (p) => String(p.status)))}; liveness ${JSON.stringify(countBy(live, (p) => String(p.status)))}`,
  )
}

// ---------------------------------------------------------------- RS-3
async function terminateUnderLoad() {
  log('RS-3: 10 s of writes; pg_terminate_backend of every app backend at t = 3, 5 and 7 s')
  let kills = 0
  const terminated: number[] = []
  const pending: Promise<void>[] = []
  const shots = await load('terminate', 10_000, (elapsed) => {
    const at = [3000, 5000, 7000][kills]
    if (at === undefined || elapsed < at) return
    kills++
    pending.push(
      adminQuery<{ n: number }>('select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = $1', [APP_NAME]).then((r) => {
        terminated.push(r[0]!.n)
      }),
    )
  })
  await Promise.all(pending)
  const byKey = await stored('terminate')
  const acked = shots.filter((s) => is2xx(s.status))
  const lost = acked.filter((s) => !byKey.has(s.key)).length
  const partial = [...byKey.values()].flat().filter((r) => r.areas !== 1 || r.audits !== 1).length
  const bad = shots.filter((s) => !is2xx(s.status) && s.status !== 503).length
  gate(
    'RS-3',
    partial === 0 && lost === 0 && bad === 0,
    `backends terminated ${terminated.join('+')}; statuses ${JSON.stringify(countBy(shots, (s) => String(s.status)))}; stored ${byKey.size}, partial writes ${partial}, lost acknowledged ${lost}, non-503 failures ${bad}`,
  )
}

// ---------------------------------------------------------------- RS-4
async function timeouts() {
  log('RS-4: a slow statement and a leaked transaction on the pool settings the app uses')
  const database = createDb({ kind: 'postgres', url: appUrl() })
  try {
    const started = now()
    let code: string | undefined
    let trouble: string | undefined
    try {
      await database.db.execute(sql`select pg_sleep(10)`)
    } catch (err) {
      code = pgCode(err)
      trouble = databaseTrouble(err)
    }
    const took = now() - started
    const within = Math.abs(took - POOL_LIMITS.statementTimeoutMs) <= POOL_LIMITS.statementTimeoutMs * 0.1 + 150
    // A transaction left open: the server ends it after idle_in_transaction_session_timeout (10 s).
    const pool = (database.db as unknown as { $client: pg.Pool }).$client
    const leaked = await pool.connect()
    leaked.on('error', () => {})
    await leaked.query('begin')
    const pid = (await leaked.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid
    await sleep(11_000)
    const still = await adminQuery<{ n: number }>("select count(*)::int as n from pg_stat_activity where pid = $1 and state like 'idle in transaction%'", [pid])
    leaked.release(true)
    gate(
      'RS-4',
      code === '57014' && trouble === 'busy' && within && still[0]!.n === 0,
      `pg_sleep(10) cancelled with ${code} after ${took} ms (statement_timeout ${POOL_LIMITS.statementTimeoutMs} ms; answered as 503 "${trouble}"); a transaction left idle: ${still[0]!.n} session idle in transaction after 11 s`,
    )
  } finally {
    await database.close().catch(() => {})
  }
}

// ---------------------------------------------------------------- RS-5
async function exhaustedPool() {
  log('RS-5: the area every write names locked elsewhere; 30 writes at once fill the pool and queue behind it')
  const holder = new pg.Client({ connectionString: appUrl() })
  holder.on('error', () => {})
  await holder.connect()
  let answers: Shot[]
  try {
    await holder.query('begin')
    // The foreign-key check of each write's expertise_areas row waits on this row lock.
    await holder.query('select id from areas where slug = $1 for update', [areaSlug])
    answers = await Promise.all(Array.from({ length: 30 }, () => write('exhausted')))
  } finally {
    await holder.query('rollback').catch(() => {})
    await holder.end().catch(() => {})
  }
  const slowest = Math.max(...answers.map((a) => a.doneAt - a.sentAt))
  const bad = answers.filter((a) => a.status !== 503).length
  const partial = [...(await stored('exhausted')).values()].length
  const after = await write('after-exhausted')
  gate(
    'RS-5',
    slowest < 5000 && bad === 0 && partial === 0 && is2xx(after.status),
    `pool max ${POOL_LIMITS.max}, 30 writes behind a held lock: ${JSON.stringify(countBy(answers, (a) => String(a.status)))}, slowest ${slowest} ms (bound 5000), rows stored ${partial}; once the lock is gone: ${after.status}`,
  )
}

// ---------------------------------------------------------------- RS-6
async function sigtermInFlight() {
  log('RS-6: SIGTERM with 100 writes in flight')
  const shots = Array.from({ length: 100 }, () => write('sigterm'))
  const done: Shot[] = []
  for (const s of shots) void s.then((x) => done.push(x))
  // Every request on its way (connected and sent) before the signal.
  await sleep(300)
  const inFlight = 100 - done.length
  const termAt = now()
  stopping = true
  api!.kill('SIGTERM')
  await sleep(300)
  // A new connection once the drain has begun is refused (`network`): the listener is closed.
  const afterTerm = await probe('/api/health', 2000)
  const results = await Promise.all(shots)
  const exit = await Promise.race([apiExit!, sleep(10_000).then(() => undefined)])
  const exitMs = exit ? exit.at - termAt : Infinity
  const left = (await appBackends()).length
  const ok = results.filter((s) => is2xx(s.status)).length
  const byKey = await stored('sigterm')
  const lost = results.filter((s) => is2xx(s.status) && !byKey.has(s.key)).length
  gate(
    'RS-6',
    ok === 100 && exit?.code === 0 && exitMs <= 5000 && left === 0 && lost === 0,
    `${inFlight} of 100 in flight at SIGTERM; ${ok}/100 answered 2xx (${JSON.stringify(countBy(results, (s) => String(s.status)))}), lost ${lost}; a new connection after SIGTERM: ${afterTerm.status}; exit code ${exit?.code ?? 'none'} after ${secs(exitMs)} s; app connections left ${left}`,
  )
}

// ---------------------------------------------------------------- main
async function main() {
  const watchdog = setTimeout(() => {
    console.error(`chaos: stopped by its ${WATCHDOG_MS / 60_000}-minute watchdog`)
    cleanup()
    process.exit(2)
  }, WATCHDOG_MS)
  watchdog.unref()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      cleanup()
      process.exit(130)
    })
  }
  try {
    log(`private PostgreSQL cluster in ${dir}`)
    await startCluster()
    log(`PostgreSQL on 127.0.0.1:${pgPort}; starting the API (migrate, seed the demo trust)`)
    await startApi()
    token = await login('teacher@demo.example.org')
    const areas = (await (await fetch(`${base}/api/areas`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { slug: string }[] }
    areaSlug = areas.items.at(-1)!.slug
    const first = await write('warmup')
    if (first.status !== 201) throw new Error(`a first write failed with ${first.status}`)
    log(`API on ${base}; writes are POST /api/expertise as the demo teacher`)

    await restartUnderLoad()
    await terminateUnderLoad()
    await timeouts()
    await exhaustedPool()
    await sigtermInFlight()
  } finally {
    cleanup()
  }
  const failed = gates.filter((g) => !g.ok)
  console.log(`\nchaos: ${gates.length - failed.length}/${gates.length} gates held${failed.length ? `; failed: ${failed.map((g) => g.id).join(', ')}` : ''} (${secs(now() - t0)} s)`)
  process.exit(failed.length ? 1 : 0)
}

main().catch((err: unknown) => {
  console.error('chaos: could not finish:', err)
  cleanup()
  process.exit(2)
})
