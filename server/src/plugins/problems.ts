import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { type $ZodType, safeParse } from 'zod/v4/core'
import { PLAIN_ENGLISH, fieldLabel } from '@ee/shared/messages'
import { formatPath, type Problem as ProblemBody } from '@ee/shared/problem'
import { Problem } from '../lib/problem.ts'
import { RETRY_AFTER_SECONDS, databaseProblem, databaseTrouble, pgCode, problemFromPgError } from '../db/pg-errors.ts'

const PROBLEM_TYPE = 'application/problem+json; charset=utf-8'

export function sendProblem(reply: FastifyReply, request: FastifyRequest, body: Omit<ProblemBody, 'requestId'>) {
  // Every 503 is temporary (a busy or unreachable database, a server draining): say when to come back.
  if (body.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(RETRY_AFTER_SECONDS))
  return reply.status(body.status).type(PROBLEM_TYPE).send({ ...body, instance: request.url.split('?')[0], requestId: request.id })
}

const STATUS_TITLES: Record<number, string> = {
  400: 'The request could not be read',
  401: 'Sign-in needed',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  413: 'That is too large',
  414: 'That address is too long',
  415: 'Unsupported content type',
  429: 'Too many attempts',
}

/**
 * Errors the router raises before any route or hook (a path parameter over `maxParamLength`, a URL
 * that cannot be decoded): the same problem+json as every other refusal (Fastify's `frameworkErrors`).
 */
export function frameworkProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400
  void sendProblem(reply, request, {
    type: `/problems/http-${status}`,
    title: STATUS_TITLES[status] ?? 'The request could not be handled',
    status,
    detail: status === 414 ? 'A part of this address is too long. Please check the link.' : 'This address could not be read. Please check the link.',
  })
}

/** Marks a validation error as zod's, as fastify-type-provider-zod does, so `hasZodFastifySchemaValidationErrors` knows it. */
const ZOD_VALIDATION_ERROR = Symbol.for('ZodFastifySchemaValidationError')

/**
 * fastify-type-provider-zod's validator, parsing with the one plain-English error map (shared/src/messages.ts):
 * a missing evidence field answers "Add the evidence of impact: …", never "Invalid input: expected string".
 */
export const plainEnglishValidatorCompiler: FastifySchemaCompiler<$ZodType> = ({ schema }) => (data) => {
  const result = safeParse(schema, data, PLAIN_ENGLISH)
  if (result.success) return { value: result.data }
  const errors = result.error.issues.map(
    (issue): FastifySchemaValidationError & { [ZOD_VALIDATION_ERROR]: true } => ({
      [ZOD_VALIDATION_ERROR]: true,
      keyword: issue.code,
      instancePath: `/${issue.path.map(String).join('/')}`,
      schemaPath: `#/${issue.path.map(String).join('/')}/${issue.code}`,
      message: issue.message,
      params: {},
    }),
  )
  return { error: errors }
}

/** The one translator from errors to application/problem+json (RFC 9457). No stack or SQL leaves. */
export const problemsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // A unique clash or unstorable text raised outside inTransaction is still the same 4xx, and a database
    // that is busy or away a 503, a read outside a transaction included (docs/design.md §9). Logged by
    // code only: the driver's error carries the statement's parameters, people's own text.
    const inputProblem = error instanceof Problem ? undefined : problemFromPgError(error)
    const problem = error instanceof Problem ? error : (inputProblem ?? databaseProblem(error))
    if (inputProblem) request.log.info({ code: pgCode(error) }, 'database refused the input')
    else if (problem && !(error instanceof Problem)) request.log.warn({ trouble: databaseTrouble(error), code: pgCode(error) }, 'database busy or unavailable')
    if (problem) {
      return sendProblem(reply, request, {
        type: problem.type,
        title: problem.title,
        status: problem.status,
        detail: problem.detail,
        ...(problem.errors ? { errors: problem.errors } : {}),
      })
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body'
      const labels = new Set<string>()
      const errors = error.validation.map((v) => {
        const segments = v.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p))
        labels.add(segments.length ? fieldLabel(segments) : (WHOLE[where] ?? 'the form'))
        return { path: segments.length ? formatPath(segments) : where, message: v.message ?? 'Check this field and try again' }
      })
      // Paths and check names only: a message may quote what the person sent (an unknown field's name).
      request.log.info({ errors: errors.map((e, i) => ({ path: e.path, check: error.validation[i]?.keyword })), where }, 'input_validation_fail')
      return sendProblem(reply, request, {
        type: '/problems/validation',
        title: 'Some fields need attention',
        status: 400,
        detail: `Please check ${inWords([...labels])}.`,
        errors,
      })
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its contract')
    } else if (error.statusCode !== undefined && error.statusCode < 500) {
      const status = error.statusCode
      return sendProblem(reply, request, {
        type: `/problems/http-${status}`,
        title: STATUS_TITLES[status] ?? 'The request could not be handled',
        status,
        detail: status === 429 ? 'Too many attempts. Please wait a few minutes and try again.' : publicDetail(error, request),
      })
    } else {
      request.log.error({ err: error }, 'unhandled error')
    }
    return sendProblem(reply, request, {
      type: '/problems/internal',
      title: 'Something went wrong on our side',
      status: 500,
      detail: `Please try again. If it keeps happening, tell your trust administrator and quote ${request.id}.`,
    })
  })

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, {
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: `There is nothing at ${request.method} ${request.url.split('?')[0]}.`,
    }),
  )
})

/** Fastify's own 4xx messages are safe to show (body too large, bad JSON), but never with internals. */
function publicDetail(error: FastifyError, request: FastifyRequest): string {
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'Send the request body as application/json.'
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = request.routeOptions.bodyLimit
    return limit ? `The request body is larger than the ${sizeOf(limit)} this address accepts; send a smaller one (split a file into parts).` : 'The request body is too large.'
  }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The request body is empty; send a JSON object.'
  if (error.code?.startsWith('FST_ERR_CTP') || error instanceof SyntaxError) return 'The request body is not valid JSON.'
  return error.message.split('\n')[0]?.slice(0, 200) ?? ''
}

/** What a validation error about a whole part of the request (no field) is about. */
const WHOLE: Record<string, string> = { body: 'the form', querystring: 'the search or filter', params: 'the address', headers: 'the request' }

/** ['the title', 'the areas', 'the date'] → "the title, the areas and the date". */
const inWords = (items: string[]) => (items.length <= 1 ? (items[0] ?? 'the form') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`)

const sizeOf = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`)
