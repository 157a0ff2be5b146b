import { type Match, MatchListSchema, type RequestForMe, type WhyNot } from '@ee/shared/matching'
import type { Executor } from '../db/client.ts'
import type { Actor } from '../lib/actor.ts'
import { assertCan, can } from '../lib/policy.ts'
import { Problem, notFound } from '../lib/problem.ts'
import type { Calendar } from '../lib/calendar.ts'
import { calendarFor } from '../calendar/calendar.service.ts'
import type { Term } from '../lib/terms.ts'
import { type JsonAnswer, jsonAnswer } from '../lib/json-answer.ts'
import { TrustCache, type TrustVersion } from '../lib/trust-cache.ts'
import { type MatchIndex, reuseOrBuildMatchIndex } from './index/match-index.ts'
import {
  type EngagementFact,
  type RequestForMatching,
  loadCandidates,
  loadEngagements,
  loadFramework,
  loadPeopleNames,
  loadRequests,
  participantIds,
} from './matching.repo.ts'
import { panel, rankExpertise, rankRequestsForExpert } from './rank/rank.ts'
import { freeDays } from './score/rules.ts'
import { haversineKm } from './score/signals.ts'
import type { CandidateExpertise, LoadFigures, MatchContext, PastEngagement, Signals } from './types.ts'
import { explainWhyNot } from './rank/why-not.ts'

/**
 * One trust's matching state, built from the database and kept in memory while the trust's
 * matching_version (moved by triggers on every relevant write, read with the session) stays the
 * same. See docs/decisions/006-matching-index.md.
 */
type TrustSnapshot = {
  version: number
  entries: CandidateExpertise[]
  byId: Map<string, CandidateExpertise>
  names: Map<string, string>
  index: MatchIndex
  engagements: EngagementFact[]
  history: PastEngagement[]
  framework: { strands: Record<string, string>; names: Record<string, string> }
  perTerm: Map<string, { entries: CandidateExpertise[]; byId: Map<string, CandidateExpertise>; load: LoadFigures }>
}

/** Three decimals are all a reader (or the UI's bars) can use. */
const roundSignals = (signals: Signals): Signals =>
  Object.fromEntries(Object.entries(signals).map(([k, v]) => [k, Math.round(v * 1000) / 1000])) as Signals

const COMMITTING = (g: EngagementFact) => g.status !== 'cancelled' && g.release !== 'refused'

export class MatchingService {
  private readonly snapshots = new Map<string, Promise<TrustSnapshot>>()
  /** Requests and rankings are pure functions of the trust's data: kept per trust version (lib/trust-cache.ts). */
  private readonly requests = new TrustCache<RequestForMatching | undefined>()
  private readonly rankings = new TrustCache<JsonAnswer<Match[]>>()

  constructor(private readonly db: Executor, private readonly now: () => Date) {}

  private async snapshot(trustId: string, version: number): Promise<TrustSnapshot> {
    const cached = this.snapshots.get(trustId)
    if (cached) {
      const snap = await cached.catch(() => undefined)
      // A newer snapshot serves a request that started before the write it has seen.
      if (snap && snap.version >= version) return snap
    }
    const building = this.build(trustId, version)
    this.snapshots.set(trustId, building)
    building.catch(() => {
      if (this.snapshots.get(trustId) === building) this.snapshots.delete(trustId)
    })
    return building
  }

  private async build(trustId: string, version: number): Promise<TrustSnapshot> {
    const previous = this.snapshots.get(trustId)?.catch(() => undefined)
    const [entries, engagements, framework, names] = await Promise.all([
      loadCandidates(this.db, trustId),
      loadEngagements(this.db, trustId),
      loadFramework(this.db, trustId),
      loadPeopleNames(this.db, trustId),
    ])
    const history: PastEngagement[] = engagements
      .filter((g) => g.release !== 'refused')
      .map((g) => ({
        requestId: g.requestId,
        expertPersonId: g.expertId,
        expertiseId: g.expertiseId,
        receivingSchoolId: g.receiverSchoolId,
        areas: g.areas,
        impact: g.status === 'completed' ? g.impact : null,
        status: g.status,
      }))
    const index = reuseOrBuildMatchIndex(entries, await previous)
    return { version, entries, byId: new Map(entries.map((e) => [e.id, e])), names, index, engagements, history, framework, perTerm: new Map() }
  }

