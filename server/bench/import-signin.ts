import { type ChildProcess, fork } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import pg from 'pg'
import type { AdminImportInput, TrustBundleInput } from '@ee/shared/bundle'
import { importBundle, parseBundle } from '../src/admin/import.service.ts'
import { createDb } from '../src/db/client.ts'
import { migrate } from '../src/db/migrate.ts'

/**
 * npm run bench:import: the product in its own process on a fresh PostgreSQL database; trust A's admin
 * imports 3,000 people (POST /api/admin/import) while someone of trust B signs in, one after another,
 * for the whole import. Prints sign-in latency (p50, p95, max) during the import, and the import's time
 * and status. The promise (docs/design.md §8): no sign-in in another trust waits more than 1 s.
 */
const PEOPLE = Number(process.env.BENCH_IMPORT_PEOPLE ?? 3000)
const PASSWORD = 'bench-password-for-sign-in-1'
const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const dbName = `ee_bench_import_${process.pid}`
const port = 3900 + (process.pid % 90)

function withDb(url: string, name: string) {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: withDb(baseUrl, 'postgres') })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

function start(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, 'serve.ts'), [], { env: { ...process.env, ...env }, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    child.once('message', () => resolve(child))
    child.once('exit', (code) => reject(new Error(`serve.ts exited with ${code}`)))
  })
}

const trust = (name: string): TrustBundleInput => ({
  trust: { ref: 't', name },
  schools: [{ ref: 'S', urn: name === 'Bench A' ? 91_000_001 : 91_000_002, name: `${name} School`, phase: 'primary', lat: 53.8, lng: -1.55 }],
  people: [
    { ref: 'admin', email: `admin@${name.replace(' ', '-').toLowerCase()}.example`, name: 'Admin', role: 'admin', password: PASSWORD },
    { ref: 'head', email: `head@${name.replace(' ', '-').toLowerCase()}.example`, name: 'Head', role: 'headteacher', school: 'S', password: PASSWORD },
  ],
})

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
const ms = (n: number) => `${Math.round(n)} ms`

let source = 0
/**
 * One sign-in from its own loopback address (127.0.1.1, 127.0.1.2, …): sign-in is rate-limited per
 * address, and the bench stands for many people of trust B, not one machine hammering the form.
 */
function signIn(base: string, email: string): Promise<{ status: number; ms: number }> {
  source = (source % 250) + 1
  const body = JSON.stringify({ email, password: PASSWORD })
  const t0 = performance.now()
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/auth/login`, {
      method: 'POST', localAddress: `127.0.1.${source}`, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function main() {
  console.log(`Preparing PostgreSQL database ${dbName}…`)
  await admin(`drop database if exists "${dbName}" with (force)`)
  await admin(`create database "${dbName}"`)
  const url = withDb(baseUrl, dbName)
  const database = createDb({ kind: 'postgres', url }, () => {}, { statementTimeoutMs: 0 })
  let child: ChildProcess | undefined
  try {
    await migrate(database)
    for (const name of ['Bench A', 'Bench B']) {
      const parsed = parseBundle(trust(name))
      if (!parsed.ok) throw new Error(`bench bundle invalid: ${JSON.stringify(parsed.errors)}`)
      await importBundle(database.db, parsed.bundle)
    }
    child = await start({ DATABASE_URL: url, PORT: String(port), NODE_ENV: 'production', PUBLIC_URL: `http://127.0.0.1:${port}`, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-1234', LOG_LEVEL: 'warn' })
    const base = `http://127.0.0.1:${port}`

    const loginRes = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@bench-a.example', password: PASSWORD }) })
    const { token } = (await loginRes.json()) as { token: string }
    const baseline: number[] = []
    for (let i = 0; i < 5; i++) baseline.push((await signIn(base, 'head@bench-b.example')).ms)

    const payload: AdminImportInput = {
      people: Array.from({ length: PEOPLE }, (_, i) => ({ ref: `p${i}`, email: `person${i}@bench-a.example`, name: `Person ${i}`, role: 'teacher' as const, school: 91_000_001 })),
    }
    const body = JSON.stringify(payload)
    console.log(`Importing ${PEOPLE} people (${(body.length / 1024).toFixed(0)} KiB) into trust A while trust B signs in…`)
    let done = false
    const t0 = performance.now()
    const importing = fetch(`${base}/api/admin/import`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })
      .then(async (res) => ({ status: res.status, text: await res.text(), seconds: (performance.now() - t0) / 1000 }))
      .finally(() => { done = true })
    const during: { status: number; ms: number }[] = []
    while (!done) during.push(await signIn(base, 'head@bench-b.example'))
    const imported = await importing

    const times = during.map((d) => d.ms).sort((a, b) => a - b)
    const failed = during.filter((d) => d.status !== 200).length
    console.log(`\nSign-in before the import (5): median ${ms(percentile([...baseline].sort((a, b) => a - b), 50))}`)
    console.log(`Sign-in in trust B during the import: ${during.length} sign-ins, p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, max ${ms(times.at(-1) ?? NaN)}, not 200: ${failed}`)
    console.log(`Import of ${PEOPLE} people: ${imported.status} in ${imported.seconds.toFixed(1)} s${imported.status >= 300 ? ` (${imported.text.slice(0, 300)})` : ''}`)
    const ok = imported.status === 201 && (times.at(-1) ?? Infinity) <= 1000 && failed === 0
    console.log(ok ? 'PASS: every sign-in within 1 s and the import stored' : 'FAIL: a sign-in waited more than 1 s, failed, or the import was not stored')
    process.exitCode = ok ? 0 : 1
  } finally {
    child?.kill('SIGTERM')
    await database.close()
    await admin(`drop database if exists "${dbName}" with (force)`).catch(() => {})
  }
}

await main()
