/**
 * What the app's log may carry (docs/design.md §10): never the words people typed, nor SQL parameters.
 * Used by main.ts for the app's logger and by the tests that read the log. pg and drizzle errors put
 * values in `params`, `detail` and in the message itself ("Failed query: … params: …", `invalid input
 * syntax for type uuid: "…"`), so errors are rebuilt from named fields rather than redacted after the fact.
 */

/** pg's fields that name the fault without any value: the SQLSTATE and the names of what failed. */
const PG_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine'] as const

export type SafeError = {
  type: string
  message: string
  stack?: string
  statusCode?: number
  query?: string
  cause?: SafeError
} & Partial<Record<(typeof PG_FIELDS)[number], string>>

/** Quoted text in a message is where values hide (pg quotes them, JSON.parse quotes the input). */
const scrub = (text: string) => text.replace(/"[^"\n]*"|'[^'\n]*'|«[^»\n]*»/g, '"…"').slice(0, 500)

/** An error as the log may hold it: its type, a scrubbed message, the frames of its stack, pg's names and code. */
export function safeError(err: unknown, depth = 0): SafeError | undefined {
  if (err === undefined || err === null) return undefined
  if (!(err instanceof Error)) return { type: typeof err, message: '(not an Error)' }
  const e = err as Error & Record<string, unknown>
  const type = e.constructor?.name ?? 'Error'
  // drizzle's DrizzleQueryError: "Failed query: <sql>\nparams: <values>". The SQL has placeholders only.
  const drizzle = typeof e.query === 'string' && 'params' in e
  // pg's own messages may quote or name a value, and a RAISE in plpgsql says what it likes: its SQLSTATE is enough.
  const fromDatabase = typeof e.code === 'string' && typeof e.severity === 'string'
  const message = drizzle ? 'Failed query' : fromDatabase ? `Database error ${e.code as string}` : scrub(String(e.message ?? '').split('\nparams:')[0]!)
  const frames = (e.stack ?? '').split('\n').filter((line) => line.startsWith('    at '))
  const out: SafeError = { type, message, stack: [`${type}: ${message}`, ...frames].join('\n') }
  if (drizzle) out.query = String(e.query).slice(0, 2000)
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode
  for (const field of PG_FIELDS) if (typeof e[field] === 'string') out[field] = e[field]
  if (e.cause !== undefined && depth < 3) out.cause = safeError(e.cause, depth + 1)
  return out
}

type LoggedRequest = { method: string; url: string; id: string; hostname?: string; ip?: string; routeOptions?: { url?: string } }

/**
 * The route, not the address: `/api/requests/:id` rather than what was typed into the id or `?q=`. An address
 * no route matched keeps only its first two segments.
 */
function safeRequest(req: LoggedRequest) {
  const route = req.routeOptions?.url
  const url = route && route !== '*' ? route : `${req.url.split('?')[0]!.split('/').slice(0, 3).join('/').slice(0, 60)}/…`
  return { method: req.method, url, id: req.id, host: req.hostname, remoteAddress: req.ip }
}

/** The app logger's options (pino, through Fastify): level, serializers and the redaction of credentials and free text. */
export function loggerOptions(level: string) {
  return {
    level,
    serializers: { err: safeError, error: safeError, req: safeRequest },
    redact: {
      paths: [
        'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
        // The outbox's "not sent" line: a notice's subject quotes request titles.
        'subject', 'text', 'body', 'password', 'params', 'parameters', 'detail',
      ],
      censor: '[redacted]',
    },
  }
}
