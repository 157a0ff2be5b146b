import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { freePort, freshDatabase, startServer } from './server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

/**
 * Starts the product as `npm start` does (migrate, seed the demo trust, serve API and SPA) on a free
 * port: on a fresh PostgreSQL database when DATABASE_URL is set, else on PGlite in a temporary folder.
 */
export default async function setup(project: TestProject) {
  const port = await freePort()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ee-e2e-'))
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test', PUBLIC_URL: `http://127.0.0.1:${port}` }
  const database = process.env.DATABASE_URL ? await freshDatabase(process.env.DATABASE_URL, `ee_e2e_${process.pid}`) : undefined
  if (database) env.DATABASE_URL = database.url
  const server = await startServer(env, port)
  project.provide('baseUrl', server.baseUrl)
  return async () => {
    await server.stop()
    await database?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
