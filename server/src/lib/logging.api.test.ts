import { asOwner } from '../db/scope.ts'
import { Writable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { as, useTestApp } from '../../test/app.ts'
import { type Seeded, seed, trustBundle, unique } from '../../test/bundle.ts'
import { requestBody } from '../../test/commissioning.ts'
import { loggerOptions, safeError } from './logging.ts'

/** Every line the app logs, as pino writes it: the same options main.ts uses (lib/logging.ts). */
const lines: string[] = []
const stream = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean))
    done()
  },
})
const t = useTestApp({ logger: { ...loggerOptions('info'), stream } })
const CANARY = `LogCanary${unique()}`
let s: Seeded

beforeAll(async () => {
  s = await seed(t.app, trustBundle())
  // A write the database refuses with the canary in its message, its detail and the query's parameters,
  // as a unique or type error does with the value it met (`Key (slug)=(…)`, `invalid input syntax …: "…"`).
  // Test-only DDL, as the tables' owner (the app works as ee_app, which creates nothing).
  await asOwner(async () => {
  await t.app.db.execute(sql.raw(`
    create function ee_test_refuse_canary() returns trigger language plpgsql as $$
    begin
      if position('${CANARY}' in new.title) > 0 then
        raise exception 'refused "%" because of %', new.title, new.problem using detail = 'Key (title)=(' || new.title || ') is refused.';
      end if;
      return new;
    end $$`))
  await t.app.db.execute(sql.raw('create trigger ee_test_refuse_canary before insert on requests for each row execute function ee_test_refuse_canary()'))
  })
})

const logged = () => lines.join('\n')

describe('no user text in the log (LG-2)', () => {
  it('When a write fails in the database with a person’s words in it, then the error is logged with its request id, code and query, and none of the words', async () => {
    const headA = as(t.app, await s.token('headA'))
    const res = await headA({ method: 'POST', url: '/api/requests', payload: requestBody({ title: `Title ${CANARY}`, problem: `Problem text ${CANARY} about a pupil.` }) })
    expect(res.statusCode).toBe(500)
    const requestId = res.json().requestId as string
    expect(requestId).toBeTruthy()
    const errors = lines.map((l) => JSON.parse(l) as { level: number; reqId?: string; err?: { query?: string } }).filter((l) => l.level >= 50)
    const mine = errors.find((l) => l.reqId === requestId)
    expect(mine?.err).toMatchObject({ message: 'Failed query', cause: { code: 'P0001', message: 'Database error P0001', routine: 'exec_stmt_raise' } })
    expect(mine?.err?.query).toMatch(/^insert into "requests" .* values \(default, \$1, \$2/)
    expect(logged()).toContain(requestId)
    expect(logged()).not.toContain(CANARY)
  })

  it('When sign-in fails with a canary password, a field fails validation with canary text, a search carries it and a body is broken, then the log holds none of it', async () => {
    const before = lines.length
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: s.email('teacherA1'), password: `Pw-${CANARY}-secret` } })
    expect(login.statusCode).toBe(401)
    const headA = as(t.app, await s.token('headA'))
    const invalid = await headA({ method: 'POST', url: '/api/requests', payload: { ...requestBody({ title: `Title ${CANARY}` }), expertsWanted: -1, window: { start: CANARY, end: CANARY } } })
    expect(invalid.statusCode).toBe(400)
    const search = await headA({ method: 'GET', url: `/api/cases?q=${CANARY}` })
    expect(search.statusCode).toBe(200)
    const broken = await headA({ method: 'POST', url: '/api/requests', headers: { 'content-type': 'application/json' }, payload: `{"title": "${CANARY}` })
    expect(broken.statusCode).toBe(400)
    const badId = await headA({ method: 'GET', url: `/api/requests/${CANARY}` })
    expect(badId.statusCode).toBe(400)
    expect((await headA({ method: 'GET', url: `/api/no-such-thing/${CANARY}/deeper` })).statusCode).toBe(404)
    const written = lines.slice(before).join('\n')
    expect(written).toContain(invalid.json().requestId as string)
    expect(written).toContain('input_validation_fail')
    expect(written).toContain('"url":"/api/cases"')
    expect(written).toContain('"url":"/api/requests/:id"')
    expect(written).toContain('"url":"/api/no-such-thing/…"')
    expect(logged()).not.toContain(CANARY)
    expect(logged()).not.toContain(await s.token('headA'))
  })

  it('When a pg error quotes a value or drizzle lists parameters, then the safe error keeps the code and names and drops the values', () => {
    const pgError = Object.assign(new Error(`invalid input syntax for type uuid: "${CANARY}"`), { code: '22P02', detail: `Key (id)=(${CANARY})`, table: 'requests', where: CANARY })
    const drizzleError = Object.assign(new Error(`Failed query: select 1 where id = $1\nparams: ${CANARY}`), { query: 'select 1 where id = $1', params: [CANARY], cause: pgError })
    const safe = safeError(drizzleError)!
    expect(safe).toMatchObject({ type: 'Error', message: 'Failed query', query: 'select 1 where id = $1', cause: { code: '22P02', table: 'requests', message: 'invalid input syntax for type uuid: "…"' } })
    const fromPg = safeError(Object.assign(new Error(`value ${CANARY} refused`), { code: '23514', severity: 'ERROR', constraint: 'requests_title_check' }))
    expect(fromPg).toMatchObject({ message: 'Database error 23514', constraint: 'requests_title_check' })
    expect(safeError(new SyntaxError(`Unexpected token 'L', "${CANARY}" is not valid JSON`))!.message).toBe('Unexpected token "…", "…" is not valid JSON')
    expect(JSON.stringify(safe)).not.toContain(CANARY)
    expect(safe.stack).toMatch(/^Error: Failed query\n {4}at /)
  })
})
