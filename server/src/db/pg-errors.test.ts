import { describe, expect, it } from 'vitest'
import { databaseProblem, databaseTrouble, pgCode } from './pg-errors.ts'

const pgError = (code: string, message = 'driver error') => Object.assign(new Error(message), { code })
/** drizzle wraps the driver's error in its own, with the statement and its parameters in the message. */
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: update "schools" … params: Secret text'), { cause })

describe('what a database error means for the person waiting', () => {
  it.each([
    ['a backend terminated by an administrator or a restart', pgError('57P01', 'terminating connection due to administrator command')],
    ['a crash shutdown', pgError('57P02')],
    ['a server still starting up', pgError('57P03', 'the database system is starting up')],
    ['any connection exception (class 08)', pgError('08006')],
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a dual-stack refusal (AggregateError)', Object.assign(new AggregateError([pgError('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' })],
    ['a connection reset', pgError('ECONNRESET')],
    ['a connection that ended mid-query', new Error('Connection terminated unexpectedly')],
    ['a server that stopped answering', new Error('Query read timeout')],
  ])('When the cause is %s, then it is "unavailable", a 503', (_what, err) => {
    expect(databaseTrouble(err)).toBe('unavailable')
    expect(databaseTrouble(wrapped(err))).toBe('unavailable')
    expect(databaseProblem(wrapped(err))).toMatchObject({ status: 503, type: '/problems/unavailable' })
  })

  it.each([
    ['a lock not granted in time (55P03)', pgError('55P03', 'canceling statement due to lock timeout')],
    ['a statement past statement_timeout (57014)', pgError('57014', 'canceling statement due to statement timeout')],
    ['a pool with no free connection', new Error('timeout exceeded when trying to connect')],
    ['too many connections (53300)', pgError('53300')],
    ['a serialisation failure left after the retries', pgError('40001')],
  ])('When the cause is %s, then it is "busy", a 503', (_what, err) => {
    expect(databaseTrouble(wrapped(err))).toBe('busy')
    expect(databaseProblem(wrapped(err))).toMatchObject({ status: 503, type: '/problems/busy', title: 'Busy just now' })
  })

  it('When the error is a bug or a constraint, then it is not dressed up as a 503', () => {
    expect(databaseProblem(wrapped(pgError('42P01', 'relation does not exist')))).toBeUndefined()
    expect(databaseProblem(wrapped(pgError('23505')))).toBeUndefined()
    expect(databaseProblem(new TypeError('x is undefined'))).toBeUndefined()
    expect(pgCode(wrapped(pgError('23505')))).toBe('23505')
  })
})