  /**
   * Entries with their days for one term (an entry's own figure for the term, e.g. none in summer)
   * less the days charged to it, and the load on experts and schools in that term.
   */
  private forTerm(snap: TrustSnapshot, term: Pick<Term, 'start' | 'name'>) {
    const termStart = term.start
    const cached = snap.perTerm.get(termStart)
    if (cached) return cached
    const committed = new Map<string, number>()
    const expertDays = new Map<string, number>()
    const schoolDays = new Map<string, number>()
    for (const g of snap.engagements) {
      if (!COMMITTING(g)) continue
      const days = g.charges.reduce((n, c) => n + (c.termStart === termStart ? c.days : 0), 0)
      if (days === 0) continue
      committed.set(g.expertiseId, (committed.get(g.expertiseId) ?? 0) + days)
      expertDays.set(g.expertId, (expertDays.get(g.expertId) ?? 0) + days)
      if (g.providerSchoolId) schoolDays.set(g.providerSchoolId, (schoolDays.get(g.providerSchoolId) ?? 0) + days)
    }
    const entries = snap.entries.map((e) => ({
      ...e,
      capacityDaysPerTerm: e.termDays?.[term.name] ?? e.capacityDaysPerTerm,
      committedDaysInWindowTerm: committed.get(e.id) ?? 0,
    }))
    const value = { entries, byId: new Map(entries.map((e) => [e.id, e])), load: { expertDaysThisTerm: expertDays, schoolDaysThisTerm: schoolDays } }
    snap.perTerm.set(termStart, value)
    return value
  }

  private context(snap: TrustSnapshot, load: LoadFigures, term: Term): MatchContext {
    return { areaStrands: snap.framework.strands, areaNames: snap.framework.names, history: snap.history, load, now: this.now().toISOString(), term: { label: term.label, start: term.start, end: term.end } }
  }

  /**
   * Entries for a request's window by its trust's calendar. A window spanning several terms charges
   * each its share of the days (Calendar.splitDays), so each entry is judged by the term it has least
   * to spare in after that share; the load figures are the first term's.
   */
  private forWindow(snap: TrustSnapshot, calendar: Calendar, request: Pick<RequestForMatching, 'window' | 'daysPerExpert'>) {
    const shares = calendar.splitDays(request.daysPerExpert, request.window)
    const views = shares.map((s) => ({ share: s, view: this.forTerm(snap, s.term) }))
    const first = views[0]!
    if (views.length === 1) return { ...first.view, term: first.share.term }
    const entries = first.view.entries.map((_, i) => {
      let bound = first
      let least = Infinity
      for (const v of views) {
        const spare = freeDays(v.view.entries[i]!) - v.share.days
        if (spare < least) [least, bound] = [spare, v]
      }
      const { label, start, end } = bound.share.term
      return { ...bound.view.entries[i]!, windowTerm: { label, start, end } }
    })
    return { entries, byId: new Map(entries.map((e) => [e.id, e])), load: first.view.load, term: first.share.term }
  }

  private async requestFor(actor: Actor, version: TrustVersion, id: string): Promise<RequestForMatching> {
    const request = await this.requests.get(actor.trustId, version, id, async () => (await loadRequests(this.db, { ids: [id] }))[0])
    if (!request || request.trustId !== actor.trustId) return notFound('request')
    assertCan(actor, 'request.matches', { trustId: request.trustId, schoolId: request.schoolId, confidentiality: request.confidentiality, status: request.status }, 'request')
    if (request.status !== 'draft' && request.status !== 'open') {
      throw new Problem(409, '/problems/conflict', 'No suggestions now', `This request is ${request.status}; suggestions are for draft and open requests.`)
    }
    return request
  }

  /** Suggestions for a request, once the actor may see them; the ranking itself is kept per trust version and day. */
  async matches(actor: Actor, version: TrustVersion, requestId: string, opts: { limit: number; panel: boolean }): Promise<JsonAnswer<Match[]>> {
    const request = await this.requestFor(actor, version, requestId)
    const key = JSON.stringify([requestId, opts.limit, opts.panel, this.now().toISOString().slice(0, 10)])
    return this.rankings.get(actor.trustId, version, key, async () => jsonAnswer(MatchListSchema, await this.rank(request, version.matching, opts)))
  }

