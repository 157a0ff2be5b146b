import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { sql } from 'drizzle-orm'
import type { TrustBundleInput } from '@ee/shared/bundle'
import type { CreateRequestInput } from '@ee/shared/requests'
import type { Db } from '../src/db/client.ts'
import { as } from './app.ts'
import { seed, trustBundle } from './bundle.ts'

/** Test-only helpers shared by the commissioning API tests (not imported by the app). */

export const WINDOW = { start: '2027-01-11', end: '2027-03-19' } as const
/** The first day of Spring 2027 in England's default calendar (the window's term). */
export const TERM_START = '2027-01-04'

export function requestBody(over: Partial<CreateRequestInput> = {}): CreateRequestInput {
  return {
    title: 'Year 7 reading recovery',
    problem: 'Too many Year 7 pupils arrive reading well below their age and fall further behind in every subject.',
    tried: 'Small-group phonics after school; a reading age test every term.',
    outcome: 'Most pupils back to their reading age within two terms.',
    areas: ['reading'],
    subjects: ['english'],
    phases: ['secondary'],
    modes: ['fresh_eyes', 'implementation'],
    expertsWanted: 1,
    daysPerExpert: 3,
    window: { ...WINDOW },
    confidentiality: 'trust',
    ...over,
  }
}

/**
 * The principal set with expertise: teacherB1 and headB (school B) can help school A; teacherA1
 * can help school B. Capacities are per term.
 */
export function commissioningBundle(opts: { capacityB1?: number; releaseB?: number; extraExperts?: number } = {}, name = 'Test'): TrustBundleInput {
  const b = trustBundle({}, name)
  const extra = Array.from({ length: opts.extraExperts ?? 0 }, (_, i) => ({
    ref: `expertB${i}`, email: `expert-b${i}.${b.people![0]!.email.split('.').slice(1).join('.')}`, name: `Expert B${i}`,
    role: 'teacher' as const, school: 'B', password: 'test-password-1',
  }))
  b.people = [...b.people!, ...extra]
  b.schools![1]!.releaseDaysPerTerm = opts.releaseB ?? 10
  const entry = (ref: string, person: string, title: string, capacity: number) => ({
    ref, person, title, summary: `${title}: what I have done and how I would help.`, evidence: `Led ${title.toLowerCase()} with measured gains.`,
    areas: ['reading'], subjects: ['english'], phases: ['secondary' as const], modes: ['fresh_eyes' as const, 'implementation' as const],
    capacityDaysPerTerm: capacity,
  })
  b.expertise = [
    entry('eB1', 'teacherB1', 'KS3 reading recovery', opts.capacityB1 ?? 10),
    entry('eHeadB', 'headB', 'Whole-school reading culture', 6),
    entry('eA1', 'teacherA1', 'Phonics for older readers', 6),
    ...extra.map((p, i) => entry(`eX${i}`, p.ref, `Reading intervention ${i}`, 10)),
  ]
  return b
}

export type Api = (opts: InjectOptions) => Promise<LightMyRequestResponse>

export async function seedCommissioning(app: FastifyInstance, opts?: Parameters<typeof commissioningBundle>[0], name?: string) {
  const s = await seed(app, commissioningBundle(opts, name))
  const api = async (ref: string): Promise<Api> => as(app, await s.token(ref))
  const apis = async <K extends string>(...refs: K[]): Promise<Record<K, Api>> =>
    Object.fromEntries(await Promise.all(refs.map(async (r) => [r, await api(r)] as const))) as Record<K, Api>
  return { ...s, api, apis }
}
export type CommissioningSeed = Awaited<ReturnType<typeof seedCommissioning>>

/** Head A raises and publishes; answers the request id. */
export async function openRequest(headA: Api, over: Partial<CreateRequestInput> = {}): Promise<string> {
  const created = await headA({ method: 'POST', url: '/api/requests', payload: requestBody(over) })
  if (created.statusCode !== 201) throw new Error(`create failed ${created.statusCode} ${created.body}`)
  const id = created.json().id as string
  const published = await headA({ method: 'POST', url: `/api/requests/${id}/publish` })
  if (published.statusCode !== 200) throw new Error(`publish failed ${published.statusCode} ${published.body}`)
  return id
}

export async function offer(expert: Api, requestId: string, expertiseId: string, days = 3): Promise<string> {
  const res = await expert({ method: 'POST', url: `/api/requests/${requestId}/offers`, payload: { expertiseId, message: 'I led our KS3 reading recovery programme.', days } })
  if (res.statusCode !== 201) throw new Error(`offer failed ${res.statusCode} ${res.body}`)
  return res.json().id as string
}

/** Every row of the commissioning tables for one trust, to prove a refusal changed nothing. */
export async function snapshot(db: Db, trustId: string): Promise<string> {
  const tables = ['requests', 'request_areas', 'offers', 'engagements', 'engagement_terms', 'engagement_logs', 'engagement_extensions', 'cases', 'notifications', 'email_outbox']
  const parts: string[] = []
  for (const table of tables) {
    const where = table === 'request_areas'
      ? sql.raw(`request_id in (select id from requests where trust_id = '${trustId}')`)
      : sql.raw(`trust_id = '${trustId}'`)
    const res = await db.execute(sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h, count(*)::int as n from ${sql.raw(table)} t where ${where}`)
    const row = (res as { rows: { h: string; n: number }[] }).rows[0]!
    parts.push(`${table}:${row.n}:${row.h}`)
  }
  return parts.join(' ')
}
