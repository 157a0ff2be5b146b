import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { sql } from 'drizzle-orm'
import type { TrustBundleInput } from '@ee/shared/bundle'
import type { Db } from '../../src/db/client.ts'
import { as } from '../app.ts'
import { type Seeded, seed, trustBundle, unique } from '../bundle.ts'
import { WINDOW } from '../commissioning.ts'

/**
 * Two trusts for the authorization matrix (RELIABILITY §1.4), built once per file. Each has schools A
 * and B, the principal set of docs/design.md §10 with an expertise entry for every member of staff,
 * and POOL copies of every kind of object per school, so that each allowed write acts on a fresh one.
 */
export const POOL = 9
export const OWNERS = ['A', 'B'] as const
export type Owner = (typeof OWNERS)[number]

/** Kinds of object owned by a school: refs `${kind}_${owner}_${i}` in the bundle. */
export const SCHOOL_KINDS = ['draft', 'open', 'offer', 'eng', 'pend', 'case', 'exp', 'arch', 'notif', 'school', 'spare'] as const
/** Kinds of object owned by the trust (column A stands for "this trust"). */
export const TRUST_KINDS = ['area', 'cluster', 'invitation'] as const
export type Kind = (typeof SCHOOL_KINDS)[number] | (typeof TRUST_KINDS)[number]

const other = (x: Owner): Owner => (x === 'A' ? 'B' : 'A')
/** The expert of each school's objects: a teacher of the other school. */
const expertOf = (x: Owner) => `e${other(x)}1`

/** Words that must never reach another trust (AZ-4), and a confidential problem no one else reads (AZ-7). */
export const canaryTitle = (trust: string) => `Canary ${trust} reading recovery`
export const confidentialProblem = (trust: string) => `Canary ${trust} confidential safeguarding concern about one family`

export function worldBundle(name: string): TrustBundleInput {
  const b = trustBundle({}, name)
  const u = b.people![0]!.email.split('.').slice(1).join('.')
  b.people!.push(
    { ref: 'spareA', email: `spare-a.${u}`, name: `Spare A ${name}`, role: 'teacher', school: 'A', password: 'test-password-1' },
    { ref: 'spareB', email: `spare-b.${u}`, name: `Spare B ${name}`, role: 'teacher', school: 'B', password: 'test-password-1' },
  )
  for (const s of b.schools!) s.releaseDaysPerTerm = 0
  const entry = (ref: string, person: string, title: string) => ({
    ref, person, title, summary: `${title}: what I have done and how I would help.`, evidence: `Led ${title.toLowerCase()} with measured gains.`,
    areas: ['reading'], subjects: ['english' as const], phases: ['secondary' as const], modes: ['fresh_eyes' as const, 'implementation' as const],
    capacityDaysPerTerm: 40,
  })
  b.expertise = [
    entry('eA1', 'teacherA1', `${name} phonics for older readers`), entry('eA2', 'teacherA2', `${name} reading fluency`),
    entry('eHA', 'headA', `${name} whole-school literacy`), entry('eB1', 'teacherB1', `${name} KS3 reading recovery`),
    entry('eHB', 'headB', `${name} reading culture`),
  ]
  b.requests = []
  b.offers = []
  b.engagements = []
  const request = (ref: string, school: Owner, status: 'draft' | 'open' | 'commissioned' | 'completed', over: object = {}) =>
    b.requests!.push({
      ref, school, raisedBy: `head${school}`, title: `${canaryTitle(name)} ${ref}`, problem: `Pupils in ${ref} read below their age.`,
      areas: ['reading'], modes: ['fresh_eyes'], expertsWanted: 5, daysPerExpert: 1, window: { ...WINDOW }, status,
      ...(status === 'draft' ? {} : { publishedAt: '2026-11-02T09:00:00Z' }), ...over,
    })
  for (const x of OWNERS) {
    request(`conf_${x}`, x, 'open', { confidentiality: 'invited', problem: confidentialProblem(`${name} ${x}`) })
    for (let i = 0; i < POOL; i++) {
      b.expertise.push(entry(`arch_${x}_${i}`, `teacher${x}1`, `${name} archive me ${x}${i}`))
      request(`draft_${x}_${i}`, x, 'draft')
      request(`open_${x}_${i}`, x, 'open')
      request(`oreq_${x}_${i}`, x, 'open')
      b.offers.push({ ref: `offer_${x}_${i}`, request: `oreq_${x}_${i}`, expertise: expertOf(x), message: 'I can help with this.', days: 1, status: 'proposed' })
      for (const [kind, release] of [['eng', 'approved'], ['pend', 'pending']] as const) {
        request(`${kind}req_${x}_${i}`, x, 'commissioned', { expertsWanted: 1 })
        b.offers.push({ ref: `${kind}o_${x}_${i}`, request: `${kind}req_${x}_${i}`, expertise: expertOf(x), message: 'Accepted.', days: 1, status: 'accepted' })
        b.engagements.push({ ref: `${kind}_${x}_${i}`, offer: `${kind}o_${x}_${i}`, status: 'active', release })
      }
    }
    request(`donereq_${x}`, x, 'completed', { expertsWanted: 1 })
    b.offers.push({ ref: `doneo_${x}`, request: `donereq_${x}`, expertise: expertOf(x), message: 'Done.', days: 1, status: 'accepted' })
    b.engagements.push({
      ref: `done_${x}`, offer: `doneo_${x}`, status: 'completed', release: 'approved', completedAt: '2026-11-20', impact: 4,
      headReflection: 'It worked well for our pupils.', expertReflection: 'I learned a great deal too.',
    })
  }
  return b
}