  private async rank(request: RequestForMatching, version: number, opts: { limit: number; panel: boolean }): Promise<Match[]> {
    const snap = await this.snapshot(request.trustId, version)
    const { entries, byId, load, term } = this.forWindow(snap, await calendarFor(this.db, request.trustId), request)
    const ranked = rankExpertise(request, entries, this.context(snap, load, term), { limit: opts.panel ? Math.max(opts.limit, 50) : opts.limit, index: snap.index })
    const panelIds = new Set(panel(ranked, request.expertsWanted).map((m) => m.expertiseId))
    const chosen = opts.panel ? ranked.filter((m) => panelIds.has(m.expertiseId)) : ranked
    return chosen.slice(0, opts.limit).map((m) => {
      const e = byId.get(m.expertiseId)!
      const distanceKm =
        request.location && e.school.lat !== null && e.school.lng !== null
          ? Math.round(haversineKm(request.location, { lat: e.school.lat, lng: e.school.lng }) * 10) / 10
          : null
      return {
        expertise: {
          id: e.id, title: e.title, summary: e.summary, evidence: e.evidence, areas: [...e.areas], phases: [...e.phases], modes: [...e.modes],
          capacityDaysPerTerm: e.capacityDaysPerTerm, freeDays: freeDays(e),
        },
        person: { id: e.personId, name: snap.names.get(e.personId) ?? '', lastActiveAt: e.lastActiveAt },
        school: { id: e.schoolId, name: e.school.name, distanceKm },
        score: Math.round(m.score * 1000) / 1000,
        signals: roundSignals(m.signals),
        reasons: m.reasons.map((r) => r.text),
        reasonDetails: m.reasons,
        inPanel: panelIds.has(m.expertiseId),
      }
    })
  }

  /**
   * The next suggestions still free for an open request: the ranking `matches` gives, less everyone
   * already asked on it (invited, offering, declined or withdrawn), one entry per person, each with the
   * days the request asks for free in every term its window covers. Ruled-out entries never rank.
   */
  async nextFree(request: RequestForMatching, limit: number): Promise<Match[]> {
    const asked = new Set(await participantIds(this.db, request.id))
    const calendar = await calendarFor(this.db, request.trustId)
    const snap = await this.snapshot(request.trustId, 0)
    const shares = calendar.splitDays(request.daysPerExpert, request.window).map((s) => ({ days: s.days, byId: this.forTerm(snap, s.term).byId }))
    const hasDays = (expertiseId: string) => shares.every((s) => freeDays(s.byId.get(expertiseId)!) >= s.days)
    const ranked = await this.rank(request, 0, { limit: Math.min(snap.entries.length, 50 + asked.size + limit), panel: false })
    const people = new Set<string>()
    const out: Match[] = []
    for (const m of ranked) {
      if (out.length >= limit) break
      if (asked.has(m.person.id) || people.has(m.person.id) || !hasDays(m.expertise.id)) continue
      people.add(m.person.id)
      out.push(m)
    }
    return out
  }

  async whyNot(actor: Actor, version: TrustVersion, requestId: string, target: { personId?: string; expertiseId?: string }): Promise<WhyNot> {
    const request = await this.requestFor(actor, version, requestId)
    const snap = await this.snapshot(actor.trustId, version.matching)
    const { entries, load, term } = this.forWindow(snap, await calendarFor(this.db, request.trustId), request)
    const answer = explainWhyNot(request, entries, this.context(snap, load, term), target.expertiseId ? { expertiseId: target.expertiseId } : { personId: target.personId! }, { index: snap.index })
    if (answer.entries.length === 0) return notFound(target.expertiseId ? 'expertise entry' : 'person')
    const first = snap.byId.get(answer.entries[0]!.expertiseId)!
    const personName = snap.names.get(first.personId) ?? ''
    const out = answer.entries.map((a) => {
      const title = snap.byId.get(a.expertiseId)?.title ?? ''
      return a.status === 'excluded'
        ? { expertiseId: a.expertiseId, title, status: a.status, exclusions: a.exclusions, rank: null, of: null, score: null, shown: false, weakSignals: [], reasons: [], reasonDetails: [] }
        : {
            expertiseId: a.expertiseId, title, status: a.status, exclusions: [], rank: a.rank, of: a.of, score: Math.round(a.score * 1000) / 1000, shown: a.shown,
            weakSignals: a.weakSignals, reasons: a.reasons.map((r) => r.text), reasonDetails: a.reasons,
          }
    })
    const summary = out
      .map((e) =>
        e.status === 'excluded'
          ? `"${e.title}" cannot be suggested: ${e.exclusions.map((x) => x.reason).join('; ')}.`
          : e.shown
            ? `"${e.title}" is suggested, at number ${e.rank} of ${e.of}.`
            : `"${e.title}" ranks ${e.rank} of ${e.of}${e.weakSignals.length ? `: ${e.weakSignals.map((w) => w.reason).join('; ')}` : ''}.`,
      )
      .join(' ')
    return { person: { id: first.personId, name: personName }, entries: out, summary }
  }

