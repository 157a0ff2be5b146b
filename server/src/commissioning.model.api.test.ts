import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from './app.ts'
import type { Database } from './db/client.ts'
import { testConfig } from '../test/app.ts'
import { settableClock } from '../test/clock.ts'
import { requestBody } from '../test/commissioning.ts'
import { createTestDatabase } from '../test/db.ts'
import { ACTIONS } from '../test/model/actions.ts'
import { INVARIANTS } from '../test/model/invariants.ts'
import { type SequenceInput, Tally, runSequence, sequenceArbitrary } from '../test/model/run.ts'
import { type Api, World } from '../test/model/world.ts'

/**
 * Model-based tests of commissioning (issue 13 item 7, docs/design.md §3): random sequences of every
 * action by every role (server/test/model/actions.ts) through the HTTP API, with the database's
 * invariants (server/test/model/invariants.ts) checked after every step, and every answer held to the
 * lifecycle tables: never a 5xx, a refusal where the tables or the rules say so, a refusal that changes
 * nothing, and no state change that is not a row of its table.
 *
 * Several workers run at once, each with its own app, clock and trust (so the database works while
 * the tests think); each sequence works in an academic year of its own. The seed is fixed and printed
 * on failure with fast-check's path; `MODEL_RUNS=5000 MODEL_SEED=… npx vitest run
 * server/src/commissioning.model.api.test.ts` runs more. MODEL_WORKERS and MODEL_STEPS change the
 * shape of a run (a failure replays with the same four values).
 */
const onPostgres = Boolean(process.env.DATABASE_URL)
const RUNS = Number(process.env.MODEL_RUNS ?? (onPostgres ? 500 : 60))
const SEED = Number(process.env.MODEL_SEED ?? 20_270_113)
const WORKERS = Number(process.env.MODEL_WORKERS ?? (onPostgres ? 3 : 1))
const STEPS = Number(process.env.MODEL_STEPS ?? 10)
/** One sequence to run alone, as fast-check printed it: `MODEL_REPLAY='{"open":…,"steps":[…]}'`. */
const REPLAY = process.env.MODEL_REPLAY

let database: Database
const apps: FastifyInstance[] = []
const worlds: World[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  for (let i = 0; i < WORKERS; i++) {
    const clock = settableClock('2030-01-01T09:00:00Z')
    const app = await buildApp({ config: testConfig, database, clock })
    await app.ready()
    apps.push(app)
    worlds.push(await World.create(app, clock, `Model ${i}`, 2030))
  }
})

afterAll(async () => {
  for (const app of apps) await app.close()
  await database?.close()
})

describe('Commissioning as a model', () => {
  it(`When ${RUNS} random sequences of every action by every role run, then no answer is a 5xx, every refusal changes nothing and every invariant holds after every step`, async () => {
    const tally = new Tally()
    const started = performance.now()
    const cpu = process.cpuUsage()
    const firstFailure = new Map<number, string>()
    const share = (i: number) => Math.floor(RUNS / WORKERS) + (i < RUNS % WORKERS ? 1 : 0)
    const results = await Promise.allSettled(REPLAY
      ? [runSequence(worlds[0]!, JSON.parse(REPLAY) as SequenceInput, tally)]
      : worlds.map((w, i) => fc.assert(
        fc.asyncProperty(sequenceArbitrary(STEPS), (input) => runSequence(w, input, tally).catch((err: unknown) => {
          // Kept before shrinking: the sequence that first broke, whatever the shrunk one ends as.
          if (!firstFailure.has(i)) firstFailure.set(i, `${(err as Error).message}\n  in ${JSON.stringify(input)}`)
          throw err
        })),
        { numRuns: share(i), seed: SEED + i, verbose: 0 },
      )))
    // fast-check's report names the seed, the path and the shrunk sequence; its cause says which check broke.
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ i, reason: r.reason as Error & { cause?: Error } }] : []))
      .map(({ i, reason }) => ({ i, message: [reason.message, reason.cause?.message, firstFailure.has(i) ? `First failure, before shrinking: ${firstFailure.get(i)}` : ''].filter(Boolean).join('\n') }))
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const cpuSeconds = ((process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6).toFixed(1)
    console.log([
      `Model: ${tally.sequences} sequences, ${tally.steps} steps, ${tally.invariantChecks} invariant checks (${INVARIANTS.length} per step), ${tally.transitionChecks} lifecycle checks, in ${seconds} s (${cpuSeconds} s of this process's CPU)`,
      `  seed ${SEED}, ${WORKERS} workers, up to ${STEPS} steps after the opening two; ${(tally.ms.actions / tally.steps).toFixed(1)} ms a call, ${(tally.ms.checks / tally.steps).toFixed(1)} ms its checks`,
      ...ACTIONS.map((a) => `  ${a.name.padEnd(32)} ${String(tally.answers.get(a.name)?.ok ?? 0).padStart(5)} done, ${String(tally.answers.get(a.name)?.refused ?? 0).padStart(5)} refused`),
    ].join('\n'))
    for (const { i, message } of failed) {
      console.error(`Model worker ${i} failed. Replay the run: MODEL_SEED=${SEED} MODEL_RUNS=${RUNS} MODEL_WORKERS=${WORKERS} MODEL_STEPS=${STEPS} (worker ${i}'s own seed is ${SEED + i}), or the one sequence: MODEL_REPLAY='<its counterexample, without the outer brackets>'\n${message}`)
    }
    expect(failed.map((f) => f.message)).toEqual([])
    expect(tally.sequences).toBeGreaterThanOrEqual(REPLAY ? 1 : RUNS)
  }, 1_800_000)
})

