import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { type SQL, sql } from 'drizzle-orm'
import { importBundle, parseBundle } from '../../src/admin/import.service.ts'
import { asOwner } from '../../src/db/scope.ts'
import { defaultYear } from '../../src/lib/default-calendar.ts'
import { as } from '../app.ts'
import { commissioningBundle } from '../commissioning.ts'
import type { settableClock } from '../clock.ts'

/**
 * One trust the model acts on, with its people signed in. A worker keeps its trust for many
 * sequences; each sequence works in an academic year of its own (its requests, its terms' capacity
 * and release budgets), so what one sequence leaves behind never counts in the next one's terms.
 */

/** Everyone the model acts as: both heads, the experts of both schools, a teacher with no expertise, central, admin. */
export const ROLES = ['headA', 'headB', 'teacherA1', 'teacherA2', 'teacherB1', 'expertB0', 'central', 'admin'] as const
export type Role = (typeof ROLES)[number]
export const HEADS = ['headA', 'headB'] as const satisfies readonly Role[]
/** The expertise entries and whose they are. */
export const ENTRIES = { eB1: 'teacherB1', eHeadB: 'headB', eA1: 'teacherA1', eX0: 'expertB0' } as const satisfies Record<string, Role>
export type Entry = keyof typeof ENTRIES
const SCHOOL_OF: Record<Role, 'A' | 'B' | null> = { headA: 'A', teacherA1: 'A', teacherA2: 'A', headB: 'B', teacherB1: 'B', expertB0: 'B', central: null, admin: null }
/** What the bundle gives each entry and school; a sequence starts from these. */
const CAPACITY: Record<Entry, number> = { eB1: 8, eHeadB: 6, eA1: 6, eX0: 10 }
const RELEASE_BUDGET = { A: 2, B: 3 } as const

export type Api = (opts: InjectOptions) => Promise<LightMyRequestResponse>
export type Clock = ReturnType<typeof settableClock>

export type RequestState = {
  id: string; status: string; schoolId: string; expertsWanted: number; daysPerExpert: number
  windowStart: string; windowEnd: string; version: number
}
export type OfferState = { id: string; requestId: string; personId: string; expertiseId: string; status: string; days: number }
export type EngagementState = {
  id: string; requestId: string; offerId: string; expertId: string; providerSchoolId: string | null; receiverSchoolId: string
  status: string; release: string; days: number; delivered: number; acceptedOn: string; windowEnd: string
  expertReflected: boolean; headReflected: boolean
}
export type ExtensionState = { id: string; engagementId: string; status: string; days: number }
export type PersonState = { id: string; active: boolean; paused: boolean }

/** What the sequence's objects look like after a step: read as the owner, whole, in one statement. */
export type State = {
  requests: RequestState[]
  offers: OfferState[]
  engagements: EngagementState[]
  extensions: ExtensionState[]
  people: PersonState[]
  /** One hash of every row the sequence can change, notifications and e-mails included: a refusal must leave it as it was. */
  digest: string
  /** The database's clock after the step: the rows the next step writes are at or after it. */
  mark: string
}

export type Sequence = { year: number; since: string; terms: { start: string; end: string; name: string }[]; sinceReal: string }

export class World {
  readonly ids: Record<string, string>
  readonly trustId: string
  readonly schools: { A: string; B: string }
  private readonly tokens = new Map<Role, string>()
  seq!: Sequence
  state!: State
  private years = 0

  constructor(readonly app: FastifyInstance, readonly clock: Clock, ids: Record<string, string>, readonly firstYear: number) {
    this.ids = ids
    this.trustId = ids.t!
    this.schools = { A: ids.A!, B: ids.B! }
    for (const role of ROLES) this.signIn(role)
  }

  /** Seeds a trust for one worker. People get no password: argon2 per person per trust would cost more than the sequences. */
  static async create(app: FastifyInstance, clock: Clock, name: string, firstYear: number): Promise<World> {
    const bundle = commissioningBundle({ capacityB1: CAPACITY.eB1, releaseB: RELEASE_BUDGET.B, extraExperts: 1 }, name)
    bundle.schools![0]!.releaseDaysPerTerm = RELEASE_BUDGET.A
    for (const p of bundle.people!) delete (p as { password?: string }).password
    const parsed = parseBundle(bundle)
    if (!parsed.ok) throw new Error(`model bundle invalid: ${JSON.stringify(parsed.errors)}`)
    return new World(app, clock, await importBundle(app.db, parsed.bundle), firstYear)
  }

  /** A session as sign-in would issue it (plugins/auth.ts): later than any "sessions end" the person has had. */
  private signIn(role: Role) {
    this.tokens.set(role, this.app.jwt.sign({ sub: this.ids[role]!, tid: this.trustId, ims: Date.now() + 1000 }))
  }

  api(role: Role): Api {
    return as(this.app, this.tokens.get(role)!)
  }

  personId = (role: Role) => this.ids[role]!
  roleOf = (personId: string): Role | undefined => ROLES.find((r) => this.ids[r] === personId)
  entryId = (entry: Entry) => this.ids[entry]!
  entryOf = (expertiseId: string): Entry | undefined => (Object.keys(ENTRIES) as Entry[]).find((e) => this.ids[e] === expertiseId)
  schoolOf = (role: Role): string | null => (SCHOOL_OF[role] ? this.schools[SCHOOL_OF[role]] : null)
  headOf = (schoolId: string | null): Role | undefined => (schoolId === this.schools.A ? 'headA' : schoolId === this.schools.B ? 'headB' : undefined)
  isHeadOf = (role: Role, schoolId: string | null) => schoolId !== null && (role === 'headA' || role === 'headB') && this.schoolOf(role) === schoolId
  today = () => this.clock.now().toISOString().slice(0, 10)

