import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import pg from 'pg'

export const ROOT = path.resolve(import.meta.dirname, '..')

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/** A fresh, empty PostgreSQL database beside DATABASE_URL's, dropped by `drop()`. */
export async function freshDatabase(baseUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new URL(baseUrl)
  admin.pathname = '/postgres'
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await run(`drop database if exists "${name}" with (force)`)
  await run(`create database "${name}"`)
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => run(`drop database if exists "${name}" with (force)`) }
}

export type RunningServer = { baseUrl: string; output: () => string; stop: () => Promise<void> }

/** Starts the product as `npm start` does (server/src/main.ts) and waits until it answers. */
export async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<RunningServer> {
  // Node itself, not npx: a signal to npx would not reach the server it starts, which then outlived the run.
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  server.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited early:\n${output}`)
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false)
    if (ok) break
    if (Date.now() > deadline) {
      server.kill('SIGTERM')
      throw new Error(`The server did not start in time:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      if (server.exitCode !== null) return
      server.kill('SIGTERM')
      await new Promise((r) => server.once('exit', r))
    },
  }
}
