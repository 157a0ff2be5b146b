import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

const root = path.resolve(import.meta.dirname, '..')

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/**
 * Starts the product as `npm start` does (migrate, seed the demo trust, serve API and SPA) on a free
 * port: on a fresh PostgreSQL database when DATABASE_URL is set, else on PGlite in a temporary folder.
 */
export default async function setup(project: TestProject) {
  const port = await freePort()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ee-e2e-'))
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test' }
  let dropDb: (() => Promise<void>) | undefined
  if (process.env.DATABASE_URL) {
    const name = `ee_e2e_${process.pid}`
    const admin = new URL(process.env.DATABASE_URL)
    admin.pathname = '/postgres'
    const client = new pg.Client({ connectionString: admin.toString() })
    await client.connect()
    await client.query(`drop database if exists "${name}" with (force)`)
    await client.query(`create database "${name}"`)
    await client.end()
    const url = new URL(process.env.DATABASE_URL)
    url.pathname = `/${name}`
    env.DATABASE_URL = url.toString()
    dropDb = async () => {
      const c = new pg.Client({ connectionString: admin.toString() })
      await c.connect()
      await c.query(`drop database if exists "${name}" with (force)`)
      await c.end()
    }
  }
  // Node itself, not npx: a signal to npx would not reach the server it starts, which then outlived the run.
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  server.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited early:\n${output}`)
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false)
    if (ok) break
    if (Date.now() > deadline) throw new Error(`The server did not start in time:\n${output}`)
    await new Promise((r) => setTimeout(r, 500))
  }
  project.provide('baseUrl', baseUrl)
  return async () => {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    await dropDb?.()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