  /**
   * A new sequence: the next academic year, the clock a week before its spring term, and the people
   * and entries as the bundle made them (a previous sequence may have deactivated, paused or
   * re-sized them; putting them back is not part of any sequence, so it is done in SQL).
   */
  async startSequence(): Promise<void> {
    const year = this.firstYear + this.years++
    const terms = defaultYear(year).terms.map((t) => ({ start: t.start, end: t.end, name: t.name }))
    const spring = terms.find((t) => t.name === 'spring')!
    const start = new Date(`${spring.start}T09:00:00Z`)
    start.setUTCDate(start.getUTCDate() - 7)
    this.clock.set(start.toISOString())
    const reset: SQL[] = [
      sql`update people set active = true, paused_at = null where trust_id = ${this.trustId} and not (active and paused_at is null)`,
      ...(Object.keys(ENTRIES) as Entry[]).map((e) => sql`update expertise set capacity_days_per_term = ${CAPACITY[e]}, active = true where id = ${this.entryId(e)} and not (capacity_days_per_term = ${CAPACITY[e]} and active)`),
    ]
    await this.owner(async () => {
      for (const q of reset) await this.app.db.execute(q)
    })
    for (const role of ROLES) this.signIn(role)
    const [row] = await this.rows<{ now: string }>(sql`select clock_timestamp()::text as now`)
    this.seq = { year, since: start.toISOString(), terms, sinceReal: row!.now }
    this.state = await this.readState()
  }

  owner<T>(fn: () => Promise<T>): Promise<T> {
    return asOwner(fn)
  }

  async rows<T>(q: SQL): Promise<T[]> {
    const res = await this.owner(() => this.app.db.execute(q))
    return (res as { rows: T[] }).rows
  }

  /** The sequence's requests: this trust's, raised since the sequence began (their created_at is the app's clock). */
  seqRequests = () => sql`(select id from requests where trust_id = ${this.trustId} and created_at >= ${this.seq.since})`

  async readState(): Promise<State> {
    const t = this.trustId
    const reqs = this.seqRequests()
    const [row] = await this.rows<{ s: Omit<State, 'digest' | 'mark'>; digest: string; mark: string }>(sql`
      with r as (select * from requests where id in ${reqs}),
      o as (select * from offers where request_id in (select id from r)),
      g as (select * from engagements where request_id in (select id from r)),
      x as (select * from engagement_extensions where engagement_id in (select id from g)),
      l as (select * from engagement_logs where engagement_id in (select id from g)),
      gt as (select * from engagement_terms where engagement_id in (select id from g)),
      c as (select * from cases where engagement_id in (select id from g)),
      p as (select id, active, paused_at, role, school_id, tokens_valid_after from people where trust_id = ${t}),
      e as (select id, capacity_days_per_term, autumn_days, spring_days, summer_days, active, archived_at from expertise where trust_id = ${t}),
      n as (select * from notifications where trust_id = ${t} and created_at >= ${this.seq.sinceReal}),
      m as (select * from email_outbox where trust_id = ${t} and created_at >= ${this.seq.sinceReal})
      select json_build_object(
        'requests', coalesce((select json_agg(json_build_object('id', id, 'status', status, 'schoolId', school_id, 'expertsWanted', experts_wanted,
          'daysPerExpert', days_per_expert, 'windowStart', window_start, 'windowEnd', window_end, 'version', version) order by created_at, id) from r), '[]'),
        'offers', coalesce((select json_agg(json_build_object('id', id, 'requestId', request_id, 'personId', person_id, 'expertiseId', expertise_id,
          'status', status, 'days', days) order by created_at, id) from o), '[]'),
        'engagements', coalesce((select json_agg(json_build_object('id', g.id, 'requestId', g.request_id, 'offerId', g.offer_id, 'expertId', g.expert_id,
          'providerSchoolId', g.provider_school_id, 'receiverSchoolId', g.receiver_school_id, 'status', g.status, 'release', g.release, 'days', g.days,
          'delivered', g.delivered_days, 'acceptedOn', to_char(g.created_at at time zone 'UTC', 'YYYY-MM-DD'), 'windowEnd', r.window_end,
          'expertReflected', g.expert_reflection is not null, 'headReflected', g.head_reflection is not null) order by g.created_at, g.id)
          from g join r on r.id = g.request_id), '[]'),
        'extensions', coalesce((select json_agg(json_build_object('id', id, 'engagementId', engagement_id, 'status', status, 'days', days) order by created_at, id) from x), '[]'),
        'people', coalesce((select json_agg(json_build_object('id', id, 'active', active, 'paused', paused_at is not null)) from p), '[]')
      ) as s,
      md5(concat_ws('|',
        (select string_agg(r::text, ',' order by r.id) from r), (select string_agg(o::text, ',' order by o.id) from o),
        (select string_agg(g::text, ',' order by g.id) from g), (select string_agg(x::text, ',' order by x.id) from x),
        (select string_agg(l::text, ',' order by l.id) from l), (select string_agg(gt::text, ',' order by gt.engagement_id, gt.term_start) from gt),
        (select string_agg(c::text, ',' order by c.id) from c), (select string_agg(p::text, ',' order by p.id) from p),
        (select string_agg(e::text, ',' order by e.id) from e), (select string_agg(n::text, ',' order by n.id) from n),
        (select string_agg(m::text, ',' order by m.id) from m))) as digest,
      clock_timestamp()::text as mark`)
    return { ...row!.s, digest: row!.digest, mark: row!.mark }
  }
}
