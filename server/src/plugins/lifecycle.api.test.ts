import net from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../app.ts'
import { type Database, createDb } from '../db/client.ts'
import { testConfig, useTestApp } from '../../test/app.ts'

/** A port on this machine where nothing listens (PostgreSQL is "down"). */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as net.AddressInfo
  await new Promise((r) => server.close(r))
  return port
}

/** A port that accepts connections and never answers: a database behind a black-holed network. */
async function silentPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((s) => sockets.add(s))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise((r) => server.close(r))
    },
  }
}

const expectUnavailable = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) => {
  expect(res.statusCode).toBe(503)
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
  expect(res.json()).toMatchObject({ status: 503, type: '/problems/unavailable', title: 'Not available just now' })
}

describe('readiness on a database that answers', () => {
  const t = useTestApp()

  it('When the database answers, then /api/health/ready is 200 and says which database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health/ready' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ready', database: t.database.kind })
  })

  it('When the server shuts down, then a request in flight completes with Connection: close, and a request queued behind it on that connection is not taken', async () => {
    const app = await buildApp({ config: testConfig, database: t.database })
    let entered!: () => void
    const inFlight = new Promise<void>((r) => (entered = r))
    app.get('/api/slow-for-test', { config: { access: 'public' } }, async () => {
      entered()
      await new Promise((r) => setTimeout(r, 1000))
      return { done: true }
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = app.server.address() as net.AddressInfo
    const socket = net.connect(port, '127.0.0.1')
    let raw = ''
    socket.on('data', (d) => (raw += d.toString()))
    socket.on('error', () => {})
    const ended = new Promise((r) => socket.on('close', r))
    socket.write('GET /api/slow-for-test HTTP/1.1\r\nHost: x\r\n\r\n')
    await inFlight
    const closing = app.close()
    // The next request on the same connection arrives while the first is still being answered.
    socket.write('GET /api/health/ready HTTP/1.1\r\nHost: x\r\n\r\n')
    await closing
    await ended
    const answers = raw.split(/(?=HTTP\/1\.1 )/)
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200/)
    expect(answers[0]).toContain('{"done":true}')
    // Its connection closes with it, so close() never waits on a kept-alive socket (RS-6), and the
    // client sends what it queued to another server.
    expect(answers[0]).toMatch(/connection: close/i)
    expect(answers).toHaveLength(1)
  })
})

describe('a database that refuses connections', () => {
  let port = 0
  let app: FastifyInstance
  let database: Database
  beforeAll(async () => {
    port = await closedPort()
    database = createDb({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:${port}/none` })
    app = await buildApp({ config: testConfig, database })
  })
  afterAll(async () => {
    await app.close()
    await database.close()
  })

  it('When PostgreSQL is down, then readiness is 503 problem+json with Retry-After within 2 s, and liveness stays 200', async () => {
    const started = Date.now()
    const ready = await app.inject({ method: 'GET', url: '/api/health/ready' })
    expect(Date.now() - started).toBeLessThan(2000)
    expectUnavailable(ready)
    const live = await app.inject({ method: 'GET', url: '/api/health' })
    expect(live.statusCode).toBe(200)
    expect(live.json()).toEqual({ status: 'ok', database: 'postgres' })
  })

  it('When PostgreSQL is down, then a sign-in (a read outside a transaction) and a reset confirmation (a write) answer 503, never 500', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'someone@example.org', password: 'a-password-of-length' } })
    expectUnavailable(login)
    const confirm = await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token: 'x'.repeat(40), password: 'correct horse battery staple 42' },
    })
    expectUnavailable(confirm)
    expect(JSON.stringify(confirm.json())).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|select/i)
  })
})

describe('a database that never answers', () => {
  let silent: Awaited<ReturnType<typeof silentPort>>
  let app: FastifyInstance
  let database: Database
  beforeAll(async () => {
    silent = await silentPort()
    database = createDb({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:${silent.port}/none` })
    app = await buildApp({ config: testConfig, database })
  })
  afterAll(async () => {
    await app.close()
    await database.close()
    await silent.close()
  })

  it('When connections hang, then readiness still answers 503 within 2 s and a sign-in 503 within 5 s', async () => {
    let started = Date.now()
    const ready = await app.inject({ method: 'GET', url: '/api/health/ready' })
    expect(Date.now() - started).toBeLessThan(2000)
    expectUnavailable(ready)
    started = Date.now()
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'someone@example.org', password: 'a-password-of-length' } })
    expect(Date.now() - started).toBeLessThan(5000)
    expectUnavailable(login)
  })
})