  /** Open requests a signed-in expert could help with, best first, with reasons. */
  async forMe(actor: Actor, version: TrustVersion, limit: number): Promise<RequestForMe[]> {
    if (actor.role !== 'teacher' && actor.role !== 'headteacher') return []
    const snap = await this.snapshot(actor.trustId, version.matching)
    const mine = snap.entries.filter((e) => e.personId === actor.id)
    if (mine.length === 0) return []
    const open = (await loadRequests(this.db, { trustId: actor.trustId, status: 'open' })).filter((r) => r.schoolId !== actor.schoolId)
    const visible: RequestForMatching[] = []
    for (const r of open) {
      // Only requests whose words this expert may read (policy `request.readText`): a confidential one once invited.
      const participants = r.confidentiality === 'trust' ? [] : await participantIds(this.db, r.id)
      if (can(actor, 'request.readText', { trustId: r.trustId, schoolId: r.schoolId, confidentiality: r.confidentiality, status: r.status, participantIds: participants })) visible.push(r)
    }
    const calendar = await calendarFor(this.db, actor.trustId)
    const byTerm = new Map<string, { term: Term; list: RequestForMatching[] }>()
    for (const r of visible) {
      const term = calendar.splitDays(r.daysPerExpert, r.window)[0]!.term
      const group = byTerm.get(term.start) ?? byTerm.set(term.start, { term, list: [] }).get(term.start)!
      group.list.push(r)
    }
    const results: (RequestForMe & { order: number })[] = []
    for (const { term, list } of byTerm.values()) {
      const { entries, load } = this.forTerm(snap, term)
      const expertEntries = entries.filter((e) => e.personId === actor.id)
      const ranked = rankRequestsForExpert(expertEntries, list, this.context(snap, load, term), { index: snap.index })
      const byId = new Map(list.map((r) => [r.id, r]))
      for (const m of ranked) {
        const r = byId.get(m.requestId)!
        results.push({
          request: {
            id: r.id, title: r.title, schoolId: r.schoolId, schoolName: r.schoolName, areas: [...r.areas], modes: [...r.modes], phases: [...r.phases],
            daysPerExpert: r.daysPerExpert, window: r.window, publishedAt: r.publishedAt?.toISOString() ?? null, confidentiality: r.confidentiality,
          },
          expertiseId: m.expertiseId,
          expertiseTitle: snap.byId.get(m.expertiseId)?.title ?? '',
          score: Math.round(m.score * 1000) / 1000,
          reasons: m.reasons,
          order: m.score,
        })
      }
    }
    return results
      .sort((a, b) => b.order - a.order || a.request.id.localeCompare(b.request.id))
      .slice(0, limit)
      .map(({ order: _order, ...rest }) => rest)
  }
}

/**
 * The next free suggestions for a request, read with the caller's transaction (no cache: an expiry or a
 * decline reads them together with its own writes). Answers none unless the request is open.
 */
export async function nextFreeSuggestions(ex: Executor, requestId: string, now: Date, limit: number): Promise<Match[]> {
  const [request] = await loadRequests(ex, { ids: [requestId] })
  if (!request || request.status !== 'open') return []
  return new MatchingService(ex, () => now).nextFree(request, limit)
}
