import type { z } from 'zod'
import { type Problem, ProblemSchema } from '@ee/shared/problem'

/** A failed API call, carrying the server's problem+json so forms can put errors on their fields. */
export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    /** From a 429's `Retry-After` (seconds): how long to wait before trying again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem.detail ?? problem.title)
  }
  get status() {
    return this.problem.status
  }
}

type Query = Record<string, string | number | boolean | undefined | null | readonly string[]>

function toSearch(query?: Query): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v))
    else params.set(key, String(value))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

async function request<T extends z.ZodType>(method: string, path: string, schema: T, opts: { query?: Query; body?: unknown; file?: Blob; headers?: Record<string, string> } = {}): Promise<z.infer<T>> {
  let res: Response
  try {
    res = await fetch(`/api${path}${toSearch(opts.query)}`, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(opts.file ? { 'content-type': opts.file.type || 'application/octet-stream' } : opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: opts.file ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    })
  } catch {
    throw new ApiError({ type: '/problems/network', title: 'No connection', status: 0, detail: 'We could not reach the server. Check your connection and try again.' })
  }
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => null)
    const parsed = ProblemSchema.safeParse(body)
    const retryAfter = Number(res.headers.get('retry-after') ?? Number.NaN)
    throw new ApiError(
      parsed.success ? parsed.data : { type: '/problems/unknown', title: 'Something went wrong', status: res.status, detail: `The server answered ${res.status}. Please try again.` },
      Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null,
    )
  }
  if (res.status === 204) return schema.parse(undefined)
  return schema.parse(await res.json())
}

export const api = {
  get: <T extends z.ZodType>(path: string, schema: T, query?: Query) => request('GET', path, schema, { query }),
  post: <T extends z.ZodType>(path: string, schema: T, body: unknown = {}, headers?: Record<string, string>) => request('POST', path, schema, { body, headers }),
  patch: <T extends z.ZodType>(path: string, schema: T, body: unknown) => request('PATCH', path, schema, { body }),
  put: <T extends z.ZodType>(path: string, schema: T, body: unknown) => request('PUT', path, schema, { body }),
  delete: <T extends z.ZodType>(path: string, schema: T) => request('DELETE', path, schema),
  /** Sends a file as it is (its bytes, its type), e.g. a 60 MB CSV that the server decodes itself. */
  upload: <T extends z.ZodType>(path: string, schema: T, file: Blob, query?: Query) => request('POST', path, schema, { file, query }),
  /**
   * Every page of a list, following `nextCursor` (the server answers at most a page at a time): for
   * lists a screen needs whole (reference data, one request's offers, a flows table). Other fields come
   * from the first page. Long lists a person scrolls use useInfiniteQuery and "Show more" instead.
   */
  getAll: async <T extends z.ZodType<{ items: unknown[]; nextCursor: string | null }>>(path: string, schema: T, query?: Query): Promise<z.infer<T>> => {
    const first = await request('GET', path, schema, { query })
    const items = [...first.items]
    let next = first.nextCursor
    for (let pages = 1; next && pages < MAX_PAGES; pages++) {
      const page = await request('GET', path, schema, { query: { ...query, cursor: next } })
      items.push(...page.items)
      next = page.nextCursor
    }
    return { ...first, items, nextCursor: null }
  },
}

/** A guard against a server that never ends a list: 200 pages is 100,000 reference rows. */
const MAX_PAGES = 200

/** Where a download (CSV) lives: a plain link, so the browser saves it with the session cookie. */
export const apiHref = (path: string, query?: Query) => `/api${path}${toSearch(query)}`