export type Api = (opts: InjectOptions) => Promise<LightMyRequestResponse>

export type World = {
  name: string
  seeded: Seeded
  ref: (ref: string) => string
  /** Object `i` of a kind owned by a school (or, for trust kinds, by the trust). */
  object: (kind: Kind, owner: Owner, i: number) => string
  api: (personRef: string) => Promise<Api>
  emailsOf: (school: Owner) => string[]
}

export async function buildWorld(app: FastifyInstance, name: string): Promise<World> {
  const bundle = worldBundle(name)
  const seeded = await seed(app, bundle)
  const ref = (r: string) => seeded.ids[r] ?? fail(`${name}: no ref ${r}`)
  const api = async (person: string) => as(app, await seeded.token(person))
  const central = await api('central')
  const admin = await api('admin')
  const extra: Record<string, string[]> = { area: [], cluster: [], invitation: [], notif_A: [], notif_B: [], case_A: [], case_B: [] }
  for (let i = 0; i < POOL; i++) {
    const area = await central({ method: 'POST', url: '/api/areas', payload: { slug: `matrix-area-${unique()}`, name: `Matrix area ${i}` } })
    extra.area!.push(area.json<{ id: string }>().id ?? fail(area.body))
    const cluster = await admin({ method: 'POST', url: '/api/clusters', payload: { name: `Matrix cluster ${unique()}` } })
    extra.cluster!.push(cluster.json<{ id: string }>().id ?? fail(cluster.body))
    const inv = await admin({ method: 'POST', url: '/api/invitations', payload: { email: `invitee-${unique()}@example.org`, role: 'central' } })
    if (inv.statusCode !== 201) fail(inv.body)
  }
  extra.invitation = (await admin({ method: 'GET', url: '/api/invitations' })).json<{ items: { id: string }[] }>().items.map((i) => i.id)
  // A notification for each head: an expert of the other school offers on one of their requests.
  for (const x of OWNERS) {
    const expert = await api(`teacher${other(x)}1`)
    const res = await expert({ method: 'POST', url: `/api/requests/${ref(`open_${x}_0`)}/offers`, payload: { expertiseId: ref(expertOf(x)), message: 'An offer so that the head has a notification.', days: 1 } })
    if (res.statusCode !== 201) fail(`notification setup: ${res.statusCode} ${res.body}`)
    const head = await api(`head${x}`)
    extra[`notif_${x}`]!.push((await head({ method: 'GET', url: '/api/notifications' })).json<{ items: { id: string }[] }>().items[0]?.id ?? fail('no notification'))
    const cases = (await head({ method: 'GET', url: '/api/cases' })).json<{ items: { id: string; requestId?: string; title?: string }[] }>().items
    const done = cases.find((c) => JSON.stringify(c).includes(`donereq_${x}`)) ?? fail(`no case for ${x}: ${JSON.stringify(cases)}`)
    extra[`case_${x}`]!.push(done.id)
  }
  const object = (kind: Kind, owner: Owner, i: number): string => {
    switch (kind) {
      case 'area': case 'cluster': case 'invitation': return extra[kind]![i] ?? fail(`${name}: pool of ${kind} exhausted`)
      case 'notif': case 'case': return extra[`${kind}_${owner}`]![0]!
      case 'exp': return ref(`e${owner}1`)
      case 'school': return ref(owner)
      case 'spare': return ref(`spare${owner}`)
      default: return ref(`${kind}_${owner}_${i}`)
    }
  }
  const emailsOf = (school: Owner) => bundle.people!.filter((p) => p.school === school).map((p) => p.email.toLowerCase())
  return { name, seeded, ref, object, api, emailsOf }
}

function fail(message: string): never {
  throw new Error(message)
}

/** Tables of tenant data and the columns that reads may touch (last_active_at), for the AZ-3 row checksum. */
const TENANT_TABLES = [
  'trusts', 'schools', 'clusters', 'people', 'invitations', 'areas', 'expertise', 'expertise_areas', 'requests', 'request_areas', 'offers',
  'engagements', 'engagement_terms', 'engagement_logs', 'cases', 'case_areas', 'notifications', 'notification_preferences', 'email_outbox',
  'trust_terms', 'trust_closures', 'password_resets', 'idempotency_keys',
]

/** One checksum over every row of every tenant table (both trusts): equal before and after means 0 rows changed. */
export async function rowChecksum(db: Db): Promise<string> {
  // count and a sum of row hashes: order-free, so no sort, and any changed, added or removed row moves it.
  const parts = TENANT_TABLES.map((t) =>
    t === 'people'
      ? `(select count(*) || ':' || coalesce(sum(hashtextextended((to_jsonb(x) - 'last_active_at')::text, 0)), 0) from people x)`
      : `(select count(*) || ':' || coalesce(sum(hashtextextended(x::text, 0)), 0) from ${t} x)`,
  )
  const res = await db.execute(sql.raw(`select concat_ws(',', ${parts.join(', ')}) as h`))
  return (res as { rows: { h: string }[] }).rows[0]!.h
}