/** What the model found, each pinned as a story on a world of its own (its own app, clock and trust). */
describe('What the model found', () => {
  let w: World
  let headA: Api, teacherB1: Api, expertB0: Api
  let spring: { start: string; end: string }
  beforeAll(async () => {
    const clock = settableClock('2030-01-01T09:00:00Z')
    const app = await buildApp({ config: testConfig, database, clock })
    await app.ready()
    apps.push(app)
    w = await World.create(app, clock, 'Found', 2030)
  })
  beforeEach(async () => {
    await w.startSequence()
    ;[headA, teacherB1, expertB0] = [w.api('headA'), w.api('teacherB1'), w.api('expertB0')]
    spring = w.seq.terms.find((term) => term.name === 'spring')!
  })

  const ok = async (res: Promise<{ statusCode: number; body: string; json: <T>() => T }>, status = 200) => {
    const r = await res
    if (r.statusCode !== status) throw new Error(`${r.statusCode} ${r.body}`)
    return r.json<{ id: string; status: string; version: number }>()
  }
  /** Head A's request in the spring term, published, with `accepted` experts' offers of 3 days accepted. */
  async function commissioned(wanted: number, accepted: number): Promise<{ requestId: string; engagements: string[] }> {
    const { id: requestId } = await ok(headA({ method: 'POST', url: '/api/requests', payload: requestBody({ expertsWanted: wanted, daysPerExpert: 3, window: { start: spring.start, end: spring.end } }) }), 201)
    await ok(headA({ method: 'POST', url: `/api/requests/${requestId}/publish` }))
    const engagements: string[] = []
    for (const [expert, entry] of ([[teacherB1, 'eB1'], [expertB0, 'eX0']] as const).slice(0, accepted)) {
      const offer = await ok(expert({ method: 'POST', url: `/api/requests/${requestId}/offers`, payload: { expertiseId: w.entryId(entry), message: 'I led our KS3 reading recovery programme.', days: 3 } }), 201)
      engagements.push((await ok(headA({ method: 'POST', url: `/api/offers/${offer.id}/accept` })) as unknown as { engagementId: string }).engagementId)
    }
    return { requestId, engagements }
  }
  const statusOf = async (requestId: string) => (await ok(headA({ method: 'GET', url: `/api/requests/${requestId}` }))).status

  it('When an expert lowers their capacity below the days already agreed in a term, then 400 names the field and how many days are agreed, and the capacity stays', async () => {
    await commissioned(1, 1)
    const lowered = await teacherB1({ method: 'PATCH', url: `/api/expertise/${w.entryId('eB1')}`, payload: { capacityDaysPerTerm: 2 } })
    expect(lowered.statusCode).toBe(400)
    expect(lowered.json()).toMatchObject({
      type: '/problems/validation', title: 'Some fields need attention', status: 400,
      errors: [{ path: 'capacityDaysPerTerm', message: `3 days are already agreed in Spring ${spring.start.slice(0, 4)}; offer at least 3 that term, or end or cancel some of that work first` }],
    })
    expect(await ok(teacherB1({ method: 'GET', url: `/api/expertise/${w.entryId('eB1')}` }))).toMatchObject({ expertise: { capacityDaysPerTerm: 8 } })
    expect(await ok(teacherB1({ method: 'PATCH', url: `/api/expertise/${w.entryId('eB1')}`, payload: { capacityDaysPerTerm: 3 } }))).toMatchObject({ capacityDaysPerTerm: 3 })
  })

  it('When a head lowers the experts wanted to the places already filled, then the request is commissioned and takes no more offers', async () => {
    const { requestId } = await commissioned(2, 1)
    const { version } = await ok(headA({ method: 'GET', url: `/api/requests/${requestId}` }))
    expect(await ok(headA({ method: 'PATCH', url: `/api/requests/${requestId}`, payload: { version, expertsWanted: 1 } }))).toMatchObject({ status: 'commissioned', expertsWanted: 1, placesFilled: 1 })
    const late = await expertB0({ method: 'POST', url: `/api/requests/${requestId}/offers`, payload: { expertiseId: w.entryId('eX0'), message: 'I led our KS3 reading recovery programme.', days: 3 } })
    expect(late.statusCode).toBe(409)
    expect(late.json()).toMatchObject({ detail: 'This request is commissioned; only an open request can be offered on.' })
  })

  it('When one of two engagements on a commissioned request is cancelled while the other goes on, then the request opens again for the free place', async () => {
    const { requestId, engagements } = await commissioned(2, 2)
    expect(await statusOf(requestId)).toBe('commissioned')
    await ok(headA({ method: 'POST', url: `/api/engagements/${engagements[1]}/cancel`, payload: { reason: 'The school has closed for repairs.' } }))
    expect(await ok(headA({ method: 'GET', url: `/api/requests/${requestId}` }))).toMatchObject({ status: 'open', expertsWanted: 2, placesFilled: 1 })
    await ok(w.api('headB')({ method: 'POST', url: `/api/requests/${requestId}/offers`, payload: { expertiseId: w.entryId('eHeadB'), message: 'I can take the free place next half-term.', days: 2 } }), 201)
  })
})
